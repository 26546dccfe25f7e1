import { makeResidentId } from '@app/core';
import { createTestApi, signInSeeker, tenantWithHr, TestApi, operator } from '@app/testing';

const SAVE = `mutation($i: ProfileInput!) { saveMyProfile(input: $i) { id } }`;

describe('bad input: clear error naming the field, nothing stored', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(() => api.close());

  const count = async (sql: string, p: unknown[] = []) => (await api.db.query(sql, p))[0].n as number;

  it.each([
    [
      'invalid check digit',
      () => {
        const v = makeResidentId('150902', '2002-03-04', 15);
        return v.slice(0, 17) + (v[17] === '1' ? '2' : '1');
      },
      'ID_NUMBER_CHECK_DIGIT',
      '身份证号校验位错误',
    ],
    ['impossible birth date', () => makeResidentId('150902', '2002-02-30', 15), 'ID_NUMBER_BIRTH_DATE', '身份证号中的出生日期不存在或不合理'],
    ['unknown region', () => makeResidentId('159999', '2002-03-04', 15), 'ID_NUMBER_REGION', '身份证号中的地区代码不存在'],
    ['wrong length', () => '15090220020304', 'ID_NUMBER_FORMAT', '身份证号应为18位（前17位数字，最后一位数字或X）'],
  ])('%s', async (_label, make, code, zh) => {
    const s = await signInSeeker(api);
    const bad = make();
    const r = await api.gql(SAVE, { i: { idNumber: bad, name: '李雷' } }, s.token);
    expect(r.errors?.[0]).toMatchObject({ message: zh, extensions: { code, field: 'idNumber' } });
    expect(r.errors?.[0].extensions?.messageEn).toBeTruthy();
    // Nothing stored: no profile for this account, none under that number. (Other test files write seekers in parallel, so no global count.)
    const [{ user_id: userId }] = await api.db.query(`SELECT id AS user_id FROM users WHERE phone_hash = $1`, [api.crypto.hash('phone', s.phone)]);
    expect(
      await count(`SELECT count(*)::int AS n FROM seekers WHERE user_id = $1 OR id_number_hash = $2`, [userId, api.crypto.hash('id', bad.toUpperCase())]),
    ).toBe(0);
  });

  it('unknown residence region code', async () => {
    const s = await signInSeeker(api);
    const r = await api.gql(SAVE, { i: { idNumber: makeResidentId('150902', '2001-01-01', 21), name: '韩梅梅', regionCode: '159999' } }, s.token);
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'regionCode' });
    const [{ n }] = await api.db.query(`SELECT count(*)::int AS n FROM seekers WHERE name = '韩梅梅'`);
    expect(n).toBe(0);
  });

  it('a historic region code in an ID number (乌兰察布盟 1526xx) is accepted', async () => {
    const s = await signInSeeker(api);
    const r = await api.ok(
      `mutation($i: ProfileInput!) { saveMyProfile(input: $i) { gender age idNumberMasked } }`,
      { i: { idNumber: makeResidentId('152601', '1985-06-01', 12), name: '乌兰' } },
      s.token,
    );
    expect(r.saveMyProfile.gender).toBe('FEMALE');
    expect(r.saveMyProfile.idNumberMasked).toMatch(/^1526\*{12}\d{2}$/);
  });

  it('negative headcount and salary min > max on a posting', async () => {
    const { hrToken, tenantId } = await tenantWithHr(api);
    const before = await count(`SELECT count(*)::int AS n FROM job_postings WHERE tenant_id = $1`, [tenantId]);
    const base = { title: '外呼专员', description: '', headcount: 3, salaryMinFen: 300000, salaryMaxFen: 400000, shifts: [] };
    const neg = await api.gql(`mutation($i: PostingInput!) { createPosting(input: $i) { id } }`, { i: { ...base, headcount: -1 } }, hrToken);
    expect(neg.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'headcount' });
    expect(neg.errors?.[0].message).toContain('headcount');
    const inverted = await api.gql(`mutation($i: PostingInput!) { createPosting(input: $i) { id } }`, { i: { ...base, salaryMinFen: 500000 } }, hrToken);
    expect(inverted.errors?.[0]).toMatchObject({ message: '最低月薪不能高于最高月薪', extensions: { code: 'BAD_USER_INPUT', field: 'salaryMinFen' } });
    expect(await count(`SELECT count(*)::int AS n FROM job_postings WHERE tenant_id = $1`, [tenantId])).toBe(before);
  });

  it('invalid unified social credit code', async () => {
    const op = await operator(api);
    const r = await api.gql(
      `mutation($i: CreateTenantInput!) { createTenant(input: $i) { id } }`,
      { i: { name: '坏代码公司', creditCode: '91150900MA0N000010', seats: 10 } },
      op,
    );
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'creditCode' });
    const [{ n }] = await api.db.query(`SELECT count(*)::int AS n FROM tenants WHERE name = '坏代码公司'`);
    expect(n).toBe(0);
  });

  it('a GraphQL type error says so in Chinese and English', async () => {
    const { hrToken } = await tenantWithHr(api);
    const r = await api.gql(`mutation { createPosting(input: { title: "x", headcount: "many" }) { id } }`, {}, hrToken);
    expect(r.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(r.errors?.[0].message).toMatch(/^请求格式错误/);
  });

  it("an unknown field in the variables is the caller's mistake, not a server error", async () => {
    const { hrToken } = await tenantWithHr(api);
    const r = await api.gql(
      `mutation($i: PostingInput!) { createPosting(input: $i) { id } }`,
      { i: { title: '客服', description: '', headcount: 1, salaryMinFen: 1, salaryMaxFen: 2, shifts: [], bonusFen: 5 } },
      hrToken,
    );
    expect(r.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0].message).toMatch(/^请求格式错误.*bonusFen/);
  });
});
