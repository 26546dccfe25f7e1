/**
 * Media benchmark (not part of jest):
 *   npx ts-node -r tsconfig-paths/register bench/media/interview-bench.ts [--max 8] [--window 10]
 *
 * Clients are real headless chromium pages (Debian's chromium, fake camera and
 * microphone, VP8 simulcast), all on this machine next to the SFU. Figures:
 *  1. join → first decoded frame: a seeker clicks Join in a room where HR is
 *     already publishing; time until the seeker's page has decoded a video frame
 *     (median of 10).
 *  2. capacity: two-party interviews are added one at a time; after each step
 *     the script measures, over a window, the CPU of the mediasoup workers (the
 *     SFU), of the Node process (signalling) and of chromium (the clients), and
 *     the decoded frame rate in every page. It stops when the machine is
 *     saturated (our processes ≥ 90 % of all cores; other load on the machine is
 *     shown as machine% but not counted) or the media degrade (average fps < 60 % of the
 *     single-interview rate).
 * On one machine the browsers use far more CPU than the SFU, so the measured
 * maximum is the browsers' limit; the SFU CPU per interview is reported so the
 * SFU's own capacity can be extrapolated.
 */
import { cpus } from 'node:os';
import type { Browser, Page } from 'playwright-core';
import { cpuSample, median, TICKS } from './cpu';
import { joinPage, launchChromium, MediaHarness, Participant, roomToken, startMedia, stats, waitForMedia } from '../../test/browser/media-harness';

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const MAX_INTERVIEWS = arg('max', 8);
const WINDOW_S = arg('window', 10);
async function joinToFirstFrame(media: MediaHarness, browser: Browser, runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const room = `bench-join-${i}`;
    const hr = await joinPage(browser, media.baseUrl, { page: 'hr', room, token: roomToken({ sub: `hr${i}`, room, role: 'HR' }) });
    await hr.page.waitForFunction(() => window.__media.joined);
    await hr.page.waitForTimeout(300); // HR's producers exist
    const seeker = await joinPage(browser, media.baseUrl, {
      page: 'seeker',
      room,
      join: false,
      token: roomToken({ sub: `s${i}`, room, role: 'SEEKER' }),
    });
    const ms = await seeker.page.evaluate(async () => {
      const start = performance.now();
      (document.getElementById('join') as HTMLButtonElement).click();
      for (;;) {
        const s = await window.__media.stats().catch(() => null);
        if (s && s.video.framesDecoded > 0) return performance.now() - start;
        await new Promise((r) => setTimeout(r, 20));
      }
    });
    times.push(ms);
    await Promise.all([hr.context.close(), seeker.context.close()]);
  }
  return times;
}

interface Step {
  interviews: number;
  /** Whole machine busy, % of all cores (includes processes that are not ours). */
  machineCpu: number;
  /** SFU + node + chromium, % of all cores. */
  ownCpu: number;
  sfuCpu: number;
  nodeCpu: number;
  chromiumCpu: number;
  fps: number;
  minFps: number;
  audioKbps: number;
}

async function measure(media: MediaHarness, pages: Page[], interviews: number): Promise<Step> {
  const sample = () => cpuSample(media.pool.live().map((w) => w.worker.pid));
  const statsBefore = await Promise.all(pages.map(stats));
  const a = sample();
  await new Promise((r) => setTimeout(r, WINDOW_S * 1000));
  const b = sample();
  const statsAfter = await Promise.all(pages.map(stats));
  const seconds = (b.at - a.at) / 1000;
  const pct = (ticks: number) => (100 * ticks) / TICKS / seconds; // % of one core
  const fps = statsAfter.map((s, i) => (s.video.framesDecoded - statsBefore[i].video.framesDecoded) / seconds);
  const audio = statsAfter.map((s, i) => ((s.audio.bytesReceived - statsBefore[i].audio.bytesReceived) * 8) / 1000 / seconds);
  const cores = cpus().length;
  return {
    interviews,
    machineCpu: (100 * (b.machine.busy - a.machine.busy)) / (b.machine.total - a.machine.total),
    ownCpu: (pct(b.sfu - a.sfu) + pct(b.node - a.node) + pct(b.chromium - a.chromium)) / cores,
    sfuCpu: pct(b.sfu - a.sfu),
    nodeCpu: pct(b.node - a.node),
    chromiumCpu: pct(b.chromium - a.chromium),
    fps: fps.reduce((x, y) => x + y, 0) / fps.length,
    minFps: Math.min(...fps),
    audioKbps: audio.reduce((x, y) => x + y, 0) / audio.length,
  };
}

async function main(): Promise<void> {
  const media = await startMedia({ MEDIA_WORKERS: String(cpus().length), MEDIA_ROOM_IDLE_SECONDS: '30' });
  const browser = await launchChromium();
  console.log(`machine: ${cpus().length} × ${cpus()[0].model}; mediasoup workers: ${media.pool.live().length}; clients: headless chromium (fake devices)`);
  try {
    const times = await joinToFirstFrame(media, browser, 10);
    console.log(
      `\njoin → first decoded frame (10 runs): median ${median(times).toFixed(0)} ms, ` +
        `min ${Math.min(...times).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms`,
    );

    console.log(`\nconcurrent two-party interviews (each step measured over ${WINDOW_S} s; CPU in % of one core)`);
    console.log('interviews  machine%   own%    sfu%  sfu%/iv   node% chromium%  avg-fps  min-fps audio-kbps');
    const participants: Participant[] = [];
    let baselineFps = 0;
    const steps: Step[] = [];
    for (let n = 1; n <= MAX_INTERVIEWS; n++) {
      const room = `bench-cap-${n}`;
      const pair = await Promise.all([
        joinPage(browser, media.baseUrl, { page: 'seeker', room, token: roomToken({ sub: `cs${n}`, room, role: 'SEEKER' }, { expiresInSeconds: 3600 }) }),
        joinPage(browser, media.baseUrl, { page: 'hr', room, token: roomToken({ sub: `ch${n}`, room, role: 'HR' }, { expiresInSeconds: 3600 }) }),
      ]);
      participants.push(...pair);
      await Promise.all(pair.map((p) => waitForMedia(p.page, { audio: true, video: true }, 30_000)));
      await new Promise((r) => setTimeout(r, 2000)); // let bandwidth estimation settle
      const step = await measure(
        media,
        participants.map((p) => p.page),
        n,
      );
      steps.push(step);
      if (n === 1) baselineFps = step.fps;
      console.log(
        [step.interviews, step.machineCpu, step.ownCpu, step.sfuCpu, step.sfuCpu / n, step.nodeCpu, step.chromiumCpu, step.fps, step.minFps, step.audioKbps]
          .map((v, i) => (i === 0 ? String(v).padStart(10) : v.toFixed(1).padStart(i === 1 ? 9 : 8)))
          .join(' '),
      );
      const saturated = step.ownCpu >= 90;
      if (saturated || step.fps < 0.6 * baselineFps) {
        console.log(`stopping: ${saturated ? 'machine saturated' : 'media degraded'}`);
        break;
      }
    }
    const healthy = steps.filter((s) => s.fps >= 0.6 * baselineFps && s.ownCpu < 90);
    const last = healthy[healthy.length - 1] ?? steps[0];
    const sfuPerInterview = median(steps.map((s) => s.sfuCpu / s.interviews));
    console.log(
      `\nheld with browsers on the same ${cpus().length}-core machine: ${last.interviews} interviews ` +
        `(avg ${last.fps.toFixed(1)} fps decoded per page, our CPU ${last.ownCpu.toFixed(0)} % of the machine)`,
    );
    console.log(
      `SFU (mediasoup workers) CPU per interview: ${sfuPerInterview.toFixed(2)} % of one core; ` +
        `at 70 % of ${cpus().length} cores the SFU alone would hold ≈ ${Math.floor((70 * cpus().length) / sfuPerInterview)} interviews ` +
        '(extrapolated; clients elsewhere)',
    );
  } finally {
    await browser.close();
    await media.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
