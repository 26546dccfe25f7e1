import { RoleKey, ROLES, unique, World, currentCode } from './world';
import { creditCode, idNumber, uniquePhone } from '@app/testing';
import { claimIn, evidenceForm, subsidyFixtures, subsidyIds } from '../subsidies/authz-fixtures';

/**
 * The authorization matrix (issue 8 §6): every Query, Mutation and Subscription
 * of apps/api/schema.gql and every REST route, for every caller, with ids that
 * belong to SOMEONE ELSE (tenant A's posting, the seeker's application, school
 * A's import…). test/authz/authz-matrix.e2e-spec.ts runs it against the real
 * app and fails for an operation without a row here.
 *
 * One row per operation:  op(name, document, variables, 'expected outcomes', options?)
 * The expected outcomes are nine words, one per caller, in this order:
 *
 *        anon   seeker  seeker2  hrA   hrB   schoolA  schoolB  op   aud
 *
 *   anon     no token
 *   seeker   the seeker who owns the objects (their application, interview, enrolment…)
 *   seeker2  another seeker
 *   hrA      HR of tenant A, which owns the posting/application/hire/interview/order class/internship
 *   hrB      HR of tenant B
 *   schoolA  admin of school A (owns the import, order class, internship): the control column
 *   schoolB  admin of another school
 *   op       operator (talent service centre);  aud  HR-bureau auditor
 *
 * Words: ok (allowed) · ok- (allowed, but the response must not contain any id of the row's `foreign` list)
 *        U = UNAUTHENTICATED · F = FORBIDDEN · NF = NOT_FOUND · any other word is an extensions.code.
 * Mutations that succeed get fresh objects from `fresh` where a shared one would be used up.
 */
export type Vars = Record<string, unknown>;
export interface Row {
  name: string;
  doc: string;
  vars: (w: World, role: RoleKey) => Vars | Promise<Vars>;
  expect: Record<RoleKey, string>;
  /** For allowed mutations that would use up a shared object: variables (and optionally the caller's token) made fresh. */
  fresh?: (w: World, role: RoleKey) => Promise<{ vars: Vars; token?: string }>;
  /** Ids the `ok-` callers must not see. */
  foreign?: (w: World) => string[];
  headers?: () => Record<string, string>;
}

function op(name: string, doc: string, vars: Row['vars'], outcomes: string, opts: Partial<Pick<Row, 'fresh' | 'foreign' | 'headers'>> = {}): Row {
  const words = outcomes.trim().split(/\s+/);
  if (words.length !== ROLES.length) throw new Error(`matrix row ${name}: ${words.length} outcomes for ${ROLES.length} callers`);
  return { name, doc, vars, expect: Object.fromEntries(ROLES.map((r, i) => [r, words[i]])) as Record<RoleKey, string>, ...opts };
}

const none = () => ({});
const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';
const PAGE = 'first: 20, offset: 0';
const POSTING = { title: '呼入客服专员', description: '负责电话咨询', headcount: 5, salaryMinFen: 350000, salaryMaxFen: 500000, shifts: ['TWO_SHIFT'] };
const soon = (w: World, minutes: number) => new Date(Math.ceil((w.api.clock.now().getTime() + minutes * 60_000) / 60_000) * 60_000).toISOString();

//                                                                                                anon seeker seeker2 hrA hrB schoolA schoolB op aud
// One aligned row per operation, read as a table: not reformatted.
// prettier-ignore
export const MATRIX: Row[] = [
  // ---- Queries ----
  op('application', `query($id: ID!) { application(id: $id) { id } }`, (w) => ({ id: w.a.applicationId }),                          'U F F ok NF F F F F'),
  op('applications', `{ applications(${PAGE}) { items { id } } }`, none,                                                                'U F F ok ok- F F F F', { foreign: (w) => [w.a.applicationId] }),
  op('exportMyData', `{ exportMyData }`, none,                                                                                         'U ok ok- F F F F F F', { foreign: (w) => [w.seeker.seekerId, w.a.applicationId] }),
  op('graduateImport', `query($id: ID!) { graduateImport(id: $id) { id } }`, (w) => ({ id: w.schoolA.importId }),                    'U F F F F ok NF F F'),
  op('graduateImportRejections', `query($id: ID!) { graduateImportRejections(importId: $id, ${PAGE}) { total } }`, (w) => ({ id: w.schoolA.importId }), 'U F F F F ok NF F F'),
  op('graduateImports', `{ graduateImports(${PAGE}) { items { id } } }`, none,                                                          'U F F F F ok ok- F F', { foreign: (w) => [w.schoolA.importId] }),
  op('hires', `{ hires(${PAGE}) { items { id } } }`, none,                                                                              'U F F ok ok- F F F F', { foreign: (w) => [w.a.hireId] }),
  op('internshipStats', `{ internshipStats(year: 2026) { year } }`, none,                                                               'U F F ok ok ok ok ok ok'),
  op('internships', `{ internships { id } }`, none,                                                                                     'U F F ok ok- ok ok- ok F', { foreign: (w) => [w.schoolA.internshipId] }),
  op('interview', `query($id: ID!) { interview(id: $id) { id } }`, (w) => ({ id: w.a.interviewId }),                                'U ok NF ok NF F F F F'),
  op('interviewScorecard', `query($id: ID!) { interviewScorecard(interviewId: $id) { __typename } }`, (w) => ({ id: w.a.interviewId }),      'U F F ok NF F F F F'),
  op('interviews', `{ interviews(${PAGE}) { items { id } } }`, none,                                                                    'U F F ok ok- F F F F', { foreign: (w) => [w.a.interviewId] }),
  op('jobsForMe', `{ jobsForMe(${PAGE}) { total } }`, none,                                                                             'U ok ok F F F F F F'),
  op('matchCandidates', `query($id: ID!) { matchCandidates(postingId: $id, ${PAGE}) { total } }`, (w) => ({ id: w.a.postingId }),   'U F F ok NF F F F F'),
  op('me', `{ me { id } }`, none,                                                                                                       'U ok ok ok ok ok ok ok ok'),
  op('myApplications', `{ myApplications { id } }`, none,                                                                               'U ok ok- F F F F F F', { foreign: (w) => [w.a.applicationId] }),
  op('myConsents', `{ myConsents { __typename } }`, none,                                                                                       'U ok ok F F F F F F'),
  op('myInterviews', `{ myInterviews { id } }`, none,                                                                                   'U ok ok- F F F F F F', { foreign: (w) => [w.a.interviewId] }),
  op('myNotifications', `{ myNotifications(first: 50) { id } }`, none,                                                                 'U ok ok ok ok ok ok ok ok'),
  op('myProfile', `{ myProfile { id } }`, none,                                                                                         'U ok ok- F F F F F F', { foreign: (w) => [w.seeker.seekerId] }),
  op('myProfileViews', `{ myProfileViews(first: 20) { viewer } }`, none,                                                               'U ok ok F F F F F F'),
  op('myTenant', `{ myTenant { id } }`, none,                                                                                           'U F F ok ok- F F F F', { foreign: (w) => [w.a.tenantId] }),
  op('myTraining', `{ myTraining { __typename } }`, none,                                                                                'U ok ok F F F F F F'),
  op('openPosting', `query($id: ID!) { openPosting(id: $id) { id } }`, (w) => ({ id: w.a.postingId }),                              'ok ok ok ok ok ok ok ok ok'),
  op('openPostings', `{ openPostings(${PAGE}) { total } }`, none,                                                                       'ok ok ok ok ok ok ok ok ok'),
  op('orderClass', `query($id: ID!) { orderClass(id: $id) { id } }`, (w) => ({ id: w.schoolA.orderClassId }),                       'U F F ok NF ok NF ok F'),
  op('orderClassStudents', `query($id: ID!) { orderClassStudents(orderClassId: $id) { id } }`, (w) => ({ id: w.schoolA.orderClassId }), 'U F F ok NF ok NF ok F'),
  op('orderClasses', `{ orderClasses { id } }`, none,                                                                                   'U F F ok ok- ok ok- ok F', { foreign: (w) => [w.schoolA.orderClassId] }),
  op('posting', `query($id: ID!) { posting(id: $id) { id } }`, (w) => ({ id: w.a.postingId }),                                      'U F F ok NF F F ok ok'),
  op('postings', `{ postings(${PAGE}) { items { id } } }`, none,                                                                        'U F F ok ok- F F ok ok', { foreign: (w) => [w.a.postingId] }),
  op('regionsNearBase', `{ regionsNearBase(withinKm: 50) { code } }`, none,                                                            'ok ok ok ok ok ok ok ok ok'),
  op('schoolStudents', `{ schoolStudents(${PAGE}) { items { seekerId } } }`, none,                                                      'U F F F F ok ok- F F', { foreign: (w) => w.schoolA.studentIds }),
  op('schools', `{ schools { id } }`, none,                                                                                             'U F F ok ok ok ok ok ok'),
  op('scorecardTemplates', `{ scorecardTemplates { id } }`, none,                                                                       'U F F ok ok- F F F F', { foreign: (w) => [w.a.templateId] }),
  op('sessionAttendance', `query($id: ID!) { sessionAttendance(sessionId: $id) { id } }`, (w) => ({ id: w.training.sessionId }),    'U F F F F F F ok F'),
  op('sessionCheckInCode', `query($id: ID!) { sessionCheckInCode(sessionId: $id) { code } }`, (w) => ({ id: w.training.sessionId }), 'U F F F F F F ok F'),
  // The auditor audits subsidies and sees figures (talentPoolStats), not people: talentPool/talentProfile are F for aud (changed in issue 8).
  op('talentPool', `{ talentPool(${PAGE}) { items { id } } }`, none,                                                                    'U F F ok ok- F F ok F', { foreign: (w) => [w.a.privateSeekerId] }),
  op('talentProfile', `query($id: ID!) { talentProfile(id: $id) { id } }`, (w) => ({ id: w.a.privateSeekerId }),                    'U F F ok NF F F ok F'),
  op('tenant', `query($id: ID!) { tenant(id: $id) { id } }`, (w) => ({ id: w.a.tenantId }),                                         'U F F ok NF F F ok ok'),
  op('tenants', `{ tenants(${PAGE}) { total } }`, none,                                                                                 'U F F F F ok ok ok ok'),
  op('trainingClass', `query($id: ID!) { trainingClass(id: $id) { id } }`, (w) => ({ id: w.training.classId }),                     'U ok ok ok NF F F ok ok'),
  op('trainingClassTrainees', `query($id: ID!) { trainingClassTrainees(classId: $id, ${PAGE}) { total } }`, (w) => ({ id: w.training.classId }), 'U F F ok NF F F ok F'),
  op('trainingClasses', `{ trainingClasses(${PAGE}) { items { id } } }`, none,                                                          'U ok ok ok ok- F F ok ok', { foreign: (w) => [w.training.classId] }),
  op('trainingCourses', `{ trainingCourses { id } }`, none,                                                                             'U ok ok ok ok F F ok ok'),
  op('trainingInstitutions', `{ trainingInstitutions { id } }`, none,                                                                   'U ok ok ok ok F F ok ok'),
  op('trainingStats', `{ trainingStats { __typename } }`, none,                                                                       'U F F F F F F ok ok'),

  // ---- Mutations ----
  op('addApplicationNote', `mutation($i: AddNoteInput!) { addApplicationNote(input: $i) { id } }`, (w) => ({ i: { applicationId: w.a.applicationId, body: '内部备注' } }), 'U F F ok NF F F F F'),
  op('addOrderClassStudents', `mutation($i: OrderClassStudentsInput!) { addOrderClassStudents(input: $i) { id } }`, (w) => ({ i: { orderClassId: w.schoolA.orderClassId, seekerIds: [w.schoolA.studentIds[1]] } }), 'U F F F F ok NF F F'),
  op('addTrainingSessions', `mutation($i: AddSessionsInput!) { addTrainingSessions(input: $i) { id } }`, (w) => ({ i: { classId: w.training.classId, sessions: [{ startsAt: soon(w, 3 * 24 * 60), endsAt: soon(w, 3 * 24 * 60 + 90), room: 'B201' }] } }), 'U F F F F F F ok F'),
  op('apply', `mutation($p: ID!) { apply(postingId: $p) { id } }`, (w) => ({ p: w.a.postingId }),                                  'U ok ok F F F F F F', { fresh: async (w) => ({ vars: { p: await w.fresh.postingA() } }) }),
  op('cancelInterview', `mutation($i: CancelInterviewInput!) { cancelInterview(input: $i) { id } }`, (w) => ({ i: { interviewId: w.a.interviewId, reason: '岗位暂停' } }), 'U F F ok NF F F F F', { fresh: async (w) => ({ vars: { i: { interviewId: await w.fresh.interview(), reason: '岗位暂停' } } }) }),
  op('checkIn', `mutation($i: CheckInInput!) { checkIn(input: $i) { id } }`, async (w) => ({ i: { sessionId: w.training.sessionId, code: await currentCode(w) } }), 'U ok NOT_ENROLLED F F F F F F'),
  op('chooseInterviewSlot', `mutation($i: ChooseSlotInput!) { chooseInterviewSlot(input: $i) { id } }`, (w) => ({ i: { interviewId: w.a.pending.interviewId, slotId: w.a.pending.slotId } }), 'U ok NF F F F F F F', { fresh: async (w) => ({ vars: { i: await w.fresh.pendingInterview() } }) }),
  op('createInternship', `mutation($i: CreateInternshipInput!) { createInternship(input: $i) { id } }`, (w) => ({ i: { seekerId: w.schoolA.studentIds[1], tenantId: w.a.tenantId, position: '客服实习生', startDate: '2026-03-01', endDate: '2026-08-31' } }), 'U F F F F ok NOT_A_STUDENT F F'),
  op('createOrderClass', `mutation($i: CreateOrderClassInput!) { createOrderClass(input: $i) { id } }`, (w) => ({ i: { tenantId: w.a.tenantId, kind: 'ORDER', name: unique('订单班'), major: '软件技术', quota: 5, promisedHires: 1, curriculum: '课程', startDate: '2026-09-01', endDate: '2027-06-30' } }), 'U F F F F ok ok F F'),
  op('createPosting', `mutation($i: PostingInput!) { createPosting(input: $i) { id } }`, () => ({ i: POSTING }),                       'U F F ok ok F F F F'),
  op('createSchool', `mutation($i: CreateSchoolInput!) { createSchool(input: $i) { id } }`, () => ({ i: { name: unique('测试学院'), kind: 'VOCATIONAL' } }), 'U F F F F F F ok F'),
  op('createScorecardTemplate', `mutation($i: CreateScorecardTemplateInput!) { createScorecardTemplate(input: $i) { id } }`, () => ({ i: { name: unique('评分表'), criteria: [{ name: '沟通', weight: 100 }] } }), 'U F F ok ok F F F F'),
  op('createStaffUser', `mutation($i: CreateStaffUserInput!) { createStaffUser(input: $i) { id } }`, (w) => ({ i: { username: unique('hr'), password: 'Passw0rd-long-enough', displayName: '新HR', role: 'HR', tenantId: w.b.tenantId } }), 'U F F F F F F ok F'),
  op('createTenant', `mutation($i: CreateTenantInput!) { createTenant(input: $i) { id } }`, () => ({ i: { name: unique('测试呼叫中心'), creditCode: creditCode(), seats: 100 } }), 'U F F F F F F ok F'),
  op('createTrainingClass', `mutation($i: CreateClassInput!) { createTrainingClass(input: $i) { id } }`, (w) => ({ i: { institutionId: w.training.institutionId, type: 'NEW_HIRE', name: unique('入职培训'), courseIds: w.training.courseIds, capacity: 10, startsOn: '2026-09-01', endsOn: '2026-09-30', minAttendancePercent: 80, passScore: 60, requiresAssessment: true } }), 'U F F F F F F ok F'),
  op('createTrainingCourse', `mutation($i: CreateCourseInput!) { createTrainingCourse(input: $i) { id } }`, () => ({ i: { name: unique('《课程》') } }), 'U F F F F F F ok F'),
  op('createTrainingInstitution', `mutation($i: CreateInstitutionInput!) { createTrainingInstitution(input: $i) { id } }`, () => ({ i: { name: unique('培训机构'), kind: 'EXTERNAL' } }), 'U F F F F F F ok F'),
  op('deleteMyAccount', `mutation { deleteMyAccount }`, none,                                                                          'U ok ok F F F F F F', { fresh: async (w) => ({ vars: {}, token: (await w.fresh.seeker()).token }) }),
  op('enrolFromOffer', `mutation($i: EnrolFromOfferInput!) { enrolFromOffer(input: $i) { id } }`, (w) => ({ i: { applicationId: w.a.offerApplicationId, classId: w.training.customClassId } }), 'U F F ok NF F F ok F', { fresh: async (w) => ({ vars: { i: { applicationId: await w.fresh.application('OFFER', (await w.fresh.seeker()).token), classId: w.training.customClassId } } }) }),
  op('enrolInTrainingClass', `mutation($c: ID!) { enrolInTrainingClass(classId: $c) { id } }`, (w) => ({ c: w.training.openClassId }), 'U ok ok F F F F F F', { fresh: async (w, role) => ({ vars: { c: w.training.openClassId }, token: role === 'seeker' ? (await w.fresh.seeker()).token : undefined }) }),
  op('enrolSeekerInTrainingClass', `mutation($i: EnrolSeekerInput!) { enrolSeekerInTrainingClass(input: $i) { id } }`, (w) => ({ i: { classId: w.training.openClassId, seekerId: w.seeker.seekerId } }), 'U F F F F F F ok F', { fresh: async (w) => ({ vars: { i: { classId: w.training.openClassId, seekerId: (await w.fresh.seeker()).seekerId } } }) }),
  op('evaluateTrainingClassCompletion', `mutation($c: ID!) { evaluateTrainingClassCompletion(classId: $c) { __typename } }`, (w) => ({ c: w.training.classId }), 'U F F F F F F ok F'),
  op('grantConsent', `mutation { grantConsent { id } }`, none,                                                                         'U ok ok F F F F F F'),
  op('hire', `mutation($i: HireInput!) { hire(input: $i) { id } }`, (w) => ({ i: { applicationId: w.a.offerApplicationId, contractStart: '2026-12-01', contractMonths: 12 } }), 'U F F ok NF F F F F', { fresh: async (w) => ({ vars: { i: { applicationId: await w.fresh.application('OFFER'), contractStart: '2026-12-01', contractMonths: 12 } } }) }),
  op('interviewJoinToken', `mutation($id: ID!) { interviewJoinToken(interviewId: $id) { token } }`, (w) => ({ id: w.a.interviewId }), 'U ok NF ok NF F F F F'),
  op('markAttendance', `mutation($i: MarkAttendanceInput!) { markAttendance(input: $i) { id } }`, (w) => ({ i: { sessionId: w.training.sessionId, seekerId: w.seeker.seekerId } }), 'U F F F F F F ok F'),
  op('moveApplication', `mutation($i: MoveApplicationInput!) { moveApplication(input: $i) { id } }`, (w) => ({ i: { applicationId: w.a.applicationId, to: 'REJECTED' } }), 'U F F ok NF F F F F', { fresh: async (w) => ({ vars: { i: { applicationId: await w.fresh.application('APPLIED'), to: 'SCREENING' } } }) }),
  op('recordAssessment', `mutation($i: RecordAssessmentInput!) { recordAssessment(input: $i) { assessment { id } } }`, (w) => ({ i: { enrolmentId: w.training.enrolmentId, score: 90, assessedOn: w.today() } }), 'U F F F F F F ok F', { fresh: async (w) => ({ vars: { i: { enrolmentId: await w.fresh.enrolment(), score: 90, assessedOn: w.today() } } }) }),
  op('recordInternshipMonth', `mutation($i: InternshipMonthInput!) { recordInternshipMonth(input: $i) { id } }`, (w, role) => ({ i: { internshipId: w.schoolA.internshipId, month: role === 'hrA' ? w.month(-30) : w.month(0), attendanceDays: 20, evaluation: 'GOOD', comment: '表现良好' } }), 'U F F ok NF ok NF F F'),
  op('recordInterviewOutcome', `mutation($i: RecordOutcomeInput!) { recordInterviewOutcome(input: $i) { id } }`, (w) => ({ i: { interviewId: w.a.interviewId, outcome: 'NO_SHOW' } }), 'U F F ok NF F F F F', { fresh: async (w) => ({ vars: { i: { interviewId: await w.fresh.startedInterview(), outcome: 'NO_SHOW' } } }) }),
  // The refresh token is only an HttpOnly cookie now (issue 8 §5); no cookie here, the X-TC-App header present.
  op('refreshSession', `mutation { refreshSession { accessToken } }`, none, 'INVALID_REFRESH_TOKEN INVALID_REFRESH_TOKEN INVALID_REFRESH_TOKEN INVALID_REFRESH_TOKEN INVALID_REFRESH_TOKEN INVALID_REFRESH_TOKEN INVALID_REFRESH_TOKEN INVALID_REFRESH_TOKEN INVALID_REFRESH_TOKEN', { headers: () => ({ 'x-tc-app': 'api' }) }),
  op('removeOrderClassStudent', `mutation($o: ID!, $s: ID!) { removeOrderClassStudent(orderClassId: $o, seekerId: $s) { id } }`, (w) => ({ o: w.schoolA.orderClassId, s: w.schoolA.studentIds[2] }), 'U F F F F ok NF F F'),
  op('requestOtherInterviewTimes', `mutation($i: RequestOtherTimesInput!) { requestOtherInterviewTimes(input: $i) { id } }`, (w) => ({ i: { interviewId: w.a.pending.interviewId, note: '白天要上课' } }), 'U ok NF F F F F F F', { fresh: async (w) => ({ vars: { i: { interviewId: (await w.fresh.pendingInterview()).interviewId, note: '白天要上课' } } }) }),
  op('requestSmsCode', `mutation($p: String!) { requestSmsCode(phone: $p) { resendAfterSeconds } }`, () => ({ p: uniquePhone() }), 'ok ok ok ok ok ok ok ok ok', { headers: () => ({ 'x-forwarded-for': `10.8.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}` }) }),
  op('rescheduleInterview', `mutation($i: RescheduleInterviewInput!) { rescheduleInterview(input: $i) { id } }`, (w) => ({ i: { interviewId: w.a.interviewId, slots: [{ startsAt: w.nextSlot(), durationMinutes: 30 }], confirmed: true, reason: '改期' } }), 'U F F ok NF F F F F', { fresh: async (w) => ({ vars: { i: { interviewId: await w.fresh.interview(), slots: [{ startsAt: w.nextSlot(), durationMinutes: 30 }], confirmed: true, reason: '改期' } } }) }),
  op('saveInterviewScorecard', `mutation($i: SaveScorecardInput!) { saveInterviewScorecard(input: $i) { __typename } }`, (w) => ({ i: { interviewId: w.a.interviewId, templateId: w.a.templateId, ratings: [{ criterion: '普通话', score: 4 }, { criterion: '打字', score: 3 }] } }), 'U F F ok NF F F F F'),
  op('saveMyProfile', `mutation($i: ProfileInput!) { saveMyProfile(input: $i) { id } }`, () => ({ i: { typingSpeed: 61 } }),            'U ok ok F F F F F F'),
  op('scheduleInterview', `mutation($i: ScheduleInterviewInput!) { scheduleInterview(input: $i) { id } }`, (w) => ({ i: { applicationId: w.a.applicationId, slots: [{ startsAt: w.nextSlot(), durationMinutes: 30 }], confirmed: true } }), 'U F F ok NF F F F F', { fresh: async (w) => ({ vars: { i: { applicationId: await w.fresh.application('SCREENING'), slots: [{ startsAt: w.nextSlot(), durationMinutes: 30 }], confirmed: true } } }) }),
  op('setPostingStatus', `mutation($id: ID!) { setPostingStatus(id: $id, status: OPEN) { id } }`, (w) => ({ id: w.a.postingId }),   'U F F ok NF F F F F', { fresh: async (w) => ({ vars: { id: await w.fresh.draftPosting() } }) }),
  op('setTrainingClassStatus', `mutation($id: ID!) { setTrainingClassStatus(id: $id, status: OPEN) { id } }`, (w) => ({ id: w.training.openClassId }), 'U F F F F F F ok F'),
  op('signInWithPassword', `mutation($i: SignInWithPasswordInput!) { signInWithPassword(input: $i) { accessToken } }`, (w) => ({ i: w.a.hrCreds }), 'ok ok ok ok ok ok ok ok ok'),
  op('signInWithSms', `mutation($i: SignInWithSmsInput!) { signInWithSms(input: $i) { accessToken } }`, (w) => ({ i: { phone: w.seeker.phone, code: '000000' } }), 'SMS_CODE_INVALID SMS_CODE_INVALID SMS_CODE_INVALID SMS_CODE_INVALID SMS_CODE_INVALID SMS_CODE_INVALID SMS_CODE_INVALID SMS_CODE_INVALID SMS_CODE_INVALID'),
  // signOut ends the caller's session, so each caller signs out of a fresh session of its own kind.
  op('signOut', `mutation { signOut }`, none,                                                                                          'ok ok ok ok ok ok ok ok ok', { fresh: async (w, role) => ({ vars: {}, token: await w.signInAgain(role) }) }),
  op('terminateContract', `mutation($i: TerminateContractInput!) { terminateContract(input: $i) { id } }`, (w) => ({ i: { hireId: w.a.hireId, terminatedOn: '2027-01-01', reason: '个人原因' } }), 'U F F ok NF F F F F', { fresh: async (w) => ({ vars: { i: { hireId: await w.fresh.hire(), terminatedOn: '2027-01-01', reason: '个人原因' } } }) }),
  op('updatePosting', `mutation($id: ID!, $i: PostingInput!) { updatePosting(id: $id, input: $i) { id } }`, (w) => ({ id: w.a.postingId, i: { ...POSTING, headcount: 50 } }), 'U F F ok NF F F F F'),
  op('withdrawApplication', `mutation($id: ID!) { withdrawApplication(id: $id) { id } }`, (w) => ({ id: w.a.applicationId }),       'U ok NF F F F F F F', { fresh: async (w) => ({ vars: { id: await w.fresh.application('APPLIED') } }) }),
  op('withdrawConsent', `mutation { withdrawConsent { id } }`, none,                                                                   'U ok ok F F F F F F', { fresh: async (w) => ({ vars: {}, token: (await w.fresh.seeker()).token }) }),
  op('withdrawFromTrainingClass', `mutation($c: ID!) { withdrawFromTrainingClass(classId: $c) { id } }`, (w) => ({ c: w.training.classId }), 'U ok NF F F F F F F', { fresh: async (w) => { const s = await w.fresh.seeker(); await w.api.ok(`mutation($c: ID!) { enrolInTrainingClass(classId: $c) { id } }`, { c: w.training.classId }, s.token); return { vars: { c: w.training.classId }, token: s.token }; } }),
  op('withdrawTrainingEnrolment', `mutation($e: ID!) { withdrawTrainingEnrolment(enrolmentId: $e) { id } }`, (w) => ({ e: w.training.enrolmentId }), 'U F F F F F F ok F', { fresh: async (w) => ({ vars: { e: await w.fresh.enrolment() } }) }),

  // identity claims, sensitive categories, school links (added by other parts of issue 8). No claim or school-link
  // fixture here: the operator's NF for approve/reject and the seekers' NF for answerSchoolLink prove the guard and the
  // lookup, not a successful decision (those are tested in their own files).
  op('identityClaims', `{ identityClaims(${PAGE}) { total } }`, none,                                                                 'U F F F F F F ok ok'),
  op('myCategories', `{ myCategories { category } }`, none,                                                                            'U ok ok F F F F F F'),
  op('myIdentityClaim', `{ myIdentityClaim { __typename } }`, none,                                                                    'U ok ok F F F F F F'),
  op('mySchoolLinks', `{ mySchoolLinks { __typename } }`, none,                                                                        'U ok ok F F F F F F'),
  op('seekerCategories', `query($id: ID!) { seekerCategories(seekerId: $id) { category } }`, (w) => ({ id: w.seeker.seekerId }),       'U F F F F F F ok F'),
  // Issue 10 §1: the bureau's category lists (versions and row counts only) — the HR bureau's own.
  op('categoryLists', `{ categoryLists { version rowsAccepted } }`, none,                                                               'U F F F F F F F ok'),
  op('talentPoolStats', `{ talentPoolStats(by: COUNTY) { dimension } }`, none,                                                         'U F F F F F F ok ok'),
  op('answerSchoolLink', `mutation($id: ID!) { answerSchoolLink(id: $id, accept: true) { __typename } }`, () => ({ id: NO_SUCH_ID }),  'U NF NF F F F F F F'),
  op('approveIdentityClaim', `mutation($i: DecideIdentityClaimInput!) { approveIdentityClaim(input: $i) { __typename } }`, () => ({ i: { claimId: NO_SUCH_ID, note: '本人持身份证到场核验' } }), 'U F F F F F F NF F'),
  op('rejectIdentityClaim', `mutation($i: DecideIdentityClaimInput!) { rejectIdentityClaim(input: $i) { __typename } }`, () => ({ i: { claimId: NO_SUCH_ID, note: '本人持身份证到场核验' } }), 'U F F F F F F NF F'),
  op('cancelMyIdentityClaim', `mutation { cancelMyIdentityClaim { __typename } }`, none,                                               'U ok ok F F F F F F'),
  op('grantSensitiveConsent', `mutation { grantSensitiveConsent { id } }`, none,                                                       'U ok ok F F F F F F', { fresh: async (w) => ({ vars: {}, token: (await w.fresh.seeker()).token }) }),
  op('withdrawSensitiveConsent', `mutation { withdrawSensitiveConsent { id } }`, none,                                                 'U ok ok F F F F F F', { fresh: async (w) => ({ vars: {}, token: (await w.fresh.seeker()).token }) }),
  op('verifySeekerCategory', `mutation($i: VerifyCategoryInput!) { verifySeekerCategory(input: $i) { category } }`, (w) => ({ i: { seekerId: w.seeker.seekerId, category: 'UNEMPLOYED', source: 'BUREAU_LIST', note: '失业登记名单' } }), 'U F F F F F F ok F', { fresh: async (w) => ({ vars: { i: { seekerId: (await w.fresh.seeker()).seekerId, category: 'UNEMPLOYED', source: 'BUREAU_LIST', note: '失业登记名单' } } }) }),

  // ---- Subscriptions (over graphql-ws with the caller's token) ----
  op('notificationAdded', `subscription { notificationAdded { id } }`, none,                                                           'U ok ok ok ok ok ok ok ok'),

  // ---- Fairs core (issue 11 §1–§3, §5): fairs, booths, tickets, check-in, selection, results. Ids nobody owns (NF for the allowed callers);
  // createFairSeries/createFair make one draft (no booths, not published), so they change nothing anyone else sees.
  op('fairs', `{ fairs(${PAGE}) { total } }`, none,                                                                                 'ok ok ok ok ok ok ok ok ok'),
  op('fair', `query($id: ID!) { fair(id: $id) { id } }`, () => ({ id: NO_SUCH_ID }),                                                  'NF NF NF NF NF NF NF NF NF'),
  op('upcomingFairs', `{ upcomingFairs { id } }`, none,                                                                              'ok ok ok ok ok ok ok ok ok'),
  op('fairBooths', `query($id: ID!) { fairBooths(fairId: $id) { id } }`, () => ({ id: NO_SUCH_ID }),                                   'NF NF NF NF NF NF NF NF NF'),
  op('myBoothApplications', `{ myBoothApplications { id } }`, none,                                                                  'U F F ok ok F F F F'),
  op('boothApplications', `query($id: ID!) { boothApplications(fairId: $id) { id } }`, () => ({ id: NO_SUCH_ID }),                     'U F F F F F F NF F'),
  op('myFairTicket', `query($id: ID!) { myFairTicket(fairId: $id) { id } }`, () => ({ id: NO_SUCH_ID }),                               'U ok ok F F F F F F'),
  op('myFairVisits', `{ myFairVisits { fairId } }`, none,                                                                            'U ok ok F F F F F F'),
  op('fairBoothVisitors', `query($id: ID!) { fairBoothVisitors(fairId: $id) { applicationId } }`, () => ({ id: NO_SUCH_ID }),          'U F F NF NF F F F F'),
  op('fairMatches', `query($id: ID!) { fairMatches(fairId: $id) { fairPostingId } }`, () => ({ id: NO_SUCH_ID }),                      'U ok ok ok ok F F F F'),
  op('fairMatch', `query($p: ID!, $s: ID!) { fairMatch(fairPostingId: $p, seekerId: $s) { fairPostingId } }`, () => ({ p: NO_SUCH_ID, s: NO_SUCH_ID }), 'U NF NF NF NF F F F F'),
  op('fairReport', `query($id: ID!) { fairReport(fairId: $id) { fairId } }`, () => ({ id: NO_SUCH_ID }),                               'U F F F F F F NF NF'),
  op('myFairCarryOvers', `{ myFairCarryOvers { id } }`, none,                                                                        'U F F ok ok F F F F'),
  op('createFairSeries', `mutation($i: CreateFairSeriesInput!) { createFairSeries(input: $i) { id } }`, () => ({ i: { name: '矩阵测试周六招聘会', weekday: 6, startLocal: '09:00', endLocal: '12:00', weeksAhead: 1, level: 'CITY', regionCode: '150902', mode: 'ONSITE', boothCount: 0, autoPublish: false } }), 'U F F F F F F ok F'),
  op('createFair', `mutation($i: CreateFairInput!) { createFair(input: $i) { id } }`, (w) => ({ i: { title: '矩阵测试专场', kind: 'SPECIAL', level: 'COUNTY', regionCode: '150902', mode: 'ONSITE', startsAt: soon(w, 7 * 24 * 60), endsAt: soon(w, 7 * 24 * 60 + 180), boothCount: 0 } }), 'U F F F F F F ok F'),
  op('addFairBooths', `mutation($i: AddBoothsInput!) { addFairBooths(input: $i) { id } }`, () => ({ i: { fairId: NO_SUCH_ID, count: 2, prefix: 'A' } }), 'U F F F F F F NF F'),
  op('publishFair', `mutation($id: ID!) { publishFair(fairId: $id) { id } }`, () => ({ id: NO_SUCH_ID }),                              'U F F F F F F NF F'),
  op('setFairStatus', `mutation($id: ID!) { setFairStatus(fairId: $id, status: LIVE) { id } }`, () => ({ id: NO_SUCH_ID }),           'U F F F F F F NF F'),
  op('cancelFair', `mutation($i: CancelFairInput!) { cancelFair(input: $i) { id } }`, () => ({ i: { fairId: NO_SUCH_ID, reason: '国庆节放假' } }), 'U F F F F F F NF F'),
  op('closeFair', `mutation($id: ID!) { closeFair(fairId: $id) { id } }`, () => ({ id: NO_SUCH_ID }),                                  'U F F F F F F NF F'),
  op('applyForBooth', `mutation($i: ApplyForBoothInput!) { applyForBooth(input: $i) { id } }`, () => ({ i: { fairId: NO_SUCH_ID, postings: [{ postingId: NO_SUCH_ID, headcount: 1 }] } }), 'U F F NF NF F F F F'),
  op('cancelBoothApplication', `mutation($id: ID!) { cancelBoothApplication(applicationId: $id) { id } }`, () => ({ id: NO_SUCH_ID }), 'U F F NF NF F F F F'),
  op('decideBoothApplication', `mutation($i: DecideBoothApplicationInput!) { decideBoothApplication(input: $i) { id } }`, () => ({ i: { applicationId: NO_SUCH_ID, approve: true } }), 'U F F F F F F NF F'),
  op('assignBooth', `mutation($i: AssignBoothInput!) { assignBooth(input: $i) { id } }`, () => ({ i: { applicationId: NO_SUCH_ID, boothId: NO_SUCH_ID } }), 'U F F NF NF F F NF F'),
  op('markBoothNoShow', `mutation($id: ID!) { markBoothNoShow(applicationId: $id) { id } }`, () => ({ id: NO_SUCH_ID }),               'U F F F F F F NF F'),
  op('registerForFair', `mutation($id: ID!) { registerForFair(fairId: $id) { id } }`, () => ({ id: NO_SUCH_ID }),                      'U NF NF F F F F F F'),
  op('checkInFairTicket', `mutation($i: CheckInTicketInput!) { checkInFairTicket(input: $i) { id } }`, () => ({ i: { fairId: NO_SUCH_ID, token: 'not-a-ticket-token' } }), 'U F F F F F F NF F'),
  op('checkInByIdNumber', `mutation($i: CheckInByIdNumberInput!) { checkInByIdNumber(input: $i) { id } }`, () => ({ i: { fairId: NO_SUCH_ID, idNumber: idNumber() } }), 'U F F F F F F NF F'),
  op('registerFairWalkIn', `mutation($i: RegisterWalkInInput!) { registerFairWalkIn(input: $i) { id } }`, () => ({ i: { fairId: NO_SUCH_ID, idNumber: idNumber(), name: '李明', phone: uniquePhone() } }), 'U F F F F F F NF F'),
  op('fairPostingScanned', `mutation($c: String!) { fairPostingScanned(code: $c) { postingId } }`, () => ({ c: 'no-such-code' }),    'NF NF NF NF NF NF NF NF NF'),
  op('markFairInterest', `mutation($id: ID!) { markFairInterest(fairPostingId: $id) { id } }`, () => ({ id: NO_SUCH_ID }),             'U NF NF F F F F F F'),
  op('recordFairConversation', `mutation($i: BoothSeekerInput!) { recordFairConversation(input: $i) { id } }`, () => ({ i: { fairPostingId: NO_SUCH_ID, token: 'not-a-ticket-token' } }), 'U F F NF NF F F F F'),
  op('markFairIntent', `mutation($i: BoothSeekerInput!) { markFairIntent(input: $i) { id } }`, () => ({ i: { fairPostingId: NO_SUCH_ID, token: 'not-a-ticket-token' } }), 'U F F NF NF F F F F'),
  op('scheduleFairInterview', `mutation($i: ScheduleFairInterviewInput!) { scheduleFairInterview(input: $i) { id } }`, (w) => ({ i: { fairPostingId: NO_SUCH_ID, token: 'not-a-ticket-token', startsAt: soon(w, 24 * 60), durationMinutes: 30 } }), 'U F F NF NF F F F F'),
  op('hireAtFair', `mutation($i: HireAtFairInput!) { hireAtFair(input: $i) { id } }`, () => ({ i: { fairPostingId: NO_SUCH_ID, token: 'not-a-ticket-token', contractStart: '2030-01-01', contractMonths: 12 } }), 'U F F NF NF F F F F'),
  op('decideFairCarryOver', `mutation($id: ID!) { decideFairCarryOver(carryOverId: $id, confirm: true) { id } }`, () => ({ id: NO_SUCH_ID }), 'U F F NF NF F F F F'),
  // ---- Fairs, live part (issue 11 §4, §6): info wall, wall subscriptions, booth queues. Ids of fairs/booths nobody can see. ----
  op('fairWall', `query($id: ID!) { fairWall(fairId: $id) { fairId } }`, () => ({ id: NO_SUCH_ID }),                                 'NF NF NF NF NF NF NF NF NF'),
  op('thisSaturdayFair', `{ thisSaturdayFair { subscribed } }`, none,                                                                    'U ok ok F F F F F F'),
  op('myFairWallSubscription', `{ myFairWallSubscription { id } }`, none,                                                                'U ok ok F F F F F F'),
  op('myBoothQueues', `{ myBoothQueues { boothId } }`, none,                                                                             'U ok ok F F F F F F'),
  op('boothQueue', `query($id: ID!) { boothQueue(boothId: $id) { boothId } }`, () => ({ id: NO_SUCH_ID }),                            'U F F NF NF F F F F'),
  op('boothColleagues', `query($id: ID!) { boothColleagues(boothId: $id) { userId } }`, () => ({ id: NO_SUCH_ID }),                   'U F F NF NF F F F F'),
  op('subscribeFairWall', `mutation($i: SubscribeFairWallInput!) { subscribeFairWall(input: $i) { id } }`, () => ({ i: { regionPrefixes: ['1509'], payFloorFen: 300000 } }), 'U ok ok F F F F F F'),
  op('unsubscribeFairWall', `mutation { unsubscribeFairWall }`, none,                                                                    'U ok ok F F F F F F'),
  op('postFairSchoolNotice', `mutation($i: PostSchoolNoticeInput!) { postFairSchoolNotice(input: $i) { id } }`, () => ({ i: { fairId: NO_SUCH_ID, majors: [{ major: '软件技术', graduates: 40 }] } }), 'U F F F F NF NF F F'),
  op('withdrawFairSchoolNotice', `mutation($id: ID!) { withdrawFairSchoolNotice(noticeId: $id) }`, () => ({ id: NO_SUCH_ID }),          'U F F F F NF NF F F'),
  op('joinBoothQueue', `mutation($id: ID!) { joinBoothQueue(boothId: $id) { number } }`, () => ({ id: NO_SUCH_ID }),                  'U NF NF F F F F F F'),
  op('leaveBoothQueue', `mutation($id: ID!) { leaveBoothQueue(boothId: $id) }`, () => ({ id: NO_SUCH_ID }),                           'U NF NF F F F F F F'),
  op('callNextAtBooth', `mutation($id: ID!) { callNextAtBooth(boothId: $id) { previousOutcome } }`, () => ({ id: NO_SUCH_ID }),       'U F F NF NF F F F F'),
  op('handOverBoothSeeker', `mutation($id: ID!, $s: ID!, $h: ID!) { handOverBoothSeeker(boothId: $id, seekerUserId: $s, toHrUserId: $h) { boothId } }`, () => ({ id: NO_SUCH_ID, s: NO_SUCH_ID, h: NO_SUCH_ID }), 'U F F NF NF F F F F'),
  op('boothJoinToken', `mutation($id: ID!) { boothJoinToken(boothId: $id) { token } }`, () => ({ id: NO_SUCH_ID }),                   'U NF NF NF NF F F F F'),
  // Subscriptions run without variables here: the id is written into the document.
  op('fairWallUpdated', `subscription { fairWallUpdated(fairId: "${NO_SUCH_ID}") { fairId } }`, none,             'NF NF NF NF NF NF NF NF NF'),
  op('myBoothQueueUpdated', `subscription { myBoothQueueUpdated(boothId: "${NO_SUCH_ID}") { state } }`, none,      'U NF NF F F F F F F'),
  op('boothQueueUpdated', `subscription { boothQueueUpdated(boothId: "${NO_SUCH_ID}") { boothId } }`, none,        'U F F NF NF F F F F'),
  // ---- Subsidy payouts (issue 10 §3): the bureau's payout desk. No batch/recovery fixture here: the NF of the allowed callers proves the guard
  // and the lookup; createSubsidyPaymentBatch asks for what was due by 2000-01-01 (never anything), so it changes nothing.
  op('subsidyPaymentBatches', `{ subsidyPaymentBatches(${PAGE}) { total } }`, none,                                                   'U F F F F F F ok ok'),
  op('subsidyPaymentBatch', `query($id: ID!) { subsidyPaymentBatch(id: $id) { id } }`, () => ({ id: NO_SUCH_ID }),                  'U F F F F F F NF NF'),
  op('subsidyRecoveries', `{ subsidyRecoveries(${PAGE}) { total } }`, none,                                                           'U F F F F F F ok ok'),
  op('subsidyRetentionChecks', `{ subsidyRetentionChecks(${PAGE}) { total } }`, none,                                                 'U F F F F F F ok ok'),
  op('createSubsidyPaymentBatch', `mutation($i: CreateSubsidyPaymentBatchInput) { createSubsidyPaymentBatch(input: $i) { id } }`, () => ({ i: { dueThrough: '2000-01-01' } }), 'U F F F F F F NOTHING_DUE NOTHING_DUE'),
  op('recordSubsidyReceipt', `mutation($i: RecordSubsidyReceiptInput!) { recordSubsidyReceipt(input: $i) { id } }`, () => ({ i: { batchId: NO_SUCH_ID, lines: [{ instructionId: NO_SUCH_ID, outcome: 'PAID' }] } }), 'U F F F F F F F NF'),
  op('settleSubsidyRecovery', `mutation($i: SettleSubsidyRecoveryInput!) { settleSubsidyRecovery(input: $i) { id } }`, () => ({ i: { id: NO_SUCH_ID, outcome: 'WAIVED', reason: '企业已整改' } }), 'U F F F F F F F NF'),
  // Issue 10 §1–2, §5 (SUB-A): subsidy claims. A = tenant A's DRAFT claim; the owner seeker has a claim of their own.
  op('subsidyClaims', `{ subsidyClaims(${PAGE}) { items { id } } }`, async (w) => (await subsidyFixtures(w), {}),                    'U ok- ok- ok ok- ok- ok- ok ok', { foreign: (w) => [subsidyIds(w).claimA] }),
  op('subsidyClaim', `query($id: ID!) { subsidyClaim(id: $id) { id lines { id traceZh } events { to } evidence { id } duplicates { lineId } } }`, async (w) => ({ id: (await subsidyFixtures(w)).claimA }), 'U NF NF ok NF NF NF ok ok'),
  op('subsidyPublicity', `{ subsidyPublicity(first: 20) { lineId personLabel } }`, none,                                               'ok ok ok ok ok ok ok ok ok'),
  op('subsidyDoubleDipping', `{ subsidyDoubleDipping(first: 20) { personKey } }`, none,                                                'U F F F F F F ok ok'),
  op('subsidyParameters', `{ subsidyParameters { key } }`, none,                                                                       'U F F F F F F ok ok'),
  op('subsidyDashboard', `{ subsidyDashboard(year: 2026) { year } }`, none,                                                            'U F F F F F F ok ok'),
  op('subsidyBudgets', `{ subsidyBudgets(year: 2026) { item } }`, none,                                                                'U F F F F F F ok ok'),
  op('mySubsidies', `{ mySubsidies { id } }`, async (w) => (await subsidyFixtures(w), {}),                                            'U ok ok- F F F F F F', { foreign: (w) => [subsidyIds(w).personClaim] }),
  op('createSubsidyClaim', `mutation($i: CreateSubsidyClaimInput!) { createSubsidyClaim(input: $i) { id } }`, (w) => ({ i: { item: 'ITEM_16', hireIds: [w.a.hireId] } }), 'U ITEM_PARTY_MISMATCH ITEM_PARTY_MISMATCH NOTHING_ELIGIBLE NOTHING_ELIGIBLE F F ITEM_PARTY_MISMATCH F'),
  op('submitSubsidyClaim', `mutation($id: ID!) { submitSubsidyClaim(id: $id) { id } }`, async (w) => ({ id: (await subsidyFixtures(w)).claimA }), 'U NF NF ok NF NF NF NOT_THE_PARTY F', { fresh: async (w) => ({ vars: { id: (await claimIn(w, 'DRAFT')).claimId } }) }),
  op('withdrawSubsidyClaim', `mutation($id: ID!) { withdrawSubsidyClaim(id: $id) { id } }`, async (w) => ({ id: (await subsidyFixtures(w)).claimA }), 'U NF NF ok NF NF NF NOT_THE_PARTY F', { fresh: async (w) => ({ vars: { id: (await claimIn(w, 'DRAFT')).claimId } }) }),
  op('appealSubsidyClaim', `mutation($id: ID!) { appealSubsidyClaim(id: $id, note: "请复核") { id } }`, async (w) => ({ id: (await subsidyFixtures(w)).claimA }), 'U NF NF ok NF NF NF NOT_THE_PARTY F', { fresh: async (w) => ({ vars: { id: (await claimIn(w, 'REJECTED')).claimId } }) }),
  op('startSubsidyReview', `mutation($id: ID!) { startSubsidyReview(id: $id) { id } }`, async (w) => ({ id: (await subsidyFixtures(w)).claimA }), 'U F F F F F F F ok', { fresh: async (w) => ({ vars: { id: (await claimIn(w, 'SUBMITTED')).claimId } }) }),
  op('returnSubsidyClaim', `mutation($id: ID!) { returnSubsidyClaim(id: $id, reason: EVIDENCE_MISSING, deadline: "2099-01-01") { id } }`, async (w) => ({ id: (await subsidyFixtures(w)).claimA }), 'U F F F F F F F ok', { fresh: async (w) => ({ vars: { id: (await claimIn(w, 'IN_REVIEW')).claimId } }) }),
  op('recommendSubsidyClaim', `mutation($id: ID!) { recommendSubsidyClaim(id: $id) { id } }`, async (w) => ({ id: (await subsidyFixtures(w)).claimA }), 'U F F F F F F F ok', { fresh: async (w) => ({ vars: { id: (await claimIn(w, 'IN_REVIEW')).claimId } }) }),
  op('decideSubsidyClaim', `mutation($i: DecideSubsidyClaimInput!) { decideSubsidyClaim(input: $i) { id } }`, async (w) => ({ i: { claimId: (await subsidyFixtures(w)).claimA, lines: [] } }), 'U F F F F F F F ok', { fresh: async (w) => ({ vars: { i: { claimId: (await claimIn(w, 'RECOMMENDED')).claimId, lines: [] } } }) }),
  op('rejectSubsidyClaim', `mutation($id: ID!) { rejectSubsidyClaim(id: $id, reason: NOT_ELIGIBLE, note: "不符合条件") { id } }`, async (w) => ({ id: (await subsidyFixtures(w)).claimA }), 'U F F F F F F F ok', { fresh: async (w) => ({ vars: { id: (await claimIn(w, 'RECOMMENDED')).claimId } }) }),
  op('suspendSubsidyClaim', `mutation($id: ID!) { suspendSubsidyClaim(id: $id, reason: SUSPECTED_FRAUD, note: "核查") { id } }`, async (w) => ({ id: (await subsidyFixtures(w)).claimA }), 'U F F F F F F F ok', { fresh: async (w) => ({ vars: { id: (await claimIn(w, 'SUBMITTED')).claimId } }) }),
  op('objectToSubsidyLine', `mutation($id: ID!) { objectToSubsidyLine(lineId: $id, note: "群众反映") { id } }`, async (w) => ({ id: (await subsidyFixtures(w)).lineA }), 'U F F F F F F ok ok', { fresh: async (w) => ({ vars: { id: (await claimIn(w, 'PUBLICITY')).lineId } }) }),
  op('setSubsidyParameter', `mutation($i: SetSubsidyParameterInput!) { setSubsidyParameter(input: $i) { key } }`, () => ({ i: { key: 'publicity.working_days', effectiveFrom: '2099-01-01', valueJson: '5', sourceClause: '授权矩阵测试' } }), 'U F F F F F F ok F'),
  op('setSubsidyBudget', `mutation { setSubsidyBudget(item: ITEM_08, year: 2099, amountFen: 100) { item } }`, none,                     'U F F F F F F ok ok'),
  op('setApprovalLimit', `mutation($u: ID!) { setApprovalLimit(userId: $u, maxFen: 100) }`, () => ({ u: NO_SUCH_ID }),                  'U F F F F F F ok F'),
  op('runSubsidyProposals', `mutation { runSubsidyProposals { claimsCreated } }`, none,                                                'U F F F F F F ok F'),
];

/**
 * REST routes (method + Express path, as the router lists them) → expected HTTP status per caller.
 * `call` builds the request for the caller; ids again belong to someone else.
 */
export interface RestRow {
  route: string;
  call: (w: World, role: RoleKey) => Promise<{ path: string; init?: RequestInit }>;
  expect: Record<RoleKey, number>;
}
function rest(route: string, call: RestRow['call'], statuses: string): RestRow {
  const words = statuses.trim().split(/\s+/).map(Number);
  if (words.length !== ROLES.length) throw new Error(`REST row ${route}: ${words.length} statuses`);
  return { route, call, expect: Object.fromEntries(ROLES.map((r, i) => [r, words[i]])) as Record<RoleKey, number> };
}
const categoryListForm = () => {
  const f = new FormData();
  f.append('category', 'DISABLED');
  f.append('listDate', '2020-01-01');
  f.append('file', new Blob([`姓名,身份证号\n张三,${idNumber()}\n`]), 'list.csv');
  return f;
};
const uploadForm = () => {
  const form = new FormData();
  form.append(
    'file',
    new Blob([Buffer.from(`姓名,身份证号,性别,手机号,专业,学历,毕业年份,班级,学号\r\n王芳,${idNumber('150902', '2003-05-01')},,,软件技术,大专,2026,,\r\n`)]),
    'list.csv',
  );
  return form;
};

//                                                                                                           anon seeker seeker2 hrA hrB schoolA schoolB op aud
// prettier-ignore
export const REST: RestRow[] = [
  rest('GET /interview/config.json', async () => ({ path: '/interview/config.json' }),                                          '200 200 200 200 200 200 200 200 200'),
  // serve-static's fallback for the pages (GET {*any}): public files only.
  rest('GET {*any}', async () => ({ path: '/hr/' }),                                                                              '200 200 200 200 200 200 200 200 200'),
  // The weekly wall message's unsubscribe link: GET only shows the confirmation; POST with a forged token is refused.
  rest('GET /fair-wall/unsubscribe', async () => ({ path: '/fair-wall/unsubscribe?t=x' }),                                         '200 200 200 200 200 200 200 200 200'),
  rest('POST /fair-wall/unsubscribe', async () => ({ path: '/fair-wall/unsubscribe', init: { method: 'POST', body: 't=forged', headers: { 'content-type': 'application/x-www-form-urlencoded' } } }), '400 400 400 400 400 400 400 400 400'),
  rest('GET /health', async () => ({ path: '/health' }),                                                                          '200 200 200 200 200 200 200 200 200'),
  rest('GET /training/sessions/:id/qr.png', async (w) => ({ path: `/training/sessions/${w.training.sessionId}/qr.png?token=${encodeURIComponent(await currentCode(w))}` }), '200 200 200 200 200 200 200 200 200'),
  rest('GET /training/sessions/:id/qr.png (no code)', async (w) => ({ path: `/training/sessions/${w.training.sessionId}/qr.png?token=bogus` }), '400 400 400 400 400 400 400 400 400'),
  rest('POST /schools/graduate-imports', async () => ({ path: '/schools/graduate-imports', init: { method: 'POST', body: uploadForm() } }), '401 403 403 403 403 202 202 403 403'),
  rest('GET /schools/graduate-imports/template.xlsx', async () => ({ path: '/schools/graduate-imports/template.xlsx' }),           '401 403 403 403 403 200 200 200 403'),
  rest('GET /schools/graduate-imports/:id/rejected.xlsx', async (w) => ({ path: `/schools/graduate-imports/${w.schoolA.importId}/rejected.xlsx` }), '401 403 403 403 403 200 404 403 403'),
  // Issue 11: posting/ticket QR images and booth posters are public but render only what exists (404 otherwise); the report is staff only.
  rest('GET /fairs/qr/:code.png', async () => ({ path: '/fairs/qr/no-such-code.png' }),                                          '404 404 404 404 404 404 404 404 404'),
  rest('GET /fairs/tickets/:token.png', async () => ({ path: '/fairs/tickets/no-such-token.png' }),                                '404 404 404 404 404 404 404 404 404'),
  rest('GET /fairs/:fairId/posters/:applicationId', async () => ({ path: `/fairs/${NO_SUCH_ID}/posters/${NO_SUCH_ID}` }),          '404 404 404 404 404 404 404 404 404'),
  rest('GET /fairs/:fairId/report.xlsx', async () => ({ path: `/fairs/${NO_SUCH_ID}/report.xlsx` }),                               '401 403 403 403 403 403 403 404 404'),
  // Issue 10 §3: a payment batch's bank file, for the HR bureau only (404 for a batch that does not exist, before any byte).
  rest('GET /subsidies/payment-batches/:id/bank-file.xlsx', async () => ({ path: `/subsidies/payment-batches/${NO_SUCH_ID}/bank-file.xlsx` }), '401 403 403 403 403 403 403 403 404'),
  // Issue 10: the claim list as xlsx, for the service centre and the HR bureau (the same list and masking as the desk's).
  rest('GET /subsidies/claims.xlsx', async () => ({ path: '/subsidies/claims.xlsx?status=CLOSED' }),                                '401 403 403 403 403 403 403 200 200'),
  rest('GET /subsidies/publicity.xlsx', async () => ({ path: '/subsidies/publicity.xlsx' }),                                        '200 200 200 200 200 200 200 200 200'),
  // Issue 10 §4: every list of the bureau's desk as xlsx, for those who see the list (the HR bureau and the service centre).
  rest('GET /subsidies/double-dipping.xlsx', async () => ({ path: '/subsidies/double-dipping.xlsx' }),                              '401 403 403 403 403 403 403 200 200'),
  rest('GET /subsidies/recoveries.xlsx', async () => ({ path: '/subsidies/recoveries.xlsx?status=DUE' }),                            '401 403 403 403 403 403 403 200 200'),
  rest('GET /subsidies/retention-checks.xlsx', async () => ({ path: '/subsidies/retention-checks.xlsx' }),                          '401 403 403 403 403 403 403 200 200'),
  rest('GET /subsidies/payment-batches.xlsx', async () => ({ path: '/subsidies/payment-batches.xlsx' }),                            '401 403 403 403 403 403 403 200 200'),
  // Issue 10 §2 (SUB-A): evidence of tenant A's DRAFT claim — the party uploads (201), the service centre is not the party of a company claim (403).
  rest('POST /subsidies/claims/:id/evidence', async (w) => ({ path: `/subsidies/claims/${(await subsidyFixtures(w)).claimA}/evidence`, init: { method: 'POST', body: evidenceForm() } }), '401 404 404 201 404 404 404 403 403'),
  // Issue 10 §1: the bureau uploads a category list (a new version for the category each time it is allowed).
  rest('POST /talent/category-lists', async () => ({ path: '/talent/category-lists', init: { method: 'POST', body: categoryListForm() } }), '401 403 403 403 403 403 403 403 201'),
  rest('GET /subsidies/evidence/:id', async () => ({ path: `/subsidies/evidence/${NO_SUCH_ID}` }),                                 '401 404 404 404 404 404 404 404 404'),
  // Issue 12 §4. /metrics takes only the METRICS_TOKEN bearer (test/observability/operations.e2e-spec.ts): no access token opens it.
  rest('GET /metrics', async () => ({ path: '/metrics' }),                                                                        '401 401 401 401 401 401 401 401 401'),
  // Bull Board: operators only. The write routes are called on a queue that does not exist (404 for the operator), so nothing changes.
  rest('GET /admin/queues', async () => ({ path: '/admin/queues' }),                                                              '401 403 403 403 403 403 403 200 403'),
  rest('GET /admin/queues/*path', async () => ({ path: '/admin/queues/api/queues' }),                                             '401 403 403 403 403 403 403 200 403'),
  rest('PUT /admin/queues/*path', async () => ({ path: '/admin/queues/api/queues/no-such-queue/pause', init: { method: 'PUT' } }), '401 403 403 403 403 403 403 404 403'),
  rest('POST /admin/queues/*path', async () => ({ path: '/admin/queues/api/queues/no-such-queue/add', init: { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } } }), '401 403 403 403 403 403 403 404 403'),
  rest('PATCH /admin/queues/*path', async () => ({ path: '/admin/queues/api/queues/no-such-queue/1/priority', init: { method: 'PATCH', body: '{"priority":1}', headers: { 'content-type': 'application/json' } } }), '401 403 403 403 403 403 403 404 403'),
];
