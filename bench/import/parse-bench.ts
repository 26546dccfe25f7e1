/**
 * Graduate-list import benchmark: parse + validate 100,000 rows from .xlsx and
 * from .csv; wall time, rows/s and peak RSS, each format in its own child
 * process so the peaks do not mix.
 *
 *   npx ts-node -T -r tsconfig-paths/register bench/import/parse-bench.ts [--rows 100000] [--dir /tmp/graduate-bench] [--regen]
 *
 * Building blocks are exported so a DB stage (batched INSERT, COPY baseline)
 * can be added without touching the parsing: pass `onBatch` to runParse, or
 * write a new stage next to `runParse` and add it to STAGES.
 */
import * as fs from 'fs';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { once } from 'events';
import * as ExcelJS from 'exceljs';
import { readGraduateFile } from '../../libs/schools/src/imports/graduate-file-reader';
import { GraduateRecord, defaultValidatorDeps, validateGraduateFile } from '../../libs/schools/src/imports/graduate-row-validator';
import { FIXTURE_REGION_CODES, person, Person } from '../../tools/fixtures/graduate-fixtures';

export const BENCH_HEADERS = ['序号', '姓名', '身份证号', '性别', '手机号', '专业', '学历', '毕业年份', '班级', '学号', '备注'];

/** Same people for both formats; ~1 % invalid rows so the error path is exercised. */
export function* benchPeople(rows: number): Generator<{ p: Person; i: number; bad: boolean }> {
  for (let i = 0; i < rows; i++) {
    const p = person();
    const bad = i % 97 === 13;
    if (bad) p.phone = p.phone.slice(0, 10);
    yield { p, i, bad };
  }
}

export interface BenchFiles {
  xlsx: string;
  csv: string;
  rows: number;
}

export async function generateBenchFiles(dir: string, rows: number): Promise<BenchFiles> {
  fs.mkdirSync(dir, { recursive: true });
  const xlsx = path.join(dir, `graduates-${rows}.xlsx`);
  const csv = path.join(dir, `graduates-${rows}.csv`);

  // .xlsx with shared strings (as Excel writes them), phones as numbers on odd rows, years as dates every third row
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: xlsx, useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet('毕业生名单');
  ws.addRow(['2025届毕业生名单']).commit();
  ws.addRow(BENCH_HEADERS).commit();
  // .csv (UTF-8 with BOM, CRLF, like Excel "CSV UTF-8")
  const out = fs.createWriteStream(csv);
  const q = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const write = async (line: string) => {
    if (!out.write(line)) await once(out, 'drain');
  };
  await write('\ufeff' + BENCH_HEADERS.join(',') + '\r\n');
  for (const { p, i } of benchPeople(rows)) {
    const yearCell = i % 3 === 0 ? new Date(Date.UTC(p.year, 5, 30)) : `${p.year}届`;
    const row = ws.addRow([
      i + 1,
      p.name,
      p.id,
      p.gender,
      i % 2 ? Number(p.phone) || p.phone : p.phone,
      p.major,
      p.education,
      yearCell,
      p.className,
      p.studentNo,
      '',
    ]);
    if (yearCell instanceof Date) row.getCell(8).numFmt = 'yyyy-mm-dd';
    row.commit();
    const yearText = yearCell instanceof Date ? `${p.year}/6/30` : yearCell;
    await write(
      [i + 1, p.name, p.id, p.gender, p.phone, p.major, p.education, yearText, p.className, p.studentNo, ''].map((v) => q(String(v))).join(',') + '\r\n',
    );
  }
  await ws.commit();
  await wb.commit();
  out.end();
  await once(out, 'finish');
  return { xlsx, csv, rows };
}

// ---------------------------------------------------------------------------
// measuring

export function procStatus(): { vmHWMkB: number; vmRSSkB: number } {
  try {
    const s = fs.readFileSync('/proc/self/status', 'utf8');
    const kb = (k: string) => Number(s.match(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm'))?.[1] ?? NaN);
    return { vmHWMkB: kb('VmHWM'), vmRSSkB: kb('VmRSS') };
  } catch {
    return { vmHWMkB: NaN, vmRSSkB: NaN };
  }
}

export interface ParseResult {
  file: string;
  format: string;
  rows: number;
  valid: number;
  invalid: number;
  errors: number;
  ms: number;
  rowsPerSec: number;
  /** RSS before opening the file (runtime + ts-node + libs) */
  baselineRssMB: number;
  /** /proc/self/status VmHWM at the end */
  peakRssMB: number;
  /** max of sampled process.memoryUsage() */
  maxSampledRssMB: number;
  maxHeapUsedMB: number;
  fileSizeMB: number;
}

export interface RunParseOptions {
  /** Receives valid records in batches (for a DB stage). Awaited: back-pressure reaches the reader. */
  onBatch?: (records: GraduateRecord[]) => Promise<void>;
  batchSize?: number;
  regionKnown?: (code: string) => boolean;
}

export async function runParse(file: string, opts: RunParseOptions = {}): Promise<ParseResult> {
  const known = new Set(FIXTURE_REGION_CODES);
  const deps = defaultValidatorDeps(opts.regionKnown ?? ((c) => known.has(c)));
  const baseline = procStatus();
  let maxRss = 0;
  let maxHeap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    if (m.rss > maxRss) maxRss = m.rss;
    if (m.heapUsed > maxHeap) maxHeap = m.heapUsed;
  };
  const timer = setInterval(sample, 50);
  const t0 = process.hrtime.bigint();
  let rows = 0;
  let valid = 0;
  let invalid = 0;
  let errors = 0;
  let batch: GraduateRecord[] = [];
  const batchSize = opts.batchSize ?? 1000;
  const gf = await readGraduateFile(file, path.basename(file));
  for await (const { result } of validateGraduateFile(gf, deps)) {
    rows++;
    if (result.ok) {
      valid++;
      if (opts.onBatch) {
        batch.push(result.record);
        if (batch.length >= batchSize) {
          await opts.onBatch(batch);
          batch = [];
        }
      }
    } else {
      invalid++;
      errors += result.errors.length;
    }
    if ((rows & 4095) === 0) sample();
  }
  if (opts.onBatch && batch.length) await opts.onBatch(batch);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  clearInterval(timer);
  sample();
  const MB = (b: number) => Math.round((b / 1048576) * 10) / 10;
  return {
    file,
    format: gf.format + (gf.encoding ? `/${gf.encoding}` : ''),
    rows,
    valid,
    invalid,
    errors,
    ms: Math.round(ms),
    rowsPerSec: Math.round(rows / (ms / 1000)),
    baselineRssMB: Math.round(baseline.vmRSSkB / 102.4) / 10,
    peakRssMB: Math.round(procStatus().vmHWMkB / 102.4) / 10,
    maxSampledRssMB: MB(maxRss),
    maxHeapUsedMB: MB(maxHeap),
    fileSizeMB: MB(fs.statSync(file).size),
  };
}

/** Runs one stage in a fresh node process (clean VmHWM); returns its JSON result. */
export function runInChild(stage: string, file: string): ParseResult {
  const r = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', __filename, '--child', stage, file], {
    cwd: path.resolve(__dirname, '../..'),
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`child ${stage} ${file} failed (${r.status}):\n${r.stderr}`);
  const line = r.stdout.trim().split('\n').pop()!;
  return JSON.parse(line) as ParseResult;
}

/** Stages runnable with --child; the DB stages go here later. */
export const STAGES: Record<string, (file: string) => Promise<ParseResult>> = {
  parse: (file) => runParse(file),
};

async function main() {
  const args = process.argv.slice(2);
  const arg = (name: string, def: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : def;
  };
  if (args[0] === '--child') {
    const res = await STAGES[args[1]](args[2]);
    process.stdout.write(JSON.stringify(res) + '\n');
    return;
  }
  const rows = Number(arg('--rows', '100000'));
  const dir = arg('--dir', '/tmp/graduate-bench');
  const files: BenchFiles = { xlsx: path.join(dir, `graduates-${rows}.xlsx`), csv: path.join(dir, `graduates-${rows}.csv`), rows };
  if (args.includes('--regen') || !fs.existsSync(files.xlsx) || !fs.existsSync(files.csv)) {
    const t = Date.now();
    await generateBenchFiles(dir, rows);
    console.log(`generated ${rows} rows in ${((Date.now() - t) / 1000).toFixed(1)} s: ${files.xlsx}, ${files.csv}`);
  }
  const results = [runInChild('parse', files.xlsx), runInChild('parse', files.csv)];
  console.table(
    results.map((r) => ({
      format: r.format,
      'file MB': r.fileSizeMB,
      rows: r.rows,
      valid: r.valid,
      invalid: r.invalid,
      'wall ms': r.ms,
      'rows/s': r.rowsPerSec,
      'baseline RSS MB': r.baselineRssMB,
      'peak RSS MB (VmHWM)': r.peakRssMB,
      'max heapUsed MB': r.maxHeapUsedMB,
    })),
  );
  console.log(JSON.stringify(results));
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
