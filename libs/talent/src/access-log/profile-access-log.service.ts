import { Actor, Clock } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Not, Repository } from 'typeorm';
import { EmployerDirectoryPort } from '../ports/employer-directory.port';
import { ProfileViewModel } from '../seekers/models/profile.model';
import { ProfileAccessLogEntity } from '../seekers/seeker.entity';
import { SeekerService } from '../seekers/seeker.service';

const ROLE_ZH: Record<string, string> = { OPERATOR: '人才服务中心', AUDITOR: '人社局', SCHOOL_ADMIN: '院校', HR: '企业' };

/** The audit trail of who read a profile, and the seeker's "who viewed me" (谁看过我). */
@Injectable()
export class ProfileAccessLogService {
  constructor(
    @InjectRepository(ProfileAccessLogEntity) private readonly logs: Repository<ProfileAccessLogEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly seekers: SeekerService,
    private readonly employers: EmployerDirectoryPort,
    private readonly clock: Clock,
  ) {}

  async logAccess(seekerId: string, actor: Actor, action: string, manager?: EntityManager): Promise<void> {
    await (manager ?? this.dataSource.manager).insert(ProfileAccessLogEntity, {
      seekerId,
      viewerUserId: actor.userId,
      viewerRole: actor.role,
      tenantId: actor.tenantId,
      action,
      createdAt: this.clock.now(),
    });
  }

  async myProfileViews(actor: Actor, limit: number): Promise<ProfileViewModel[]> {
    const seeker = await this.seekers.findByUser(actor.userId);
    if (!seeker) return [];
    const rows = await this.logs.find({
      where: { seekerId: seeker.id, viewerRole: Not('SEEKER') },
      order: { createdAt: 'DESC' },
      take: limit,
    });
    const names = await this.employers.tenantNames([...new Set(rows.map((r) => r.tenantId).filter((t): t is string => !!t))]);
    return rows.map((r) => ({
      viewer: (r.tenantId && names.get(r.tenantId)) || ROLE_ZH[r.viewerRole] || r.viewerRole,
      action: r.action,
      viewedAt: r.createdAt,
    }));
  }
}
