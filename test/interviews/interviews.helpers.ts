import { applyTo, moveTo, openPosting, seekerWithProfile, tenantWithHr, TestApi } from '@app/testing';

export const IV = `id status applicationId startsAt endsAt startsAtLocal durationMinutes joinOpensAt joinClosesAt seekerNote cancelReason outcome rescheduleCount companyName postingTitle
  slots { id startsAt endsAt state durationMinutes startsAtLocal }`;

export const SCHEDULE = `mutation($i: ScheduleInterviewInput!) { scheduleInterview(input: $i) { ${IV} } }`;
export const RESCHEDULE = `mutation($i: RescheduleInterviewInput!) { rescheduleInterview(input: $i) { ${IV} } }`;
export const CANCEL = `mutation($i: CancelInterviewInput!) { cancelInterview(input: $i) { ${IV} } }`;
export const CHOOSE = `mutation($i: ChooseSlotInput!) { chooseInterviewSlot(input: $i) { ${IV} } }`;
export const OTHER_TIMES = `mutation($i: RequestOtherTimesInput!) { requestOtherInterviewTimes(input: $i) { ${IV} } }`;
export const JOIN = `mutation($id: ID!) { interviewJoinToken(interviewId: $id) { token joinUrl mediaUrl expiresAt roomEndsAt role } }`;

/** A start `minutes` from the API's clock, on a whole minute. */
export function at(api: TestApi, minutes: number): string {
  const t = api.clock.now().getTime() + minutes * 60_000;
  return new Date(Math.ceil(t / 60_000) * 60_000).toISOString();
}

export interface Candidate {
  tenantId: string;
  hrToken: string;
  hrUserId: string;
  seeker: { token: string; seekerId: string; phone: string };
  applicationId: string;
}

/** A tenant with an HR user, an open posting and one applicant at SCREENING. */
export async function candidate(api: TestApi, hr?: { tenantId: string; hrToken: string; hrUserId: string }): Promise<Candidate> {
  const t = hr ?? (await tenantWithHr(api));
  const postingId = await openPosting(api, t.hrToken, 5);
  const seeker = await seekerWithProfile(api);
  const applicationId = await applyTo(api, seeker.token, postingId);
  await moveTo(api, t.hrToken, applicationId, 'SCREENING');
  return { ...t, seeker, applicationId };
}

/** Schedules at a confirmed time `minutes` ahead; returns the interview. */
export async function scheduled(api: TestApi, c: Candidate, minutes: number, durationMinutes = 30) {
  const d = await api.ok(
    SCHEDULE,
    { i: { applicationId: c.applicationId, slots: [{ startsAt: at(api, minutes), durationMinutes }], confirmed: true } },
    c.hrToken,
  );
  return d.scheduleInterview;
}

/** The shared poller (libs/testing), re-exported for this folder's specs. */
export { waitFor } from '@app/testing';

export async function outboxFor(api: TestApi, interviewId: string): Promise<Array<{ topic: string; payload: any }>> {
  return api.db.query(`SELECT topic, payload FROM outbox_events WHERE aggregate_id = $1 ORDER BY id`, [interviewId]);
}
