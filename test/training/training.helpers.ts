import { shanghaiDate } from '@app/core';
import { seekerWithProfile, TestApi } from '@app/testing';

/** A signed-in seeker with a consenting profile (the shared factory), as the training scenarios use it. */
export async function seeker(api: TestApi, profile: Record<string, unknown> = {}) {
  const s = await seekerWithProfile(api, { profile });
  return { token: s.token, phone: s.phone, seekerId: s.seekerId };
}

export async function institution(api: TestApi, op: string, name = `测试培训机构${Date.now()}${Math.random()}`): Promise<string> {
  const d = await api.ok(`mutation($i: CreateInstitutionInput!) { createTrainingInstitution(input: $i) { id } }`, { i: { name, kind: 'EXTERNAL' } }, op);
  return d.createTrainingInstitution.id;
}

export async function planCourseIds(api: TestApi, op: string, names: string[]): Promise<string[]> {
  const d = await api.ok(`{ trainingCourses { id name } }`, {}, op);
  return names.map((n) => {
    const c = d.trainingCourses.find((x: { name: string }) => x.name === n);
    if (!c) throw new Error(`course ${n} not seeded`);
    return c.id;
  });
}

export const DAY = 24 * 3600_000;

/** Shanghai calendar date `days` from the app's now. */
export function day(api: TestApi, days: number): string {
  return shanghaiDate(new Date(api.clock.now().getTime() + days * DAY));
}

export interface ClassOpts {
  type?: string;
  capacity?: number;
  sponsorTenantId?: string;
  institutionId?: string;
  minAttendancePercent?: number;
  startsOn?: string;
  endsOn?: string;
  courses?: string[];
}

export async function trainingClass(api: TestApi, op: string, opts: ClassOpts = {}): Promise<string> {
  const courseIds = await planCourseIds(api, op, opts.courses ?? ['《客户沟通技巧与礼仪》', '《呼入电话服务技巧》', '《客诉处理技巧》']);
  const d = await api.ok(
    `mutation($i: CreateClassInput!) { createTrainingClass(input: $i) { id } }`,
    {
      i: {
        institutionId: opts.institutionId ?? (await institution(api, op)),
        type: opts.type ?? 'NEW_HIRE',
        name: `新员工入职培训 ${Math.floor(Math.random() * 1e6)}期`,
        courseIds,
        sponsorTenantId: opts.sponsorTenantId,
        capacity: opts.capacity ?? 30,
        startsOn: opts.startsOn ?? day(api, -10),
        endsOn: opts.endsOn ?? day(api, 30),
        minAttendancePercent: opts.minAttendancePercent ?? 80,
      },
    },
    op,
  );
  return d.createTrainingClass.id;
}

/** Adds sessions given as [start offset ms, length ms] from the app's now; returns their ids in order. */
export async function sessions(api: TestApi, op: string, classId: string, spans: Array<[number, number]>): Promise<string[]> {
  const now = api.clock.now().getTime();
  const d = await api.ok(
    `mutation($i: AddSessionsInput!) { addTrainingSessions(input: $i) { id startsAt } }`,
    {
      i: {
        classId,
        sessions: spans.map(([off, len], k) => ({
          startsAt: new Date(now + off).toISOString(),
          endsAt: new Date(now + off + len).toISOString(),
          room: `A${101 + k}`,
        })),
      },
    },
    op,
  );
  return d.addTrainingSessions.map((s: { id: string }) => s.id);
}

export async function enrol(api: TestApi, seekerToken: string, classId: string) {
  return api.gql(`mutation($c: ID!) { enrolInTrainingClass(classId: $c) { id status source applicationId } }`, { c: classId }, seekerToken);
}

export async function checkInCode(
  api: TestApi,
  op: string,
  sessionId: string,
): Promise<{ code: string; url: string; expiresAt: string; qrDataUrl: string; qrPngPath: string; refreshAfterSeconds: number }> {
  const d = await api.ok(
    `query($s: ID!) { sessionCheckInCode(sessionId: $s) { code url expiresAt qrDataUrl qrPngPath refreshAfterSeconds } }`,
    { s: sessionId },
    op,
  );
  return d.sessionCheckInCode;
}

export const CHECK_IN = `mutation($i: CheckInInput!) { checkIn(input: $i) { id sessionId seekerId method recordedRole alreadyCheckedIn } }`;
export const MARK = `mutation($i: MarkAttendanceInput!) { markAttendance(input: $i) { id method recordedRole alreadyCheckedIn } }`;
export const ASSESS = `mutation($i: RecordAssessmentInput!) {
  recordAssessment(input: $i) {
    assessment { id score passed skillLevel assessedOn assessorUserId }
    enrolment { id status completedAt }
    completion { complete attendanceMet assessmentMet attendedSessions totalSessions attendancePercent }
    certificate { certificateNo skillLevel skillLevelZh attendedSessions totalSessions }
  }
}`;

export function codeOf(r: { errors?: Array<{ extensions?: { code?: string } }> }): string | undefined {
  return r.errors?.[0]?.extensions?.code;
}
