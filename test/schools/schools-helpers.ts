import { CoreModule, makeResidentId, Role } from '@app/core';
import { SchoolsModule } from '@app/schools';
import { Module } from '@nestjs/common';
import { insertStaff, signInStaff, TestApi, uniqueName, waitFor as sharedWaitFor } from '@app/testing';
import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import * as fs from 'fs';
import * as path from 'path';
import { GraduateImportProcessor } from '../../apps/worker/src/processors/graduate-import.processor';

export const FIXTURES = path.resolve(__dirname, '../fixtures/graduates');
export const MANIFEST: Array<Record<string, any>> = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'manifest.json'), 'utf8'));
export const expectation = (file: string) => MANIFEST.find((m) => m.file === file)!;

/**
 * The worker's graduate-import processor, in process, on the run's real queue.
 * Only this processor (as WorkerModule registers it, with SchoolsModule): a
 * whole second WorkerModule would also consume the notification queue and take
 * SMS jobs away from test/worker-outbox.e2e-spec.ts, which captures them in its own worker.
 */
@Module({ imports: [CoreModule, SchoolsModule], providers: [GraduateImportProcessor] })
class GraduateImportWorkerModule {}

export async function startWorker(): Promise<INestApplicationContext> {
  const ref = await Test.createTestingModule({ imports: [GraduateImportWorkerModule] }).compile();
  return ref.init();
}

/** The shared poller (libs/testing), with this folder's longer default (the import worker). */
export const waitFor = <T>(fn: () => Promise<T | null | undefined | false>, ms = 30_000): Promise<T> => sharedWaitFor(fn, ms);

/** A registered school and one signed-in school admin. */
export async function schoolWithAdmin(api: TestApi, opToken: string): Promise<{ schoolId: string; schoolName: string; token: string; userId: string }> {
  const schoolName = `测试职业学院${uniqueName('s').replace(/\D/g, '').slice(-9)}`;
  const d = await api.ok(`mutation($i: CreateSchoolInput!) { createSchool(input: $i) { id } }`, { i: { name: schoolName, kind: 'VOCATIONAL' } }, opToken);
  const u = await insertStaff(api, Role.SCHOOL_ADMIN, { schoolId: d.createSchool.id });
  return { schoolId: d.createSchool.id, schoolName, token: await signInStaff(api, u.username, u.password), userId: u.id };
}

export interface UploadResult {
  status: number;
  body: any;
}

export async function upload(api: TestApi, token: string | null, content: Buffer | string, fileName: string, field = 'file'): Promise<UploadResult> {
  const form = new FormData();
  form.append(field, new Blob([new Uint8Array(typeof content === 'string' ? Buffer.from(content) : content)]), fileName);
  const res = await fetch(`${api.url}/schools/graduate-imports`, {
    method: 'POST',
    headers: token ? { authorization: `Bearer ${token}` } : {},
    body: form,
  });
  const text = await res.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body };
}

export const uploadFixture = (api: TestApi, token: string, file: string) => upload(api, token, fs.readFileSync(path.join(FIXTURES, file)), file);

export const IMPORT_FIELDS = `id status fileName format encoding headerRow rowsProcessed rowsTotal progressPercent accepted rejected warnings errorCode errorMessage errorMessageEn`;

/** Uploads, expects 202, polls graduateImport until it is DONE or FAILED. */
export async function importFile(api: TestApi, token: string, content: Buffer | string, fileName: string): Promise<any> {
  const r = await upload(api, token, content, fileName);
  if (r.status !== 202) throw new Error(`upload refused: ${r.status} ${JSON.stringify(r.body)}`);
  return waitForImport(api, token, r.body.id);
}

export async function waitForImport(api: TestApi, token: string, id: string): Promise<any> {
  return waitFor(async () => {
    const d = await api.ok(`query($id: ID!) { graduateImport(id: $id) { ${IMPORT_FIELDS} } }`, { id }, token);
    return ['DONE', 'FAILED'].includes(d.graduateImport.status) ? d.graduateImport : null;
  });
}

export async function rejections(api: TestApi, token: string, importId: string): Promise<Array<{ row: number; errors: any[] }>> {
  const out: Array<{ row: number; errors: any[] }> = [];
  for (let offset = 0; ; offset += 100) {
    const d = await api.ok(
      `query($id: ID!, $o: Int!) { graduateImportRejections(importId: $id, first: 100, offset: $o) { total hasMore items { row errors { column header field code reason reasonEn } } } }`,
      { id: importId, o: offset },
      token,
    );
    out.push(...d.graduateImportRejections.items);
    if (!d.graduateImportRejections.hasMore) return out;
  }
}

let seq = 0;
/** A valid, unique resident ID number (GB 11643 check digit). */
export function freshId(birth?: string, region = '150902'): string {
  seq++;
  if (!birth) {
    const d = new Date(Date.UTC(2001, 0, 1) + Math.floor(Math.random() * 5 * 365) * 86400000);
    birth = d.toISOString().slice(0, 10);
  }
  return makeResidentId(region, birth, (process.pid * 7 + seq * 13 + Math.floor(Math.random() * 900)) % 1000);
}

export function csv(rows: string[][]): string {
  return rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n') + '\r\n';
}
export const CSV_HEADER = ['姓名', '身份证号', '性别', '手机号', '专业', '学历', '毕业年份', '班级', '学号'];
