import { Actor, Clock, CryptoService } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'crypto';
import { DataSource } from 'typeorm';
import { ClaimService } from '../claims/claim.service';
import { SubsidyAudit } from '../audit/subsidy-audit';
import { SubsidyEvidenceKind } from '../subsidies.enums';
import { subsidiesError, SubsidiesExceptionCode as E } from '../subsidies.exception';
import { SubsidyEvidenceModel } from '../graphql/subsidy.models';

export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

/**
 * The type from the first bytes, never from the name or the browser's header: PDF "%PDF-", PNG's 8-byte signature,
 * JPEG's SOI + marker (FF D8 FF). Anything else is refused.
 */
export function sniffMime(b: Buffer): 'application/pdf' | 'image/png' | 'image/jpeg' | null {
  if (b.length >= 5 && b.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  return null;
}

/** Evidence files of a claim (issue 10 §2): PDF/JPG/PNG ≤ 10 MB, sniffed, encrypted at rest (CryptoService), listed with their SHA-256. */
@Injectable()
export class EvidenceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly claims: ClaimService,
    private readonly crypto: CryptoService,
    private readonly audit: SubsidyAudit,
    private readonly clock: Clock,
  ) {}

  async add(
    actor: Actor,
    claimId: string,
    kind: string,
    file: { originalname: string; buffer: Buffer; size: number } | undefined,
  ): Promise<SubsidyEvidenceModel> {
    if (!Object.values(SubsidyEvidenceKind).includes(kind as SubsidyEvidenceKind)) throw subsidiesError(E.EVIDENCE_KIND);
    if (!file?.buffer?.length) throw subsidiesError(E.FILE_TYPE);
    if (file.buffer.length > MAX_EVIDENCE_BYTES) throw subsidiesError(E.FILE_TOO_LARGE);
    const mime = sniffMime(file.buffer);
    if (!mime) throw subsidiesError(E.FILE_TYPE);
    const sha256 = createHash('sha256').update(file.buffer).digest('hex');
    const name = (file.originalname || 'evidence').replace(/[\\/\r\n\0]/g, '_').slice(0, 200);
    let out!: SubsidyEvidenceModel;
    await this.claims.act(actor, claimId, 'evidence', async (m, c) => {
      const now = this.clock.now();
      const [row] = await m.query(
        `INSERT INTO subsidy_evidence (claim_id, kind, file_name, mime, size_bytes, sha256, content_enc, uploaded_by, uploaded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [c.id, kind, name, mime, file.buffer.length, sha256, this.crypto.encryptBytes(file.buffer), actor.userId, now],
      );
      await this.audit.append(m, 'claims', 'EVIDENCE_ADDED', { claimId: c.id, evidenceId: row.id, kind, sha256, sizeBytes: file.buffer.length }, actor.userId);
      out = { id: row.id, kind: kind as SubsidyEvidenceKind, fileName: name, mime, sizeBytes: file.buffer.length, sha256, uploadedAt: now };
    });
    return out;
  }

  /** The decrypted file, for whoever may see the claim (the bureau's preview); NOT_FOUND otherwise. */
  async read(actor: Actor, evidenceId: string): Promise<{ fileName: string; mime: string; content: Buffer }> {
    if (!/^[0-9a-f-]{36}$/i.test(evidenceId)) throw subsidiesError(E.EVIDENCE_NOT_FOUND);
    const [e] = await this.dataSource.query(`SELECT claim_id, file_name, mime, content_enc FROM subsidy_evidence WHERE id = $1`, [evidenceId]);
    if (!e) throw subsidiesError(E.EVIDENCE_NOT_FOUND);
    await this.claims.visible(actor, e.claim_id).catch(() => {
      throw subsidiesError(E.EVIDENCE_NOT_FOUND);
    });
    return { fileName: e.file_name, mime: e.mime, content: this.crypto.decryptBytes(e.content_enc) };
  }
}
