/**
 * The bare baseline of the API benchmark: a standalone `@apollo/server` (no Nest, no TypeORM, no guards,
 * interceptors or plugins) answering the three benchmarked queries with the same SQL statements the API runs
 * for them, through one `pg` pool of the same size (20), and the same per-request account check
 * (JWT HS256 verify + the users/refresh_tokens look-up of TokenService.currentActor).
 *
 *   node -r tsconfig-paths/register <build>/bench/api/bare-server.js   (started by api-bench.ts)
 *
 * Env: DATABASE_URL, PORT, JWT_ACCESS_SECRET.
 */
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { createSecretKey } from 'crypto';
import DataLoader from 'dataloader';
import { GraphQLError } from 'graphql';
import jwt from 'jsonwebtoken';
import { Pool, types } from 'pg';
import { EDUCATION_RANK, MANDARIN_RANK } from '../../libs/talent/src/seekers/seeker.enums';
// Pure functions (gap messages): the same words the API returns; their module pulls in no Nest runtime of its own.
import { postingGaps } from '../../libs/matching/src/matching/explain';

/** Copies of ageOn (libs/talent seeker.service) and jobScore (libs/matching match.service), which live in Nest services. */
function ageOn(birthDate: string, now: Date): number {
  const [y, m, d] = birthDate.split('-').map(Number);
  const today = new Date(now.toLocaleString('en-US', { timeZone: 'Asia/Shanghai' }));
  let age = today.getFullYear() - y;
  if (today.getMonth() + 1 < m || (today.getMonth() + 1 === m && today.getDate() < d)) age--;
  return age;
}
const jobScore = (gaps: number, shiftMatch: boolean) => Math.max(0, 100 - 30 * gaps - (shiftMatch ? 0 : 10));

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 20, options: '-c timezone=UTC' });
// A KeyObject made once, as TokenService does.
const SECRET = createSecretKey(Buffer.from(process.env.JWT_ACCESS_SECRET!, 'utf8'));

const typeDefs = /* GraphQL */ `
  type Tenant { id: ID! name: String! }
  type JobPosting {
    id: ID! tenantId: ID! title: String! description: String! headcount: Int! openingsLeft: Int!
    salaryMinFen: Int! salaryMaxFen: Int! shifts: [String!]! status: String! createdAt: String! updatedAt: String!
    tenant: Tenant
  }
  type JobPostingPage { items: [JobPosting!]! total: Int! hasMore: Boolean! }
  type MatchGap { code: String! message: String! messageEn: String! }
  type JobMatch {
    postingId: ID! tenantId: ID! title: String! salaryMinFen: Int! salaryMaxFen: Int! shifts: [String!]! openingsLeft: Int!
    score: Float! meetsAll: Boolean! missing: [MatchGap!]! shiftMatch: Boolean! tenantName: String
  }
  type JobMatchPage { items: [JobMatch!]! total: Int! hasMore: Boolean! }
  type SeekerProfile { id: ID! name: String! age: Int gender: String education: String distanceKm: Float mandarinLevel: String typingSpeed: Int }
  type Application { id: ID! stage: String! createdAt: String! updatedAt: String! postingId: ID! seekerId: ID! posting: JobPosting seeker: SeekerProfile }
  type ApplicationPage { items: [Application!]! total: Int! hasMore: Boolean! }
  type Query {
    openPostings(first: Int! = 20, offset: Int! = 0): JobPostingPage!
    jobsForMe(first: Int! = 20, offset: Int! = 0): JobMatchPage!
    applications(first: Int! = 20, offset: Int! = 0): ApplicationPage!
  }
`;

interface Actor {
  userId: string;
  role: string;
  tenantId: string | null;
}
interface Ctx {
  actor: Actor | null;
  tenants: DataLoader<string, any>;
  postings: DataLoader<string, any>;
  seekers: DataLoader<string, any>;
}

const unauthenticated = () => new GraphQLError('未登录 / not signed in', { extensions: { code: 'UNAUTHENTICATED' } });

/** TokenService.verifyAccess + currentActor, same statement. */
async function authenticate(header: string | undefined): Promise<Actor | null> {
  if (!header?.startsWith('Bearer ')) return null;
  let p: any;
  try {
    p = jwt.verify(header.slice(7), SECRET, { algorithms: ['HS256'], audience: 'talent-cloud-api' });
  } catch {
    throw unauthenticated();
  }
  const { rows } = await pool.query(
    `SELECT u.role, u.tenant_id, u.school_id, u.disabled_at,
            EXISTS (SELECT 1 FROM refresh_tokens r WHERE r.family_id = $2 AND r.user_id = u.id) AS session_known,
            EXISTS (SELECT 1 FROM refresh_tokens r WHERE r.family_id = $2 AND r.revoked_at IS NOT NULL) AS session_revoked
       FROM users u WHERE u.id = $1`,
    [p.sub, p.ses],
  );
  const row = rows[0];
  if (!row || row.disabled_at || !row.session_known || row.session_revoked || row.role !== p.role || (row.tenant_id ?? null) !== (p.tid ?? null))
    throw unauthenticated();
  return { userId: p.sub, role: p.role, tenantId: p.tid ?? null };
}

const byIds = (table: string) => async (ids: readonly string[]) => {
  const { rows } = await pool.query(`SELECT * FROM ${table} WHERE id = ANY($1::uuid[])`, [[...new Set(ids)]]);
  const map = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => map.get(id) ?? null);
};

const posting = (r: any) => ({
  id: r.id,
  tenantId: r.tenant_id,
  title: r.title,
  description: r.description,
  headcount: r.headcount,
  openingsLeft: r.openings_left,
  salaryMinFen: r.salary_min_fen,
  salaryMaxFen: r.salary_max_fen,
  shifts: r.shifts,
  status: r.status,
  minMandarinLevel: r.min_mandarin_level,
  minTypingSpeed: r.min_typing_speed,
  minEducation: r.min_education,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

const rankCase = (col: string, ranks: Record<string, number>) =>
  `CASE ${col} ${Object.entries(ranks)
    .map(([k, v]) => `WHEN '${k}' THEN ${Number(v)}`)
    .join(' ')} ELSE 0 END`;
const JOBS_FOR_SEEKER = `SELECT p.id, g.gaps, (cardinality(p.shifts) = 0 OR p.shifts && $5::text[]) AS shift_match, count(*) OVER ()::int AS total
     FROM job_postings p
     CROSS JOIN LATERAL (SELECT
         (CASE WHEN p.min_mandarin_level IS NOT NULL AND ${rankCase('p.min_mandarin_level', MANDARIN_RANK)} > $2 THEN 1 ELSE 0 END
        + CASE WHEN p.min_typing_speed IS NOT NULL AND p.min_typing_speed > $3 THEN 1 ELSE 0 END
        + CASE WHEN p.min_education IS NOT NULL AND ${rankCase('p.min_education', EDUCATION_RANK)} > $4 THEN 1 ELSE 0 END) AS gaps) g
    WHERE p.status = 'OPEN' AND p.openings_left > 0
      AND NOT EXISTS (SELECT 1 FROM applications a WHERE a.posting_id = p.id AND a.seeker_id = $1)
    ORDER BY g.gaps, shift_match DESC, p.salary_max_fen DESC, p.created_at DESC, p.id
    LIMIT $6 OFFSET $7`;

const resolvers = {
  Query: {
    async openPostings(_: unknown, { first, offset }: { first: number; offset: number }) {
      const [rows, count] = await Promise.all([
        pool.query(`SELECT * FROM job_postings p WHERE p.status = 'OPEN' ORDER BY p.created_at DESC, p.id ASC LIMIT $1 OFFSET $2`, [first, offset]),
        pool.query(`SELECT COUNT(DISTINCT(p.id)) AS cnt FROM job_postings p WHERE p.status = 'OPEN'`),
      ]);
      const total = Number(count.rows[0].cnt);
      return { items: rows.rows.map(posting), total, hasMore: offset + rows.rows.length < total };
    },
    async jobsForMe(_: unknown, { first, offset }: { first: number; offset: number }, ctx: Ctx) {
      if (!ctx.actor) throw unauthenticated();
      if (ctx.actor.role !== 'SEEKER') throw new GraphQLError('forbidden', { extensions: { code: 'FORBIDDEN' } });
      const {
        rows: [s],
      } = await pool.query(`SELECT * FROM seekers WHERE user_id = $1 LIMIT 1`, [ctx.actor.userId]);
      if (!s || s.erased_at) throw new GraphQLError('no profile', { extensions: { code: 'NO_PROFILE' } });
      const seeker = { mandarinLevel: s.mandarin_level, typingSpeed: s.typing_speed, education: s.education };
      const { rows } = await pool.query(JOBS_FOR_SEEKER, [
        s.id,
        s.mandarin_level ? ((MANDARIN_RANK as any)[s.mandarin_level] ?? 0) : 0,
        s.typing_speed ?? 0,
        s.education ? ((EDUCATION_RANK as any)[s.education] ?? 0) : 0,
        s.shifts ?? [],
        first,
        offset,
      ]);
      const postings = new Map((await byIds('job_postings')(rows.map((r) => r.id))).filter(Boolean).map((r: any) => [r.id, posting(r)]));
      const items = [];
      for (const h of rows) {
        const p = postings.get(h.id);
        if (!p) continue;
        const missing = postingGaps(seeker as any, p as any);
        items.push({
          ...p,
          postingId: p.id,
          score: jobScore(missing.length, h.shift_match),
          meetsAll: missing.length === 0,
          missing,
          shiftMatch: h.shift_match,
        });
      }
      const total = rows[0]?.total ?? 0;
      return { items, total, hasMore: offset + rows.length < total };
    },
    async applications(_: unknown, { first, offset }: { first: number; offset: number }, ctx: Ctx) {
      if (!ctx.actor) throw unauthenticated();
      if (ctx.actor.role !== 'HR') throw new GraphQLError('forbidden', { extensions: { code: 'FORBIDDEN' } });
      const [rows, count] = await Promise.all([
        pool.query(`SELECT * FROM applications a WHERE a.tenant_id = $1 ORDER BY a.updated_at DESC, a.id ASC LIMIT $2 OFFSET $3`, [
          ctx.actor.tenantId,
          first,
          offset,
        ]),
        pool.query(`SELECT COUNT(DISTINCT(a.id)) AS cnt FROM applications a WHERE a.tenant_id = $1`, [ctx.actor.tenantId]),
      ]);
      const total = Number(count.rows[0].cnt);
      const items = rows.rows.map((r) => ({
        id: r.id,
        stage: r.stage,
        postingId: r.posting_id,
        seekerId: r.seeker_id,
        createdAt: r.created_at.toISOString(),
        updatedAt: r.updated_at.toISOString(),
      }));
      return { items, total, hasMore: offset + items.length < total };
    },
  },
  JobPosting: {
    tenant: (p: { tenantId: string }, _: unknown, ctx: Ctx) => ctx.tenants.load(p.tenantId),
  },
  JobMatch: {
    tenantName: async (m: { tenantId: string }, _: unknown, ctx: Ctx) => (await ctx.tenants.load(m.tenantId))?.name ?? null,
  },
  Application: {
    posting: async (a: { postingId: string }, _: unknown, ctx: Ctx) => {
      const r = await ctx.postings.load(a.postingId);
      return r && posting(r);
    },
    seeker: async (a: { seekerId: string }, _: unknown, ctx: Ctx) => {
      const s = await ctx.seekers.load(a.seekerId);
      return (
        s && {
          id: s.id,
          name: s.name,
          gender: s.gender,
          age: s.birth_date ? ageOn(s.birth_date, new Date()) : null,
          education: s.education,
          distanceKm: s.distance_km,
          // The API's MandarinLevel enum names its values L1A…L3B.
          mandarinLevel: s.mandarin_level ? `L${s.mandarin_level}` : null,
          typingSpeed: s.typing_speed,
        }
      );
    },
  },
};

async function main() {
  // DATE columns as strings, as TypeORM returns them.
  types.setTypeParser(1082, (v: string) => v);
  const server = new ApolloServer<Ctx>({ typeDefs, resolvers });
  const port = Number(process.env.PORT ?? 3999);
  const { url } = await startStandaloneServer(server, {
    listen: { port, host: '127.0.0.1' },
    context: async ({ req }) => ({
      actor: await authenticate(req.headers.authorization),
      tenants: new DataLoader(byIds('tenants')),
      postings: new DataLoader(byIds('job_postings')),
      seekers: new DataLoader(byIds('seekers')),
    }),
  });
  process.stdout.write(`bare server on ${url}\n`);
}
void main();
