// CPU sampling for the media benchmarks (Linux /proc): our processes by pid, Chromium's tree, the whole machine.
import { readdirSync, readFileSync } from 'node:fs';

/** USER_HZ on Linux: the tick counts of /proc are in hundredths of a second. */
export const TICKS = 100;

/** utime + stime of one process, in ticks (0 when it is gone). */
export function processTicks(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/** chromium's processes: the browser and every child of it (renderers, utility, GPU...). */
export function chromiumPids(): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number)
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('/usr/lib/chromium/');
      } catch {
        return false;
      }
    });
}

/** The whole machine's busy and total ticks (all cores). */
export function machineTicks(): { busy: number; total: number } {
  const [, ...v] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  const idle = v[3] + v[4];
  const total = v.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

/** One sample of the ticks used so far: the machine, the SFU's workers, this process and Chromium. */
export function cpuSample(sfuPids: number[]) {
  return {
    at: Date.now(),
    machine: machineTicks(),
    sfu: sfuPids.reduce((n, pid) => n + processTicks(pid), 0),
    node: processTicks(process.pid),
    chromium: chromiumPids().reduce((n, pid) => n + processTicks(pid), 0),
  };
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
};
