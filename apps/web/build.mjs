#!/usr/bin/env node
// Builds the page apps listed in apps/web/apps.mjs into apps/web/dist (served by the API at /):
//   dist/index.html (seeker, phone), dist/hr/index.html, dist/staff/index.html, dist/bureau/index.html,
//   dist/fair/index.html, dist/interview/seeker.html and dist/interview/hr.html (the video interview pages, which the
//   media service serves too), dist/assets/<name>-<10 hex>.{js,css}, dist/icons/*.
// GraphQL Code Generator writes the typed documents from the committed apps/api/schema.gql (a query that no longer
// matches the schema fails here), vue-tsc type-checks them, Vite bundles them (Vant / Element Plus components imported
// per use, routes split into lazy chunks).
// Every app's first load (the entry script, the chunks it preloads and its stylesheets) is measured gzipped and
// checked against its budget.
//   node apps/web/build.mjs [--dev] [--no-check]     (also: import { build } from './build.mjs')
//   WEB_APPS=seeker,hr node apps/web/build.mjs        (only these apps; the others' files stay as they are)
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { WEB_APPS } from './apps.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const bin = (pkg, path) => join(root, 'node_modules', pkg, path);

export async function build({ outDir = join(here, 'dist'), minify = true, log = false, check = true, only = process.env.WEB_APPS } = {}) {
  const chosen = only ? WEB_APPS.filter((a) => only.split(',').includes(a.name)) : WEB_APPS;
  const assets = join(outDir, 'assets');
  mkdirSync(assets, { recursive: true });
  // A full build starts from an empty assets folder (old hashed files would pile up); a partial one keeps the others'.
  if (!only) for (const f of readdirSync(assets)) rmSync(join(assets, f), { recursive: true });
  const sizes = {};
  const vue = chosen.filter((a) => a.vue);
  if (vue.length) {
    const run = (file, args) => execFileSync(process.execPath, [file, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    // Generated fresh each time: a document deleted from a page leaves no stale type behind.
    for (const dir of [join(here, 'src/shared/gql'), ...WEB_APPS.map((a) => join(here, 'src', a.name, 'gql'))]) rmSync(dir, { recursive: true, force: true });
    try {
      run(bin('@graphql-codegen/cli', 'cjs/bin.js'), ['--config', 'apps/web/codegen.ts']);
      if (check) run(bin('vue-tsc', 'bin/vue-tsc.js'), ['--noEmit', '-p', 'apps/web/tsconfig.json']);
    } catch (e) {
      throw new Error(`${String(e.stdout || '')}${String(e.stderr || '')}`.trim() || e.message);
    }
    const { build: viteBuild } = await import('vite');
    process.env.WEB_APPS = vue.map((a) => a.name).join(',');
    try {
      await viteBuild({ configFile: join(here, 'vite.config.mts'), logLevel: 'warn', mode: minify ? 'production' : 'development', build: { outDir, minify } });
    } finally {
      if (only) process.env.WEB_APPS = only;
      else delete process.env.WEB_APPS;
    }
    for (const app of vue) sizes[app.name] = firstLoad(app, outDir);
  }
  copyDir(join(here, 'public/icons'), join(outDir, 'icons'));
  for (const app of chosen) {
    const s = sizes[app.name];
    if (log)
      console.log(`${app.name.padEnd(7)} first load ${(s.gzip / 1024).toFixed(1)} KB gzipped (${(s.raw / 1024).toFixed(1)} KB) in ${s.files.length} files`);
    if (s.gzip > app.budgetGzip)
      throw new Error(`${app.name}: first load is ${s.gzip} bytes gzipped, over its ${app.budgetGzip} budget (${s.files.join(', ')})`);
  }
  return sizes;
}

/** The first load of a built page: its scripts, the modules it preloads and its stylesheets, raw and gzipped. */
export function firstLoad(app, outDir = join(here, 'dist')) {
  const page = readFileSync(join(outDir, app.html), 'utf8');
  const files = [...page.matchAll(/<(?:script|link)\b[^>]*(?:src|href)="([^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  let raw = Buffer.byteLength(page);
  let gzip = gzipSync(page).length;
  for (const f of files) {
    const body = readFileSync(join(outDir, f.startsWith('/') ? f.slice(1) : join(dirname(app.html), f)));
    raw += body.length;
    gzip += gzipSync(body).length;
  }
  return { raw, gzip, files };
}

function copyDir(from, to) {
  if (!existsSync(from)) return;
  mkdirSync(to, { recursive: true });
  for (const f of readdirSync(from)) {
    const s = join(from, f);
    if (statSync(s).isDirectory()) copyDir(s, join(to, f));
    else copyFileSync(s, join(to, f));
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  build({ minify: !process.argv.includes('--dev'), check: !process.argv.includes('--no-check'), log: true }).catch((e) => {
    console.error(e.message || e);
    process.exit(1);
  });
}
