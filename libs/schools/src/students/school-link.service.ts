import { Actor, Clock } from '@app/core';
import { SeekerService } from '@app/talent';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { schoolsError, SchoolsExceptionCode } from '../schools.exception';
import { SchoolLinkModel } from './models/school-link.model';

const LINK_NOT_FOUND = () => schoolsError(SchoolsExceptionCode.LINK_NOT_FOUND);

/**
 * The person's side of seeker_schools: the schools that listed them, and their
 * answer. A PENDING link (a list named someone already in the pool) becomes the
 * school's student only when the person confirms; declining keeps the school
 * out for good (a re-upload does not ask again). Answers are final, with who
 * and when recorded. Confirming fills nothing on the profile.
 */
@Injectable()
export class SchoolLinkService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly seekers: SeekerService,
    private readonly clock: Clock,
  ) {}

  async mine(actor: Actor): Promise<SchoolLinkModel[]> {
    const seeker = await this.seekers.findByUser(actor.userId);
    if (!seeker) return [];
    const rows = await this.dataSource.query(`${SELECT} WHERE ss.seeker_id = $1 ORDER BY (ss.status = 'PENDING') DESC, ss.created_at DESC, ss.id`, [seeker.id]);
    return rows.map(toModel);
  }

  async answer(actor: Actor, id: string, accept: boolean): Promise<SchoolLinkModel> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw LINK_NOT_FOUND();
    const seeker = await this.seekers.findByUser(actor.userId);
    if (!seeker) throw LINK_NOT_FOUND();
    return this.dataSource.transaction(async (m) => {
      const [link] = await m.query(`SELECT status FROM seeker_schools WHERE id = $1 AND seeker_id = $2 FOR UPDATE`, [id, seeker.id]);
      if (!link) throw LINK_NOT_FOUND(); // someone else's link and no link at all look the same
      if (link.status !== 'PENDING') {
        throw schoolsError(SchoolsExceptionCode.LINK_ALREADY_ANSWERED);
      }
      await m.query(`UPDATE seeker_schools SET status = $3, decided_at = $4, decided_by = $5, decided_via = 'SEEKER' WHERE id = $1 AND seeker_id = $2`, [
        id,
        seeker.id,
        accept ? 'CONFIRMED' : 'DECLINED',
        this.clock.now(),
        actor.userId,
      ]);
      const [row] = await m.query(`${SELECT} WHERE ss.id = $1`, [id]);
      return toModel(row);
    });
  }
}

const SELECT = `SELECT ss.id, sc.name AS school_name, ss.status, ss.major, ss.education, ss.graduation_year, ss.class_name, ss.student_no,
                       ss.created_at, ss.decided_at
                  FROM seeker_schools ss JOIN schools sc ON sc.id = ss.school_id`;

function toModel(r: any): SchoolLinkModel {
  return {
    id: r.id,
    schoolName: r.school_name,
    status: r.status,
    major: r.major,
    education: r.education,
    graduationYear: r.graduation_year,
    className: r.class_name,
    studentNo: r.student_no,
    requestedAt: r.created_at,
    decidedAt: r.decided_at,
  };
}
