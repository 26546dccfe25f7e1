import { Actor, Clock } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { assertLiveId, FairsLiveExceptionCode, liveError } from '../live.exception';
import { FairSchoolNoticeEntity } from '../live.entities';
import { PostSchoolNoticeInput } from './dto/school-notice.input';
import { FairWallService } from './fair-wall.service';
import { FairSchoolNoticeModel } from './models/fair-wall.model';

/** Fairs a school may post to: published and not yet over. */
const OPEN_FOR_NOTICES = ['PUBLISHED', 'BOOKING_CLOSED', 'LIVE'];

/** Schools' graduate notices on a fair's info wall: a SCHOOL_ADMIN posts for their own school only (actor.schoolId). */
@Injectable()
export class SchoolNoticeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly wall: FairWallService,
    private readonly clock: Clock,
  ) {}

  async post(actor: Actor, input: PostSchoolNoticeInput): Promise<FairSchoolNoticeModel> {
    if (!actor.schoolId) throw liveError(FairsLiveExceptionCode.FAIR_NOT_FOUND);
    const [fair] = await this.dataSource.query<Array<{ status: string }>>(`SELECT status FROM fairs WHERE id = $1`, [input.fairId]);
    if (!fair || fair.status === 'DRAFT') throw liveError(FairsLiveExceptionCode.FAIR_NOT_FOUND);
    if (!OPEN_FOR_NOTICES.includes(fair.status)) throw liveError(FairsLiveExceptionCode.FAIR_NOT_OPEN);
    const majors = input.majors.map((m) => ({ major: m.major.trim(), graduates: m.graduates }));
    const saved = await this.dataSource.manager.save(
      this.dataSource.manager.create(FairSchoolNoticeEntity, {
        fairId: input.fairId,
        schoolId: actor.schoolId,
        majors,
        graduates: majors.reduce((n, m) => n + m.graduates, 0),
        note: input.note?.trim() || null,
        postedBy: actor.userId,
        createdAt: this.clock.now(),
        withdrawnAt: null,
      }),
    );
    await this.wall.refresh(input.fairId, true);
    return (await this.wall.notices(input.fairId)).find((n) => n.id === saved.id)!;
  }

  /** Takes a notice of the caller's school off the wall; another school's notice is "not found". */
  async withdraw(actor: Actor, noticeId: string): Promise<boolean> {
    assertLiveId(noticeId, FairsLiveExceptionCode.NOTICE_NOT_FOUND);
    const n = await this.dataSource.manager.findOne(FairSchoolNoticeEntity, {
      where: { id: noticeId, schoolId: actor.schoolId ?? undefined, withdrawnAt: IsNull() },
    });
    if (!n || !actor.schoolId) throw liveError(FairsLiveExceptionCode.NOTICE_NOT_FOUND);
    await this.dataSource.manager.update(FairSchoolNoticeEntity, { id: n.id }, { withdrawnAt: this.clock.now() });
    await this.wall.refresh(n.fairId, true);
    return true;
  }
}
