import { Clock } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'crypto';
import { DataSource, EntityManager } from 'typeorm';
import { canonicalJson } from './canonical-json';

/** Chains of the audit log: claims (every claim event), parameters (every change of a rule parameter, budget or limit), payouts (SUB-B). */
export const AUDIT_CHAINS = ['claims', 'parameters', 'payouts'] as const;
export type AuditChain = (typeof AUDIT_CHAINS)[number];

const GENESIS = '0'.repeat(64);

export interface AuditRow {
  chain: string;
  seq: number;
  at: Date;
  actor: string;
  kind: string;
  payload: unknown;
}

export interface AuditVerification {
  chain: string;
  rows: number;
  ok: boolean;
  head: string;
  /** The first row whose stored hash or prev_hash does not match the recomputed chain. */
  brokenAt?: { seq: number; reason: 'PREV_HASH' | 'HASH' | 'SEQ_GAP' };
}

/** hash = sha256(prev_hash ‖ canonical row) where the canonical row covers chain, seq, at, actor, kind and payload. */
export function auditHash(prevHash: string, row: AuditRow): string {
  const canonical = canonicalJson({ chain: row.chain, seq: row.seq, at: row.at.toISOString(), actor: row.actor, kind: row.kind, payload: row.payload });
  return createHash('sha256').update(prevHash).update(canonical).digest('hex');
}

/** Stable 64-bit advisory-lock key of a chain (two int4 halves: a class id for the audit log and the chain's hash). */
function lockKey(chain: string): [number, number] {
  const h = createHash('sha256').update(`subsidy_audit:${chain}`).digest();
  return [0x5ab5_1d1e | 0, h.readInt32BE(0)];
}

/**
 * The tamper-evident audit trail of the subsidies context (issue 10 §5). `append` runs in the caller's transaction and
 * serialises appends to one chain with pg_advisory_xact_lock, so seq and prev_hash form a line; `verify` walks a chain
 * and reports the first broken link (a row edited, deleted or inserted by SQL).
 */
@Injectable()
export class SubsidyAudit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async append(m: EntityManager, chain: AuditChain, kind: string, payload: Record<string, unknown>, actor = 'system'): Promise<{ seq: number; hash: string }> {
    const [k1, k2] = lockKey(chain);
    await m.query(`SELECT pg_advisory_xact_lock($1::int, $2::int)`, [k1, k2]);
    const [last] = await m.query(`SELECT seq, hash FROM subsidy_audit_log WHERE chain = $1 ORDER BY seq DESC LIMIT 1`, [chain]);
    const seq = last ? Number(last.seq) + 1 : 1;
    const prev = last ? String(last.hash) : GENESIS;
    // Canonicalise once so what is stored (jsonb) is exactly what was hashed (integers and strings only).
    const clean = JSON.parse(canonicalJson(payload)) as Record<string, unknown>;
    const at = new Date(this.clock.now().getTime());
    const hash = auditHash(prev, { chain, seq, at, actor, kind, payload: clean });
    await m.query(`INSERT INTO subsidy_audit_log (chain, seq, at, actor, kind, payload, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8)`, [
      chain,
      seq,
      at,
      actor,
      kind,
      JSON.stringify(clean),
      prev,
      hash,
    ]);
    return { seq, hash };
  }

  /** Walk one chain in seq order (in pages, so a long chain does not sit in memory). */
  async verify(chain: string, db: DataSource | EntityManager = this.dataSource): Promise<AuditVerification> {
    return verifyChain(db, chain);
  }

  async verifyAll(db: DataSource | EntityManager = this.dataSource): Promise<AuditVerification[]> {
    const chains: Array<{ chain: string }> = await db.query(`SELECT DISTINCT chain FROM subsidy_audit_log ORDER BY chain`);
    const out: AuditVerification[] = [];
    for (const { chain } of chains) out.push(await verifyChain(db, chain));
    return out;
  }

  /** The current head (seq and hash) of a chain, printed on reports. */
  async head(chain: AuditChain): Promise<{ seq: number; hash: string } | null> {
    const [r] = await this.dataSource.query(`SELECT seq, hash FROM subsidy_audit_log WHERE chain = $1 ORDER BY seq DESC LIMIT 1`, [chain]);
    return r ? { seq: Number(r.seq), hash: r.hash } : null;
  }
}

/** Used by the service and by tools/audit-verify.ts (no Nest needed). */
export async function verifyChain(db: DataSource | EntityManager, chain: string, pageSize = 5000): Promise<AuditVerification> {
  let prev = GENESIS;
  let expectSeq = 1;
  let rows = 0;
  for (;;) {
    const page: Array<{ seq: string; at: Date; actor: string; kind: string; payload: unknown; prev_hash: string; hash: string }> = await db.query(
      `SELECT seq, at, actor, kind, payload, prev_hash, hash FROM subsidy_audit_log WHERE chain = $1 AND seq >= $2 ORDER BY seq LIMIT $3`,
      [chain, expectSeq, pageSize],
    );
    for (const r of page) {
      const seq = Number(r.seq);
      if (seq !== expectSeq) return { chain, rows, ok: false, head: prev, brokenAt: { seq: expectSeq, reason: 'SEQ_GAP' } };
      if (r.prev_hash !== prev) return { chain, rows, ok: false, head: prev, brokenAt: { seq, reason: 'PREV_HASH' } };
      const h = auditHash(prev, { chain, seq, at: new Date(r.at), actor: r.actor, kind: r.kind, payload: r.payload });
      if (h !== r.hash) return { chain, rows, ok: false, head: prev, brokenAt: { seq, reason: 'HASH' } };
      prev = h;
      expectSeq++;
      rows++;
    }
    if (page.length < pageSize) break;
  }
  return { chain, rows, ok: true, head: prev };
}
