import { AppConfig, Role } from '@app/core';
import { createTestApi, insertStaff, seekerWithProfile, signInSeeker, signInStaff, tenantWithHr, TestApi } from '@app/testing';
import { JwtService } from '@nestjs/jwt';
import { RoomTokenService } from '../../apps/media/src/rooms/room-token.service';
import { MediaConfig } from '../../apps/media/src/media.config';
import { CloseCode } from '../../apps/media/src/protocol';
import { at, candidate, JOIN, SCHEDULE, scheduled } from './interviews.helpers';

async function freshHr(api: TestApi, tenantId: string): Promise<string> {
  const u = await insertStaff(api, Role.HR, { tenantId });
  return signInStaff(api, u.username, u.password);
}

describe('interview join tokens', () => {
  let api: TestApi;
  let verifier: RoomTokenService;
  let secret: string;
  beforeAll(async () => {
    api = await createTestApi();
    secret = api.app.get(AppConfig).auth.mediaTokenSecret;
    // The media service's own verifier, configured with the same MEDIA_TOKEN_SECRET.
    verifier = new RoomTokenService({ tokenSecret: secret } as MediaConfig);
  });
  afterAll(() => api.close());

  it('issued to both sides only inside the window; claims are what apps/media expects; the first one marks the interview LIVE', async () => {
    const c = await candidate(api);
    const iv = await scheduled(api, c, 20, 30); // starts in 20 min, ends 30 min later
    const start = Date.parse(iv.startsAt);
    const end = Date.parse(iv.endsAt);

    // Too early: 11 minutes before the start.
    api.clock.advance(start - 11 * 60_000 - api.clock.now().getTime());
    const early = await api.gql(JOIN, { id: iv.id }, c.seeker.token);
    expect(early.errors?.[0]).toMatchObject({ extensions: { code: 'JOIN_TOO_EARLY', messageEn: expect.stringContaining('10 minutes') } });
    expect(early.errors?.[0].message).toMatch(/面试间尚未开放，将于 \d{4}-\d\d-\d\d \d\d:\d\d 开放/);

    // 9 minutes before: open.
    api.clock.advance(2 * 60_000);
    const now = api.clock.now().getTime();
    const seekerTok = (await api.ok(JOIN, { id: iv.id }, c.seeker.token)).interviewJoinToken;
    const hrTok = (await api.ok(JOIN, { id: iv.id }, c.hrToken)).interviewJoinToken;
    // Relative to the API origin, without the media server's origin: the page asks its own origin (/interview/config.json).
    // The media origin comes from server config (MEDIA_PUBLIC_URL, default http://localhost:4443 outside production).
    const media = api.app.get(AppConfig).app.mediaPublicUrl;
    expect(media).toMatch(/^https?:\/\//);
    expect(seekerTok.joinUrl).toBe(`/interview/seeker.html?room=${iv.id}&token=${encodeURIComponent(seekerTok.token)}`);
    expect(seekerTok.mediaUrl).toBe(media);
    expect(hrTok.joinUrl).not.toContain('media=');
    expect(hrTok.joinUrl).toMatch(new RegExp(`^/interview/hr\\.html\\?room=${iv.id}&token=`));
    expect(Date.parse(seekerTok.roomEndsAt)).toBe(end + 30 * 60_000);
    expect(Date.parse(seekerTok.expiresAt) - now).toBeLessThanOrEqual(15 * 60_000);

    const sc = verifier.verify(seekerTok.token, iv.id, now);
    expect(sc).toMatchObject({
      typ: 'media',
      aud: 'talent-cloud-media',
      room: iv.id,
      role: 'SEEKER',
      kind: 'INTERVIEW',
      roomEndsAt: (end + 30 * 60_000) / 1000,
    });
    const [{ user_id: seekerUserId }] = await api.db.query(`SELECT user_id FROM seekers WHERE id = $1`, [c.seeker.seekerId]);
    expect(sc.sub).toBe(seekerUserId);
    expect(sc.exp).toBeLessThanOrEqual(Math.floor(now / 1000) + 15 * 60);
    const hc = verifier.verify(hrTok.token, iv.id, now);
    expect(hc).toMatchObject({ sub: c.hrUserId, room: iv.id, role: 'HR', kind: 'INTERVIEW' });
    // Signed HS256 with MEDIA_TOKEN_SECRET (and not with anything else).
    expect(new JwtService({}).decode(hrTok.token, { complete: true }).header.alg).toBe('HS256');
    expect(() => new JwtService({ secret: 'another-secret-of-sufficient-length-123' }).verify(hrTok.token)).toThrow();
    // Never the API's key: the API does not take it as an access token, and the API's access token is no room token.
    expect(() => new JwtService({ secret: api.app.get(AppConfig).auth.accessSecret }).verify(hrTok.token)).toThrow();
    const asAccess = await api.gql(`query { me { id } }`, {}, hrTok.token);
    expect(asAccess.data?.me ?? null).toBeNull();
    expect(asAccess.errors?.[0].extensions?.code).toMatch(/^(INVALID_TOKEN|UNAUTHENTICATED)$/);
    expect(() => verifier.verify(c.hrToken, iv.id, now)).toThrow(expect.objectContaining({ code: CloseCode.TokenInvalid }));
    // Wrong room / expired, as the media service sees it.
    expect(() => verifier.verify(hrTok.token, 'some-other-room', now)).toThrow(expect.objectContaining({ code: CloseCode.WrongRoom }));
    expect(() => verifier.verify(hrTok.token, iv.id, now + 16 * 60_000)).toThrow(expect.objectContaining({ code: CloseCode.TokenExpired }));

    const live = await api.ok(`query($id: ID!) { interview(id: $id) { status } }`, { id: iv.id }, c.hrToken);
    expect(live.interview.status).toBe('LIVE');

    // Near the room's end the token expires with the room, not later. (Access tokens live 15 min: sign in again after the jump.)
    api.clock.advance(end + 25 * 60_000 - api.clock.now().getTime());
    const seekerToken = (await signInSeeker(api, c.seeker.phone)).token;
    const hrToken = await freshHr(api, c.tenantId);
    const late = (await api.ok(JOIN, { id: iv.id }, seekerToken)).interviewJoinToken;
    expect(Date.parse(late.expiresAt)).toBe(end + 30 * 60_000);
    // After scheduled end + 30 min: closed.
    api.clock.advance(5 * 60_000);
    const closed = await api.gql(JOIN, { id: iv.id }, hrToken);
    expect(closed.errors?.[0]).toMatchObject({ extensions: { code: 'JOIN_ENDED', messageEn: 'The interview room has closed' } });
    expect(closed.errors?.[0].message).toBe('面试间已关闭');
  });

  it("another tenant's HR and another seeker are refused (NOT_FOUND); any HR of the owning tenant may join", async () => {
    const c = await candidate(api);
    const iv = await scheduled(api, c, 5, 30); // inside the window already
    const otherTenant = await tenantWithHr(api);
    const r1 = await api.gql(JOIN, { id: iv.id }, otherTenant.hrToken);
    expect(r1.errors?.[0]).toMatchObject({ message: '面试不存在', extensions: { code: 'NOT_FOUND', messageEn: 'Interview not found' } });
    expect(r1.data?.interviewJoinToken ?? null).toBeNull();
    const stranger = await seekerWithProfile(api);
    const r2 = await api.gql(JOIN, { id: iv.id }, stranger.token);
    expect(r2.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const op = await api.gql(JOIN, { id: iv.id }, (await tenantWithHr(api)).hrToken);
    expect(op.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    // A colleague at the same company (not the interviewer) may take over.
    const colleague = await insertStaff(api, Role.HR, { tenantId: c.tenantId });
    const tok = (await api.ok(JOIN, { id: iv.id }, await signInStaff(api, colleague.username, colleague.password))).interviewJoinToken;
    expect(verifier.verify(tok.token, iv.id, api.clock.now().getTime())).toMatchObject({ sub: colleague.id, role: 'HR' });
    // Malformed ids are just "not found".
    expect((await api.gql(JOIN, { id: 'nope' }, c.hrToken)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('no token while only proposed, or once the seeker withdrew the application', async () => {
    const c = await candidate(api);
    const proposed = (await api.ok(SCHEDULE, { i: { applicationId: c.applicationId, slots: [{ startsAt: at(api, 5), durationMinutes: 30 }] } }, c.hrToken))
      .scheduleInterview;
    const r = await api.gql(JOIN, { id: proposed.id }, c.seeker.token);
    expect(r.errors?.[0].extensions?.code).toBe('INTERVIEW_INVALID_STATUS');
    expect(r.errors?.[0].message).toContain('待确认时间');
    await api.ok(
      `mutation($i: ChooseSlotInput!) { chooseInterviewSlot(input: $i) { id } }`,
      { i: { interviewId: proposed.id, slotId: proposed.slots[0].id } },
      c.seeker.token,
    );
    await api.ok(`mutation($id: ID!) { withdrawApplication(id: $id) { id } }`, { id: c.applicationId }, c.seeker.token);
    const w = await api.gql(JOIN, { id: proposed.id }, c.seeker.token);
    expect(w.errors?.[0].extensions?.code).toBe('APPLICATION_CLOSED');
  });
});
