#!/usr/bin/env node
// Bundles the interview pages' TypeScript (apps/web/src/interview) for the
// browser with esbuild: apps/web/dist/interview/interview.js (+ source map),
// and copies the pages (apps/web/interview/*.html, *.css) next to it, so the
// API (which serves apps/web/dist) serves /interview/hr.html as well.
//   node apps/media/build-web.mjs [--out <dir>] [--watch]
import { build, context } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const outdir = outIndex >= 0 ? resolve(args[outIndex + 1]) : join(root, 'apps/web/dist/interview');

const options = {
  entryPoints: { interview: join(root, 'apps/web/src/interview/main.ts') },
  outdir,
  bundle: true,
  format: 'iife',
  platform: 'browser',
  // Same syntax level as the other pages (apps/web/build.mjs); WebRTC itself needs a recent browser.
  target: ['es2017'],
  minify: true,
  sourcemap: true,
  legalComments: 'linked',
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
};

function copyPages() {
  const pages = join(root, 'apps/web/interview');
  mkdirSync(outdir, { recursive: true });
  for (const name of readdirSync(pages)) {
    if (/\.(html|css)$/.test(name)) copyFileSync(join(pages, name), join(outdir, name));
  }
}

copyPages();
if (args.includes('--watch')) {
  const ctx = await context(options);
  await ctx.watch();
  console.log(`watching, writing ${outdir}`);
} else {
  await build(options);
  console.log(`built ${outdir}/interview.js`);
}
