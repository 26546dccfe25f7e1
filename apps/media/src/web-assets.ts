import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Logger } from '@nestjs/common';

/** The built interview pages (dist/interview/*.html) and the scripts and stylesheets they load (dist/assets/). */
export function webAssetDirs(webRoot: string) {
  return { pages: join(webRoot, 'dist', 'interview'), assets: join(webRoot, 'dist', 'assets') };
}

const BUILD_SCRIPT = resolve(__dirname, '..', 'build-web.mjs');

/**
 * Builds the interview pages with apps/media/build-web.mjs when they are missing or older than their sources
 * (development and tests, where the sources are at hand; the container image builds them at image build time).
 */
export function ensureWebBundle(webRoot: string): void {
  const page = join(webAssetDirs(webRoot).pages, 'hr.html');
  if (!existsSync(BUILD_SCRIPT) || !existsSync(join(webRoot, 'src', 'interview'))) {
    if (!existsSync(page)) new Logger('WebAssets').warn(`${page} is missing; the interview pages will not work`);
    return;
  }
  const run = spawnSync(process.execPath, [BUILD_SCRIPT], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (run.status !== 0) throw new Error(`building the interview pages failed (${BUILD_SCRIPT})`);
}
