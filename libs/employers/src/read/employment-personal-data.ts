import { ErasureContext, PersonalDataContributor, PersonalDataExportRegistry } from '@app/talent';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { HiringReadModel } from './hiring-read-model';

/**
 * What employers keep about a person: applications and hires. Export: inline, as the export's `applications` and
 * `hires`. Erasure: open applications are withdrawn; applications, hires and their events stay as audited records
 * (subsidies are computed from hires), pointing to the pseudonymised profile.
 */
@Injectable()
export class EmploymentPersonalData extends PersonalDataContributor {
  readonly key = 'employment';
  readonly title = '投递与录用 / Applications and hires';
  override readonly inline = true;

  constructor(
    @InjectDataSource() db: DataSource,
    registry: PersonalDataExportRegistry,
    private readonly hiring: HiringReadModel,
  ) {
    super(db, registry);
  }

  async collect(seekerId: string) {
    const [applications, hires] = await Promise.all([this.hiring.applicationsOf(seekerId), this.hiring.hiresOf(seekerId)]);
    return { applications, hires };
  }

  async erase(seekerId: string, m: EntityManager, ctx: ErasureContext): Promise<void> {
    await m.query(
      `UPDATE applications SET stage = 'WITHDRAWN', updated_at = $2 WHERE seeker_id = $1 AND stage IN ('APPLIED','SCREENING','INTERVIEW','OFFER')`,
      [seekerId, ctx.now],
    );
  }
}
