import { openPosting, operator, seekerWithProfile, tenantWithHr, TestApi } from '@app/testing';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

export const FAIR = `id title status startsAt endsAt whenLocal boothCount companyCount registeredCount seriesId`;
export const BOOTH_APP = `id status reason lateCancel noShow booth { id number } postings { id postingId headcount placesLeft code qrUrl link boothNumber status carryGeneration } posterUrl`;

/** A start `minutes` from the API's clock, on a whole minute. */
export function at(api: TestApi, minutes: number): string {
  const t = api.clock.now().getTime() + minutes * 60_000;
  return new Date(Math.ceil(t / 60_000) * 60_000).toISOString();
}

export async function createPublishedFair(api: TestApi, op: string, opts: { boothCount?: number; admissionCap?: number; startInMinutes?: number } = {}) {
  const start = opts.startInMinutes ?? 2 * 24 * 60;
  const d = await api.ok(
    `mutation($i: CreateFairInput!) { createFair(input: $i) { ${FAIR} } }`,
    {
      i: {
        title: '呼叫中心专场招聘会',
        kind: 'SPECIAL',
        level: 'COUNTY',
        regionCode: '150902',
        mode: 'ONSITE',
        venue: '集宁区人才服务中心一楼大厅',
        startsAt: at(api, start),
        endsAt: at(api, start + 180),
        boothCount: opts.boothCount ?? 4,
        admissionCap: opts.admissionCap ?? null,
      },
    },
    op,
  );
  await api.ok(`mutation($id: ID!) { publishFair(fairId: $id) { id } }`, { id: d.createFair.id }, op);
  return d.createFair as { id: string; title: string };
}

/** A company at the fair: HR, an open posting, an approved booth application with a booth. */
export async function companyAtFair(api: TestApi, op: string, fairId: string, headcount = 5, postingHeadcount = 10) {
  const hr = await tenantWithHr(api, op);
  const postingId = await openPosting(api, hr.hrToken, postingHeadcount);
  const applied = await api.ok(
    `mutation($i: ApplyForBoothInput!) { applyForBooth(input: $i) { ${BOOTH_APP} } }`,
    { i: { fairId, postings: [{ postingId, headcount }] } },
    hr.hrToken,
  );
  const free = await api.ok(`query($f: ID!) { fairBooths(fairId: $f, onlyFree: true) { id number } }`, { f: fairId });
  const decided = await api.ok(
    `mutation($i: DecideBoothApplicationInput!) { decideBoothApplication(input: $i) { ${BOOTH_APP} } }`,
    { i: { applicationId: applied.applyForBooth.id, approve: true, boothId: free.fairBooths[0].id } },
    op,
  );
  const app = decided.decideBoothApplication;
  return { ...hr, postingId, applicationId: app.id as string, fairPosting: app.postings[0], booth: app.booth as { id: string; number: string } };
}

export async function registeredSeeker(api: TestApi, fairId: string) {
  const s = await seekerWithProfile(api);
  const d = await api.ok(`mutation($f: ID!) { registerForFair(fairId: $f) { id token qrUrl } }`, { f: fairId }, s.token);
  return { ...s, ticket: d.registerForFair as { id: string; token: string; qrUrl: string } };
}

export const CHECK_IN = `mutation($i: CheckInTicketInput!) { checkInFairTicket(input: $i) { id fairId method repeated nameMasked checkedInAtLocal } }`;

/** Decodes the QR of a PNG the server made (jsQR: a maintained decoder). */
export async function decodeQr(api: TestApi, path: string): Promise<string> {
  const url = `${api.url}${path}`;
  const res = await fetch(url);
  if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
  expect(res.headers.get('content-type')).toContain('image/png');
  const png = PNG.sync.read(Buffer.from(await res.arrayBuffer()));
  const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  if (!code) throw new Error('no QR code found');
  return code.data;
}

export { operator };
