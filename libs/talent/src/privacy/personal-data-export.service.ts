import { AccountService, Actor, Clock, CryptoService } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ProfileAccessLogService } from '../access-log/profile-access-log.service';
import { ConsentEntity } from '../consent/consent.entity';
import { MANDARIN_ZH } from '../seekers/seeker.enums';
import { SeekerService } from '../seekers/seeker.service';
import { PersonalDataExportRegistry } from './personal-data-export';

/** "Export my data" (PIPL art. 45): the profile, consents and views, plus every registered context's section. */
@Injectable()
export class PersonalDataExportService {
  constructor(
    @InjectRepository(ConsentEntity) private readonly consents: Repository<ConsentEntity>,
    private readonly seekers: SeekerService,
    private readonly accessLog: ProfileAccessLogService,
    private readonly accounts: AccountService,
    private readonly registry: PersonalDataExportRegistry,
    private readonly crypto: CryptoService,
    private readonly clock: Clock,
  ) {}

  async exportMyData(actor: Actor): Promise<Record<string, unknown>> {
    const seeker = await this.seekers.findByUser(actor.userId);
    if (!seeker) {
      const user = await this.accounts.findUser(actor.userId);
      return { account: { phone: user && this.accounts.decryptPhone(user) }, profile: null };
    }
    await this.accessLog.logAccess(seeker.id, actor, 'EXPORT');
    const [consents, views] = await Promise.all([this.consents.find({ where: { seekerId: seeker.id } }), this.accessLog.myProfileViews(actor, 1000)]);
    const profile = this.seekers.toModel(seeker, 'OWNER');
    return {
      exportedAt: this.clock.now().toISOString(),
      profile: {
        ...profile,
        idNumber: seeker.idNumberEnc ? this.crypto.decrypt(seeker.idNumberEnc) : null,
        birthDate: seeker.birthDate,
        mandarinLevelZh: profile.mandarinLevel ? (MANDARIN_ZH[profile.mandarinLevel] ?? null) : null,
      },
      consents,
      profileViews: views,
      // applications and hires (employers, inline), schools, training, interviews …: what the other contexts keep
      ...(await this.registry.collect(seeker.id)),
    };
  }
}
