#!/usr/bin/env node
// Builds the seeker, HR and staff pages into apps/web/dist (served by the API at /):
//   dist/index.html      seeker app (mobile)      dist/hr/index.html   HR app (PC)
//   dist/staff/index.html  staff app (PC: school admins' graduate imports, the training room's QR)
//   dist/assets/seeker-<hash>.js, dist/assets/hr-<hash>.js, dist/assets/staff-<hash>.js, dist/icons/*
// CSS is inlined into each page and the script name carries a content hash,
// so a phone on 3G makes two requests (page + script) and can cache the script.
// Only the files above are written or removed: dist/interview belongs to apps/media.
//   node apps/web/build.mjs [--check] [--dev]   (--check: type-check first; also: import { build, typecheck })
import { build as esbuild } from 'esbuild';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/** Budget per app, minified: the seeker app is for cheap phones on 3G (< 60 KB); HR and staff pages run on office PCs. */
export const JS_BUDGET = 60 * 1024;
export const PC_JS_BUDGET = 100 * 1024;
const APPS = [
  { name: 'seeker', entry: 'src/app/main.ts', html: 'index.html', budget: JS_BUDGET },
  { name: 'hr', entry: 'src/hr/main.ts', html: 'hr/index.html', budget: PC_JS_BUDGET },
  { name: 'staff', entry: 'src/staff/main.ts', html: 'staff/index.html', budget: PC_JS_BUDGET },
];

export async function build({ outDir = join(here, 'dist'), minify = true, log = false } = {}) {
  const css = readFileSync(join(here, 'public/app.css'), 'utf8');
  const cssMin = minify
    ? css
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/\s*\n\s*/g, '')
        .trim()
    : css;
  mkdirSync(join(outDir, 'assets'), { recursive: true });
  const sizes = {};
  for (const app of APPS) {
    const r = await esbuild({
      entryPoints: [join(here, app.entry)],
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      // Cheap Android phones with old WebViews / UC / QQ browsers.
      target: ['es2017'],
      minify,
      legalComments: 'none',
      charset: 'utf8',
      logLevel: 'error',
    });
    const js = r.outputFiles[0].contents;
    const hash = createHash('sha256').update(js).digest('hex').slice(0, 10);
    const file = `${app.name}-${hash}.js`;
    for (const old of readdirSync(join(outDir, 'assets'))) {
      if (old.startsWith(`${app.name}-`) && old.endsWith('.js') && old !== file) rmSync(join(outDir, 'assets', old));
    }
    writeFileSync(join(outDir, 'assets', file), js);
    const htmlOut = join(outDir, app.html);
    mkdirSync(dirname(htmlOut), { recursive: true });
    const src = relative(dirname(htmlOut), join(outDir, 'assets', file))
      .split('\\')
      .join('/');
    const page = readFileSync(join(here, 'public', app.html), 'utf8')
      .replace('<!--CSS-->', () => `<style>${cssMin}</style>`)
      .replace('<!--JS-->', () => `<script src="${src}" defer></script>`);
    writeFileSync(htmlOut, page);
    sizes[app.name] = { js: js.length, html: Buffer.byteLength(page), file: `assets/${file}` };
    if (js.length > app.budget) throw new Error(`${app.name} bundle is ${js.length} bytes, over the ${app.budget} budget`);
  }
  copyDir(join(here, 'public/icons'), join(outDir, 'icons'));
  if (log)
    for (const [k, v] of Object.entries(sizes))
      console.log(`${k.padEnd(7)} ${v.file}  js ${(v.js / 1024).toFixed(1)} KB  html ${(v.html / 1024).toFixed(1)} KB`);
  return sizes;
}

function copyDir(from, to) {
  mkdirSync(to, { recursive: true });
  for (const f of readdirSync(from)) {
    const s = join(from, f);
    if (statSync(s).isDirectory()) copyDir(s, join(to, f));
    else copyFileSync(s, join(to, f));
  }
}

/** Type-checks src/app, src/hr and src/shared (esbuild only strips types). Returns error messages. */
export async function typecheck() {
  const ts = (await import('typescript')).default;
  const files = [];
  const walk = (d) => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.ts')) files.push(p);
    }
  };
  for (const d of ['src/app', 'src/hr', 'src/staff', 'src/shared']) walk(join(here, d));
  const program = ts.createProgram(files, {
    target: ts.ScriptTarget.ES2020,
    lib: ['lib.es2020.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
    strict: true,
    noEmit: true,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    skipLibCheck: true,
    types: [],
    noUnusedLocals: true,
  });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file ? `${relative(here, d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1} ` : '';
    return where + ts.flattenDiagnosticMessageText(d.messageText, '\n');
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  (async () => {
    if (process.argv.includes('--check')) {
      const errors = await typecheck();
      if (errors.length) throw new Error(errors.join('\n'));
    }
    await build({ minify: !process.argv.includes('--dev'), log: true });
  })().catch((e) => {
    console.error(e.message || e);
    process.exit(1);
  });
}
