import { AccountService, Actor, Clock, OutboxService } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PersonalDataExportRegistry } from '../privacy/personal-data-export';
import { SeekerEntity } from '../seekers/seeker.entity';
import { SEEKER_CHANGED } from '../seekers/seeker.service';

/**
 * "Delete my account" (PIPL art. 47) across contexts, in one transaction: every registered context
 * (employers, schools, training, interviews …) erases its own rows through its PersonalDataContributor,
 * talent pseudonymises the profile, and core deletes the account. Rows that audited records (applications,
 * hires, subsidy payments) point to stay, pseudonymised: no name, ID, phone or place is left on them.
 */
@Injectable()
export class EraseSeekerUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly contributors: PersonalDataExportRegistry,
    private readonly accounts: AccountService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const seeker = await m.findOne(SeekerEntity, { where: { userId: actor.userId }, lock: { mode: 'pessimistic_write' } });
      const now = this.clock.now();
      if (seeker) {
        await this.contributors.eraseAll(seeker.id, m, { userId: actor.userId, now });
        await m.query(`UPDATE consents SET withdrawn_at = $2 WHERE seeker_id = $1 AND withdrawn_at IS NULL`, [seeker.id, now]);
        await m.update(
          SeekerEntity,
          { id: seeker.id },
          {
            userId: null,
            name: '已注销用户',
            idNumberEnc: null,
            idNumberHash: null,
            phoneEnc: null,
            phoneHash: null,
            gender: null,
            birthDate: null,
            regionCode: null,
            lat: null,
            lng: null,
            distanceKm: null,
            schoolName: null,
            major: null,
            languages: [],
            shifts: [],
            categories: [],
            sharedWithTenants: false,
            sensitiveConsent: false,
            completeness: 0,
            erasedAt: now,
            updatedAt: now,
          },
        );
        await this.outbox.record(m, SEEKER_CHANGED, seeker.id, { reason: 'erased' });
      }
      // Claims this account made: open ones end; the claimant's phone leaves the record.
      await m.query(
        `UPDATE identity_claims SET status = CASE WHEN status = 'PENDING' THEN 'CANCELLED' ELSE status END, claimant_phone_enc = NULL, claimant_phone_hash = NULL WHERE claimant_user_id = $1`,
        [actor.userId],
      );
      await this.accounts.eraseAccount(actor.userId, m);
    });
    await this.outbox.kick();
  }
}
