/** Issue 10 §2: evidence files — type sniffed from the bytes, ≤ 10 MB, encrypted at rest, listed with SHA-256, only the party uploads. */
import { Clock, CryptoService, Role } from '@app/core';
import { ClaimCreateService, ClaimQueryService, ClaimService, EvidenceService, SubsidiesModule, SubsidyItem, sniffMime } from '@app/subsidies';
import { actorOf, createServiceModule } from '@app/testing';
import { TestingModule } from '@nestjs/testing';
import { createHash } from 'crypto';
import { DataSource } from 'typeorm';
import { SubsidyWorld } from './subsidy-world';

describe('subsidy evidence', () => {
  let module: TestingModule;
  let db: DataSource;
  let w: SubsidyWorld;
  let evidence: EvidenceService;

  beforeAll(async () => {
    ({ module, db } = await createServiceModule([SubsidiesModule]));
    w = new SubsidyWorld(db, module.get(CryptoService), module.get(Clock));
    w.setNow('2026-07-10T10:00:00+08:00');
    evidence = module.get(EvidenceService);
  });
  afterAll(() => module?.close());

  const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');
  const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32, 1)]);
  const JPG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(32, 2)]);

  it('sniffs PDF, PNG and JPEG from the first bytes, nothing else', () => {
    expect([sniffMime(PDF), sniffMime(PNG), sniffMime(JPG)]).toEqual(['application/pdf', 'image/png', 'image/jpeg']);
    expect(sniffMime(Buffer.from('<html>%PDF-'))).toBeNull();
    expect(sniffMime(Buffer.from('PK\u0003\u0004'))).toBeNull();
  });

  it('stores the file encrypted, lists it with its SHA-256; refuses a renamed executable, a file over 10 MB and a stranger', async () => {
    const t = await w.tenant();
    const hr = actorOf(t.hrUserId, Role.HR, { tenantId: t.tenantId });
    const p = await w.seekerAccount();
    await w.verifyCategory(p.seekerId, 'POOR_HOUSEHOLD', 'BUREAU_LIST');
    const hireId = await w.hireOn(t.tenantId, p.seekerId, { start: '2026-03-01', months: 12 });
    const claimId = await module.get(ClaimCreateService).create(hr, { item: SubsidyItem.ITEM_16, hireIds: [hireId] });

    const e = await evidence.add(hr, claimId, 'CONTRACT', { originalname: '劳动合同.pdf', buffer: PDF, size: PDF.length });
    expect(e).toMatchObject({
      mime: 'application/pdf',
      sizeBytes: PDF.length,
      sha256: createHash('sha256').update(PDF).digest('hex'),
      fileName: '劳动合同.pdf',
    });
    const [row] = await db.query(`SELECT content_enc FROM subsidy_evidence WHERE id = $1`, [e.id]);
    expect(row.content_enc.includes(Buffer.from('%PDF'))).toBe(false);
    expect((await evidence.read(hr, e.id)).content.equals(PDF)).toBe(true);
    expect((await module.get(ClaimQueryService).evidence(claimId)).map((x) => x.sha256)).toEqual([e.sha256]);

    const code = (p: Promise<unknown>) =>
      p.then(
        () => 'OK',
        (x) => x.reason,
      );
    expect(await code(evidence.add(hr, claimId, 'CONTRACT', { originalname: 'a.pdf', buffer: Buffer.from('MZ\x90\x00 not a pdf'), size: 12 }))).toBe(
      'FILE_TYPE',
    );
    const big = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]);
    expect(await code(evidence.add(hr, claimId, 'CONTRACT', { originalname: 'big.pdf', buffer: big, size: big.length }))).toBe('FILE_TOO_LARGE');
    expect(await code(evidence.add(hr, claimId, 'NOPE', { originalname: 'a.pdf', buffer: PDF, size: PDF.length }))).toBe('EVIDENCE_KIND');
    const other = await w.tenant();
    const otherHr = actorOf(other.hrUserId, Role.HR, { tenantId: other.tenantId });
    expect(await code(evidence.add(otherHr, claimId, 'CONTRACT', { originalname: 'a.pdf', buffer: PNG, size: PNG.length }))).toBe('NOT_FOUND');
    expect(await code(evidence.read(otherHr, e.id))).toBe('EVIDENCE_NOT_FOUND');
    // once submitted, the evidence is fixed
    await module.get(ClaimService).submit(hr, claimId);
    expect(await code(evidence.add(hr, claimId, 'CONTRACT', { originalname: 'b.jpg', buffer: JPG, size: JPG.length }))).toBe('INVALID_TRANSITION');
  });
});
