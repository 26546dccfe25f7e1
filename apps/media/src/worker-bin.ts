import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** The mediasoup version whose worker tools/mediasoup/build-worker.sh builds. */
export const MEDIASOUP_VERSION = '3.12.16';

/** "debian12" from /etc/os-release (ID + VERSION_ID), as tools/mediasoup/worker-bin.sh computes it. */
export function distroTag(osRelease = '/etc/os-release'): string {
  const text = existsSync(osRelease) ? readFileSync(osRelease, 'utf8') : '';
  const field = (name: string) => text.match(new RegExp(`^${name}=(.*)$`, 'm'))?.[1].replace(/^"|"$/g, '') ?? '';
  return `${field('ID') || 'unknown'}${field('VERSION_ID')}`;
}

/** Where build-worker.sh caches the binary by default: ~/.cache/talent-cloud/mediasoup-worker/<version>-<distro>/. */
export function cachedWorkerBin(cacheRoot = join(homedir(), '.cache', 'talent-cloud', 'mediasoup-worker')): string {
  return resolve(join(cacheRoot, `${MEDIASOUP_VERSION}-${distroTag()}`, 'mediasoup-worker'));
}

export const BUILD_HINT = 'run tools/mediasoup/build-worker.sh (it prints the path for MEDIASOUP_WORKER_BIN)';
