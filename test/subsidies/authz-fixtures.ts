import { shanghaiDate } from '@app/core';
import { randomUUID } from 'crypto';
import type { World } from '../authz/world';

/**
 * Subsidy claims for the authorization matrix (test/authz/matrix.ts), written straight into the test database:
 * tenant A's claim (the HR of A is the party) and the owner seeker's own claim (item 9). `claimIn(w, status)` makes a
 * fresh claim of tenant A in a given state for the callers who may act on it. Approvals need a budget and a limit,
 * which `claimIn` sets for every auditor.
 */
type Shared = { claimA: string; lineA: string; personClaim: string };
const shared = new WeakMap<World, Promise<Shared>>();
const resolved = new WeakMap<World, Shared>();

/** The shared ids once created (for a row's synchronous `foreign` list; its `vars` created them). */
export function subsidyIds(w: World): Shared {
  const r = resolved.get(w);
  if (!r) throw new Error('subsidyFixtures(w) has not run yet');
  return r;
}

async function insertClaim(
  w: World,
  o: { status: string; partyKind: 'COMPANY' | 'PERSON'; partyId: string; tenantId: string | null; reviewerId?: string | null; publicity?: boolean },
) {
  const db = w.api.db;
  const now = w.api.clock.now();
  const [c] = await db.query(
    `INSERT INTO subsidy_claims (item, party_kind, party_id, party_name, tenant_id, status, origin, claimed_fen, reviewer_id, publicity_ends_on, created_at, updated_at, submitted_at)
     VALUES ($1, $2, $3, '测试主体', $4, $5, 'MANUAL', 500000, $6, $7, $8, $8, $8) RETURNING id`,
    [
      o.partyKind === 'PERSON' ? 'ITEM_09' : 'ITEM_16',
      o.partyKind,
      o.partyId,
      o.tenantId,
      o.status,
      o.reviewerId ?? null,
      o.publicity ? shanghaiDate(now) : null,
      now,
    ],
  );
  const [l] = await db.query(
    `INSERT INTO subsidy_claim_lines (claim_id, item, party_kind, person_hash, person_label, period, fact_date, amount_fen, approved_amount_fen, status, rule_version, trace, facts, created_at)
     VALUES ($1, $2, $3, $4, '王*燕', $5, '2026-01-01', 500000, $6, $7, 'test', '[]', '{"months": 1}', $8) RETURNING id`,
    [
      c.id,
      o.partyKind === 'PERSON' ? 'ITEM_09' : 'ITEM_16',
      o.partyKind,
      randomUUID().replace(/-/g, '').padEnd(64, '0'),
      o.partyKind === 'PERSON' ? '2026-01' : 'ONCE',
      o.publicity ? 500000 : null,
      o.publicity ? 'APPROVED' : 'OPEN',
      now,
    ],
  );
  await db.query(`INSERT INTO subsidy_claim_events (claim_id, from_status, to_status, at) VALUES ($1, NULL, $2, $3)`, [c.id, o.status, now]);
  return { claimId: c.id as string, lineId: l.id as string };
}

export function subsidyFixtures(w: World): Promise<{ claimA: string; lineA: string; personClaim: string }> {
  let p = shared.get(w);
  if (!p) {
    p = (async () => {
      const a = await insertClaim(w, { status: 'DRAFT', partyKind: 'COMPANY', partyId: w.a.tenantId, tenantId: w.a.tenantId });
      const person = await insertClaim(w, { status: 'DRAFT', partyKind: 'PERSON', partyId: w.seeker.seekerId, tenantId: null });
      const r = { claimA: a.claimId, lineA: a.lineId, personClaim: person.claimId };
      resolved.set(w, r);
      return r;
    })();
    shared.set(w, p);
  }
  return p;
}

/** A fresh claim of tenant A in `status` (RECOMMENDED ones reviewed by another bureau user; PUBLICITY ones with an approved line). */
export async function claimIn(w: World, status: string): Promise<{ claimId: string; lineId: string }> {
  const db = w.api.db;
  let reviewerId: string | null = null;
  if (status === 'RECOMMENDED') {
    const [u] = await db.query(`INSERT INTO users (role, username, password_hash, display_name) VALUES ('AUDITOR', $1, 'x', '初审') RETURNING id`, [
      `aud_${randomUUID()}`,
    ]);
    reviewerId = u.id;
    await db.query(
      `INSERT INTO subsidy_approval_limits (user_id, max_fen, set_at) SELECT id, 100000000, now() FROM users WHERE role = 'AUDITOR' ON CONFLICT (user_id) DO NOTHING`,
    );
    const year = Number(shanghaiDate(w.api.clock.now()).slice(0, 4));
    await db.query(`INSERT INTO subsidy_budgets (item, year, amount_fen, set_at) VALUES ('ITEM_16', $1, 1000000000, now()) ON CONFLICT DO NOTHING`, [year]);
  }
  return insertClaim(w, { status, partyKind: 'COMPANY', partyId: w.a.tenantId, tenantId: w.a.tenantId, reviewerId, publicity: status === 'PUBLICITY' });
}

/** A PDF's first bytes are enough for the type sniffing. */
export function evidenceForm(): FormData {
  const form = new FormData();
  form.append('kind', 'CONTRACT');
  form.append('file', new Blob([Buffer.from('%PDF-1.4\n% test evidence\n%%EOF\n')]), '劳动合同.pdf');
  return form;
}
