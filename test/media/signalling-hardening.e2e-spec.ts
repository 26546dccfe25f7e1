import { createTestApi, TestApi } from '@app/testing';
import { JwtService } from '@nestjs/jwt';
import { CloseCode, closeReason } from '../../apps/media/src/protocol';
import { TOO_MANY_MESSAGES } from '../../apps/media/src/signalling/signalling-ws.adapter';
import { MediaHarness, roomToken, startMedia } from '../browser/media-harness';
import { candidate, JOIN, scheduled } from '../interviews/interviews.helpers';
import { joinRoom, opusParameters, SignallingClient } from './signalling-client';

/**
 * The media service's signalling hardening, over real WebSockets against the
 * real media service (mediasoup workers) and the real API: typed room tokens,
 * the Origin allow-list, one connection per user and room, the message budget
 * and the consumer cap.
 */
jest.setTimeout(60_000);

const MEDIA_SECRET = 'signalling-test-media-secret-0123456789abcdef';
const API_ORIGIN = 'http://api.talent.test';
let api: TestApi;
let media: MediaHarness;
const clients: SignallingClient[] = [];
const savedEnv = { MEDIA_TOKEN_SECRET: process.env.MEDIA_TOKEN_SECRET, MEDIA_PUBLIC_URL: process.env.MEDIA_PUBLIC_URL };

beforeAll(async () => {
  media = await startMedia({
    MEDIA_TOKEN_SECRET: MEDIA_SECRET,
    MEDIA_ALLOWED_ORIGINS: API_ORIGIN,
    MEDIA_MAX_CONSUMERS_PER_PRODUCER: '2',
    MEDIA_MESSAGES_PER_SECOND: '20',
    MEDIA_MESSAGE_BURST: '60',
    MEDIA_FLOOD_DISCONNECT_AFTER: '100',
  });
  process.env.MEDIA_TOKEN_SECRET = MEDIA_SECRET; // the API mints room tokens the media service accepts
  process.env.MEDIA_PUBLIC_URL = media.baseUrl; // and tells its pages where the media service is
  api = await createTestApi();
});

afterAll(async () => {
  clients.forEach((c) => c.close());
  await api?.close();
  await media?.close();
  for (const [k, v] of Object.entries(savedEnv)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

function connect(room: string, token: string, origin: string | undefined = API_ORIGIN): SignallingClient {
  const client = new SignallingClient(media.baseUrl, room, token, { origin });
  clients.push(client);
  return client;
}

const sign = (secret: string, claims: object) => new JwtService({ secret }).sign(claims);
const roomOf = (id: string) => media.rooms.snapshot().find((r) => r.id === id);

describe('room tokens: typ media, aud talent-cloud-media', () => {
  it('a join token from the API is admitted; the API access token of the same user is refused', async () => {
    const c = await candidate(api);
    const iv = await scheduled(api, c, 5, 30);
    const { token } = (await api.ok(JOIN, { id: iv.id }, c.hrToken)).interviewJoinToken;
    const claims = new JwtService({}).decode(token);
    expect(claims).toMatchObject({ typ: 'media', aud: 'talent-cloud-media', room: iv.id, sub: c.hrUserId, role: 'HR' });

    const admitted = connect(iv.id, token);
    expect((await joinRoom(admitted)).join.me).toMatchObject({ peerId: c.hrUserId, role: 'HR' });

    // The HR user's API access token, on the media socket.
    const refused = connect(iv.id, c.hrToken);
    expect(await refused.closed).toEqual({ code: CloseCode.TokenInvalid, reason: closeReason(CloseCode.TokenInvalid) });
    expect(roomOf(iv.id)?.peers).toEqual([c.hrUserId]);
  });

  it('refuses an access-typed token even when it is signed with the media key', async () => {
    const exp = Math.floor(Date.now() / 1000) + 60;
    const base = { sub: 'u-access', room: 'iv-typ', role: 'SEEKER', kind: 'INTERVIEW', exp };
    for (const claims of [
      { ...base, typ: 'access', aud: 'talent-cloud-api' },
      { ...base, typ: 'media', aud: 'talent-cloud-api' },
      { ...base, typ: 'access', aud: 'talent-cloud-media' },
      base,
    ]) {
      const client = connect('iv-typ', sign(MEDIA_SECRET, claims));
      expect((await client.closed).code).toBe(CloseCode.TokenInvalid);
    }
    expect(roomOf('iv-typ')).toBeUndefined();
  });
});

describe('Origin allow-list (MEDIA_ALLOWED_ORIGINS)', () => {
  it('refuses a page on another origin with a clear close code; the allowed origin and non-browser clients get in', async () => {
    const room = 'iv-origin';
    const token = roomToken({ sub: 'seeker-o', room, role: 'SEEKER' }, { secret: MEDIA_SECRET });
    for (const origin of ['https://evil.example', 'http://api.talent.test:8080', 'null', API_ORIGIN.toUpperCase()]) {
      const client = connect(room, token, origin);
      expect(await client.closed).toEqual({ code: CloseCode.OriginNotAllowed, reason: '请从平台提供的面试链接进入 / Origin not allowed' });
    }
    expect(roomOf(room)).toBeUndefined();

    const allowed = connect(room, token, API_ORIGIN);
    await joinRoom(allowed);
    expect(roomOf(room)?.peers).toEqual(['seeker-o']);
    allowed.close();
    await allowed.closed;
    // No Origin header: not a browser (benchmark, native client); the room token still decides.
    const native = connect(room, token, undefined);
    await joinRoom(native);
  });
});

describe('one connection per user and room', () => {
  it('a second connection with the same token replaces the first (closed with a reason) and HR is told', async () => {
    const room = 'iv-replace';
    const hr = connect(room, roomToken({ sub: 'hr-r', room, role: 'HR', name: '面试官' }, { secret: MEDIA_SECRET }));
    await joinRoom(hr);
    const seekerToken = roomToken({ sub: 'seeker-r', room, role: 'SEEKER', name: '求职者' }, { secret: MEDIA_SECRET });
    const first = connect(room, seekerToken);
    await joinRoom(first);
    await hr.notification('peerJoined');

    const second = connect(room, seekerToken);
    expect(await first.closed).toEqual({ code: CloseCode.Replaced, reason: '已在其他设备加入 / Joined from another device' });
    const told = await hr.notification('peerReplaced');
    expect(told).toMatchObject({ peerId: 'seeker-r', role: 'SEEKER', name: '求职者' });
    expect(Math.abs(told.at - Date.now())).toBeLessThan(10_000);
    // The newer connection works; the room holds one seeker.
    const { join } = await joinRoom(second);
    expect(join.peers).toEqual([{ peerId: 'hr-r', name: '面试官', role: 'HR' }]);
    expect(roomOf(room)?.peers.sort()).toEqual(['hr-r', 'seeker-r']);
    // Only HR is told: the seeker's own new connection gets no such notice.
    expect(second.notifications.some((n) => n.notification === 'peerReplaced')).toBe(false);
  });
});

describe('message budget (MEDIA_MESSAGES_PER_SECOND 20, burst 60, disconnect after 100 refusals in 10 s)', () => {
  it('a flood is refused beyond the burst, the budget refills, and sustained flooding closes the socket', async () => {
    const room = 'iv-flood';
    const client = connect(room, roomToken({ sub: 'seeker-f', room, role: 'SEEKER' }, { secret: MEDIA_SECRET }));
    expect(await client.opened).toBe(true);

    const burst = await Promise.all(Array.from({ length: 90 }, () => client.request('getRouterRtpCapabilities')));
    const accepted = burst.filter((r) => r.ok).length;
    expect(accepted).toBeGreaterThanOrEqual(60);
    expect(accepted).toBeLessThanOrEqual(80); // the bucket refills only 20/s while the burst arrives
    const refused = burst.filter((r) => !r.ok);
    expect(refused.length).toBe(90 - accepted);
    expect(new Set(refused.map((r) => r.error))).toEqual(new Set([TOO_MANY_MESSAGES]));
    // Refused requests were not handled: the accepted ones got the capabilities.
    expect(burst.find((r) => r.ok)?.data.codecs.length).toBeGreaterThan(0);

    // Half a second later ~10 tokens are back: a well-behaved client carries on.
    await new Promise((r) => setTimeout(r, 500));
    expect((await client.request('getRouterRtpCapabilities')).ok).toBe(true);
    expect(client.ws.readyState).toBe(client.ws.OPEN);

    // Sustained: keep flooding (garbage too, which is counted before parsing) until the server hangs up.
    for (let i = 0; i < 150 && client.ws.readyState === client.ws.OPEN; i++) {
      client.ws.send(i % 2 ? 'not json' : JSON.stringify({ event: 'getRouterRtpCapabilities', data: { id: 10_000 + i } }));
    }
    expect(await client.closed).toEqual({ code: CloseCode.TooManyMessages, reason: '请求过于频繁，连接已断开 / Too many messages' });
    await new Promise((r) => setTimeout(r, 200));
    expect(roomOf(room)?.peers ?? []).toEqual([]);
  });
});

describe('consumer cap (MEDIA_MAX_CONSUMERS_PER_PRODUCER 2)', () => {
  it('a producer gets at most two consumers, whoever asks', async () => {
    const room = 'iv-cap';
    const token = (sub: string, role: 'HR' | 'SEEKER') => roomToken({ sub, room, role }, { secret: MEDIA_SECRET });
    const seeker = connect(room, token('seeker-c', 'SEEKER'));
    await joinRoom(seeker);
    const send = await seeker.ok('createTransport', { direction: 'send' });
    const { id: producerId } = await seeker.ok('produce', { transportId: send.id, kind: 'audio', rtpParameters: opusParameters(1111) });

    const hr = connect(room, token('hr-c1', 'HR'));
    const { join } = await joinRoom(hr);
    expect(join.producers).toEqual([{ peerId: 'seeker-c', producerId, kind: 'audio' }]);
    const recv = await hr.ok('createTransport', { direction: 'recv' });
    await hr.ok('consume', { transportId: recv.id, producerId });

    const colleague = connect(room, token('hr-c2', 'HR'));
    await joinRoom(colleague);
    const recv2 = await colleague.ok('createTransport', { direction: 'recv' });
    await colleague.ok('consume', { transportId: recv2.id, producerId });

    // The third consumer of the same producer, from a peer that already has one: refused.
    const third = await hr.request('consume', { transportId: recv.id, producerId });
    expect(third).toMatchObject({ ok: false, error: 'too many consumers of this producer (at most 2)' });
    expect(roomOf(room)).toMatchObject({ producers: 1, consumers: 2 });

    // When a viewer leaves, its consumer goes and the place is free again.
    colleague.close();
    await colleague.closed;
    await new Promise((r) => setTimeout(r, 200));
    await hr.ok('consume', { transportId: recv.id, producerId });
    expect(roomOf(room)).toMatchObject({ producers: 1, consumers: 2 });
  });
});

it('the API serves /interview/config.json with the media origin from server config; the media service says "same origin"', async () => {
  const fromApi = await fetch(`${api.url}/interview/config.json`);
  expect(fromApi.status).toBe(200);
  expect(fromApi.headers.get('cache-control')).toBe('no-store');
  expect(await fromApi.json()).toEqual({ mediaUrl: media.baseUrl });
  const fromMedia = await fetch(`${media.baseUrl}/interview/config.json`);
  expect(await fromMedia.json()).toEqual({ mediaUrl: null });
});
