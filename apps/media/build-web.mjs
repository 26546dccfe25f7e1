#!/usr/bin/env node
// The interview pages the media service serves (and the API too, from apps/web/dist): /interview/seeker.html and
// /interview/hr.html are Vue apps of apps/web (apps/web/apps.mjs: interview-seeker, interview-hr), built by Vite
// with the other pages (apps/web/build.mjs) into apps/web/dist/interview/*.html and apps/web/dist/assets/.
// This builds only those two, and only when their sources are newer than the built pages (a full web build has
// usually made them already): the media image's build, `npm run build:media`, and the media service in development
// and tests (apps/media/src/web-assets.ts).
//   node apps/media/build-web.mjs [--force]
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const web = join(root, 'apps/web');
const APPS = ['interview-seeker', 'interview-hr'];
const pages = ['seeker.html', 'hr.html'].map((p) => join(web, 'dist/interview', p));
// What the pages are made of (generated gql/ folders aside: every build writes them anew).
const sources = [
  join(web, 'interview'),
  join(web, 'src/interview'),
  ...APPS.map((a) => join(web, 'src', a)),
  join(web, 'src/shared'),
  join(web, 'apps.mjs'),
  join(web, 'vite.config.mts'),
  join(root, 'apps/media/src/protocol.ts'),
  join(root, 'apps/api/schema.gql'),
];

function newest(paths) {
  let t = 0;
  for (const p of paths) {
    if (!existsSync(p)) continue;
    const s = statSync(p);
    if (!s.isDirectory()) t = Math.max(t, s.mtimeMs);
    else if (!p.endsWith('/gql')) t = Math.max(t, newest(readdirSync(p).map((n) => join(p, n))));
  }
  return t;
}

const built = pages.every((p) => existsSync(p)) ? Math.min(...pages.map((p) => statSync(p).mtimeMs)) : 0;
if (!process.argv.includes('--force') && built > 0 && newest(sources) <= built) {
  console.log('interview pages up to date');
} else {
  execFileSync(process.execPath, [join(web, 'build.mjs')], { cwd: root, stdio: 'inherit', env: { ...process.env, WEB_APPS: APPS.join(',') } });
}
