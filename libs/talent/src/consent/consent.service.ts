import { Actor, Clock, OutboxService } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { ConsentModel, SeekerProfileModel } from '../seekers/models/profile.model';
import { SeekerEntity } from '../seekers/seeker.entity';
import { SEEKER_CHANGED, SeekerService } from '../seekers/seeker.service';
import { talentError, TalentExceptionCode } from '../talent.exception';
import { ConsentEntity, CONSENT_POLICY_VERSION, SENSITIVE_CATEGORIES_SCOPE, SHARE_WITH_TENANTS } from './consent.entity';

/** The seeker's consents (PIPL): sharing with the base's tenants, and the separate one for sensitive categories. */
@Injectable()
export class ConsentService {
  constructor(
    @InjectRepository(ConsentEntity) private readonly consents: Repository<ConsentEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly seekers: SeekerService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  /** Share my profile with the base's tenants (SHARE_WITH_TENANTS). */
  setConsent(actor: Actor, grant: boolean): Promise<SeekerProfileModel> {
    return this.setScope(actor, SHARE_WITH_TENANTS, grant);
  }

  /**
   * The separate consent for sensitive categories (PIPL art. 29): only with it
   * do tenants and search documents see "poor household" / "disabled".
   */
  setSensitiveConsent(actor: Actor, grant: boolean): Promise<SeekerProfileModel> {
    return this.setScope(actor, SENSITIVE_CATEGORIES_SCOPE, grant);
  }

  private async setScope(actor: Actor, scope: string, grant: boolean): Promise<SeekerProfileModel> {
    const column = scope === SHARE_WITH_TENANTS ? 'sharedWithTenants' : 'sensitiveConsent';
    const saved = await this.dataSource.transaction(async (m) => {
      const seeker = await m.findOne(SeekerEntity, { where: { userId: actor.userId }, lock: { mode: 'pessimistic_write' } });
      if (!seeker) throw talentError(TalentExceptionCode.NO_PROFILE);
      const now = this.clock.now();
      if (grant && !seeker[column]) {
        await m.insert(ConsentEntity, { seekerId: seeker.id, scope, policyVersion: CONSENT_POLICY_VERSION, grantedAt: now, channel: 'WEB' });
      }
      if (!grant) {
        await m.query(`UPDATE consents SET withdrawn_at = $2 WHERE seeker_id = $1 AND scope = $3 AND withdrawn_at IS NULL`, [seeker.id, now, scope]);
      }
      seeker[column] = grant;
      seeker.updatedAt = now;
      await m.update(SeekerEntity, { id: seeker.id }, { [column]: grant, updatedAt: now });
      const what = scope === SHARE_WITH_TENANTS ? 'consent' : 'sensitive-consent';
      await this.outbox.record(m, SEEKER_CHANGED, seeker.id, { reason: grant ? `${what}.granted` : `${what}.withdrawn` });
      return seeker;
    });
    await this.outbox.kick();
    return this.seekers.toModel(saved, 'OWNER');
  }

  async myConsents(actor: Actor): Promise<ConsentModel[]> {
    const seeker = await this.seekers.findByUser(actor.userId);
    if (!seeker) return [];
    return this.consents.find({ where: { seekerId: seeker.id }, order: { grantedAt: 'DESC' } });
  }
}
