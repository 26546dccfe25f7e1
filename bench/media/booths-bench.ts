/**
 * Online job fair benchmark (issue 11 §6, "a fair with 30 booths runs on this machine"; not part of jest):
 *   npm run bench:media:booths -- [--booths 30] [--waiting 1] [--video 2] [--window 10]
 *
 * One media service in-process with a worker per core; every client a real headless Chromium context (fake devices).
 * For each of N booths (BOOTH rooms, as the API's booth desks): the HR desk joins, `waiting` seekers queue in the
 * room's waiting room (no media for them), and one more is admitted and talks with HR. On two cores the clients
 * cannot all send video (60 VP8 encoders and decoders are the browsers' limit, not the SFU's — see
 * interview-bench.ts), so the talks are audio-only and `--video K` booths (default 2) also send video: the booths run
 * at once, spread over the workers, with media flowing in each.
 * Figures: time for a desk to join and for an admitted seeker to hear HR (p50/p95), rooms per mediasoup worker, the
 * pages with audio flowing (and video where sent) over a window, and the CPU of the SFU, this process and Chromium —
 * the SFU's CPU per booth being the figure that scales (the clients would be on phones and PCs elsewhere).
 */
import { cpus } from 'node:os';
import type { Browser, Page } from 'playwright-core';
import { joinPage, launchChromium, MediaHarness, Participant, roomToken, startMedia, stats, waitForMedia } from '../../test/browser/media-harness';
import { cpuSample, median, percentile, TICKS } from './cpu';

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const BOOTHS = arg('booths', 30);
const WAITING = arg('waiting', 1);
const VIDEO = arg('video', 2);
const WINDOW_S = arg('window', 10);
const HOUR = { expiresInSeconds: 3600 };

interface Booth {
  room: string;
  hr: Participant;
  talking: Participant;
  waiting: Participant[];
  video: boolean;
}

async function openBooth(browser: Browser, media: MediaHarness, i: number, video: boolean, deskMs: number[], hearMs: number[]): Promise<Booth> {
  const room = `fair-bench-booth-${i}`;
  const token = (sub: string, role: 'HR' | 'SEEKER') => roomToken({ sub, room, role, kind: 'BOOTH', name: role === 'HR' ? `${i}号展位` : '求职者' }, HOUR);
  const t0 = performance.now();
  const hr = await joinPage(browser, media.baseUrl, { page: 'hr', room, token: token(`hr-${i}`, 'HR'), video });
  await hr.page.waitForFunction(() => window.__media.joined, undefined, { timeout: 60_000 });
  deskMs.push(performance.now() - t0);
  const talking = await joinPage(browser, media.baseUrl, { page: 'seeker', room, token: token(`s-${i}-0`, 'SEEKER'), video });
  await talking.page.waitForFunction(() => window.__media.booth?.position === 1, undefined, { timeout: 60_000 });
  const waiting: Participant[] = [];
  for (let w = 1; w <= WAITING; w++) {
    waiting.push(await joinPage(browser, media.baseUrl, { page: 'seeker', room, token: token(`s-${i}-${w}`, 'SEEKER'), video: false }));
  }
  const t1 = performance.now();
  await hr.page.click('#admit-next');
  await waitForMedia(talking.page, { audio: true, video }, 60_000);
  hearMs.push(performance.now() - t1);
  return { room, hr, talking, waiting, video };
}

async function main(): Promise<void> {
  const media = await startMedia({ MEDIA_WORKERS: String(cpus().length), MEDIA_ROOM_IDLE_SECONDS: '120' });
  const browser = await launchChromium();
  console.log(
    `machine: ${cpus().length} × ${cpus()[0].model}; mediasoup workers: ${media.pool.live().length}; ` +
      `${BOOTHS} booths × (HR + 1 talking + ${WAITING} waiting), video in ${VIDEO}, audio in all`,
  );
  const booths: Booth[] = [];
  const deskMs: number[] = [];
  const hearMs: number[] = [];
  try {
    const started = performance.now();
    const failed: string[] = [];
    for (let i = 1; i <= BOOTHS; i++) {
      try {
        booths.push(await openBooth(browser, media, i, i <= VIDEO, deskMs, hearMs));
      } catch (e) {
        failed.push(`booth ${i}: ${String(e instanceof Error ? e.message : e).slice(0, 160)}`);
      }
      if (i % 5 === 0) console.log(`  ${i} booths tried, ${failed.length} failed, ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
    for (const f of failed) console.log(`  FAILED ${f}`);
    console.log(`${booths.length} of ${BOOTHS} booths open and talking after ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const snapshot = media.rooms.snapshot().filter((r) => r.id.startsWith('fair-bench-booth-'));
    const perWorker = new Map<number, number>();
    for (const r of snapshot) perWorker.set(r.workerPid, (perWorker.get(r.workerPid) ?? 0) + 1);
    const admittedOk = snapshot.filter((r) => r.booth?.admitted && r.booth.waiting.length === WAITING).length;

    // A window with every talk going: CPU, and media flowing on both sides of every talk.
    const pages: Page[] = booths.flatMap((b) => [b.hr.page, b.talking.page]);
    const sample = () => cpuSample(media.pool.live().map((w) => w.worker.pid));
    const before = await Promise.all(pages.map(stats));
    const a = sample();
    await new Promise((r) => setTimeout(r, WINDOW_S * 1000));
    const b = sample();
    const after = await Promise.all(pages.map(stats));
    const seconds = (b.at - a.at) / 1000;
    const pct = (ticks: number) => (100 * ticks) / TICKS / seconds; // % of one core
    const audioKbps = after.map((s, i) => ((s.audio.bytesReceived - before[i].audio.bytesReceived) * 8) / 1000 / seconds);
    const videoPages = booths.flatMap((bo, k) => (bo.video ? [2 * k, 2 * k + 1] : []));
    const fps = videoPages.map((i) => (after[i].video.framesDecoded - before[i].video.framesDecoded) / seconds);
    const waitingConsumers = (await Promise.all(booths.flatMap((bo) => bo.waiting.map((w) => stats(w.page))))).reduce((n, s) => n + s.consumers, 0);
    const sfu = pct(b.sfu - a.sfu);

    console.log(`\ndesk joined (HR)            p50 ${median(deskMs).toFixed(0)} ms   p95 ${percentile(deskMs, 0.95).toFixed(0)} ms`);
    console.log(`admitted → hears HR         p50 ${median(hearMs).toFixed(0)} ms   p95 ${percentile(hearMs, 0.95).toFixed(0)} ms`);
    console.log(`rooms per worker            ${[...perWorker.entries()].map(([pid, n]) => `pid ${pid}: ${n}`).join(', ')}`);
    console.log(`booths with one admitted and ${WAITING} waiting: ${admittedOk} of ${BOOTHS}; media sent to waiting seekers: ${waitingConsumers} consumers`);
    console.log(
      `audio flowing (> 8 kbit/s)  ${audioKbps.filter((k) => k > 8).length} of ${pages.length} pages (median ${median(audioKbps).toFixed(1)} kbit/s)`,
    );
    if (fps.length) console.log(`video decoded               ${fps.filter((f) => f > 0).length} of ${fps.length} pages (median ${median(fps).toFixed(1)} fps)`);
    const machine = ((100 * (b.machine.busy - a.machine.busy)) / (b.machine.total - a.machine.total)) * cpus().length;
    console.log(
      `CPU over ${WINDOW_S} s (% of one core)  machine ${machine.toFixed(1)}  SFU ${sfu.toFixed(1)}  ` +
        `this process ${pct(b.node - a.node).toFixed(1)}  chromium ${pct(b.chromium - a.chromium).toFixed(1)}`,
    );
    console.log(`SFU per booth in a talk     ${(sfu / Math.max(1, booths.length)).toFixed(2)} % of one core`);
  } finally {
    await browser.close();
    await media.close();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
