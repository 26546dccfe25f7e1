import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Logger } from '@nestjs/common';

/** The pages (html, css) and the bundle esbuild makes from apps/web/src/interview. */
export function webAssetDirs(webRoot: string) {
  return { pages: join(webRoot, 'interview'), bundles: join(webRoot, 'dist', 'interview') };
}

const BUILD_SCRIPT = resolve(__dirname, '..', 'build-web.mjs');

/**
 * Builds the browser bundle with apps/media/build-web.mjs when it is missing or
 * older than its sources (development and tests, where the sources are at
 * hand; the container image builds it at image build time).
 */
export function ensureWebBundle(webRoot: string): void {
  const { bundles } = webAssetDirs(webRoot);
  const bundle = join(bundles, 'interview.js');
  const sources = [join(webRoot, 'src', 'interview'), join(webRoot, 'src', 'shared'), join(webRoot, 'interview'), join(__dirname, 'protocol.ts')];
  if (!existsSync(BUILD_SCRIPT) || !existsSync(sources[0])) {
    if (!existsSync(bundle)) new Logger('WebAssets').warn(`${bundle} is missing; the interview pages will not work`);
    return;
  }
  if (existsSync(bundle) && newestMtime(sources) <= statSync(bundle).mtimeMs) return;
  new Logger('WebAssets').log(`building ${bundle}`);
  const run = spawnSync(process.execPath, [BUILD_SCRIPT, '--out', bundles], { stdio: 'inherit' });
  if (run.status !== 0) throw new Error(`building the interview pages failed (${BUILD_SCRIPT})`);
}

function newestMtime(paths: string[]): number {
  let newest = 0;
  for (const path of paths) {
    if (!existsSync(path)) continue;
    const stat = statSync(path);
    newest = Math.max(newest, stat.isDirectory() ? newestMtime(readdirSync(path).map((name) => join(path, name))) : stat.mtimeMs);
  }
  return newest;
}
