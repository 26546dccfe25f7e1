import { Actor, CryptoService, maskPhone, maskResidentId, Page, PageArgs, toPage } from '@app/core';
import { SeekerEntity, SeekerService } from '@app/talent';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { requireSchool } from '../graduate-imports/graduate-import.service';
import { schoolsError, SchoolsExceptionCode } from '../schools.exception';
import { SchoolStudentFilterInput, SchoolStudentModel } from './models/school-student.model';

/**
 * A school's students and graduates: the people with a CONFIRMED seeker_schools record at that school.
 * A PENDING person (listed, not yet confirmed on their phone) or a DECLINED one does not exist for the
 * school: not listed, not counted, not selectable ("not a student" like anyone else).
 */
@Injectable()
export class StudentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly crypto: CryptoService,
    private readonly seekers: SeekerService,
  ) {}

  /** Refuses unless every seeker has a record at the school (and is not erased). */
  async assertStudents(schoolId: string, seekerIds: readonly string[], m: EntityManager = this.dataSource.manager): Promise<void> {
    const ids = [...new Set(seekerIds)];
    if (!ids.length) return;
    const bad = ids.filter((id) => !/^[0-9a-f-]{36}$/i.test(id));
    const found: Array<{ seeker_id: string }> = bad.length
      ? []
      : await m.query(`SELECT ss.seeker_id FROM seeker_schools ss WHERE ss.school_id = $1 AND ss.status = 'CONFIRMED' AND ss.seeker_id = ANY($2::uuid[])`, [
          schoolId,
          ids,
        ]);
    const people = await this.seekers.findByIds(
      found.map((r) => r.seeker_id),
      m,
    );
    const ok = new Set(found.map((r) => r.seeker_id).filter((id) => people.has(id) && !people.get(id)!.erasedAt));
    const missing = ids.filter((id) => !ok.has(id));
    if (missing.length) {
      throw schoolsError(SchoolsExceptionCode.NOT_A_STUDENT, { count: missing.length }, { details: { count: missing.length } });
    }
  }

  /**
   * The school's confirmed students, filtered and paged. The links are the school's own rows; names and contact
   * data come from the talent pool (SeekerService), so the text filter and the order by name run here.
   */
  async list(actor: Actor, filter: SchoolStudentFilterInput, page: PageArgs): Promise<Page<SchoolStudentModel>> {
    const schoolId = requireSchool(actor);
    const where = ['ss.school_id = $1', `ss.status = 'CONFIRMED'`];
    const params: unknown[] = [schoolId];
    if (filter.graduationYear) {
      params.push(filter.graduationYear);
      where.push(`ss.graduation_year = $${params.length}`);
    }
    const links: Link[] = await this.dataSource.query(
      `SELECT ss.seeker_id, ss.major, ss.education, ss.graduation_year, ss.class_name, ss.student_no FROM seeker_schools ss WHERE ${where.join(' AND ')}`,
      params,
    );
    const people = await this.seekers.findByIds(links.map((l) => l.seeker_id));
    const text = filter.text ? filter.text.toLowerCase() : null; // ILIKE '%text%' with the text taken literally
    const has = (v: string | null | undefined) => !!v && v.toLowerCase().includes(text!);
    const rows = links
      .filter((l) => people.has(l.seeker_id) && !people.get(l.seeker_id)!.erasedAt)
      .map((l) => ({ ...l, s: people.get(l.seeker_id)! }))
      .filter((r) => !text || has(r.s.name) || has(r.major) || has(r.class_name) || has(r.student_no))
      .sort(byYearClassName);
    return toPage(
      rows.slice(page.offset, page.offset + page.first).map((r) => this.toModel(r.s, r)),
      rows.length,
      page,
    );
  }

  private toModel(s: SeekerEntity, r: Link): SchoolStudentModel {
    return {
      seekerId: s.id,
      name: s.name,
      gender: s.gender,
      idNumberMasked: s.idNumberEnc ? maskResidentId(this.crypto.decrypt(s.idNumberEnc)) : null,
      phoneMasked: s.phoneEnc ? maskPhone(this.crypto.decrypt(s.phoneEnc)) : null,
      major: r.major,
      education: r.education,
      graduationYear: r.graduation_year,
      className: r.class_name,
      studentNo: r.student_no,
      registered: !!s.userId,
    };
  }
}

interface Link {
  seeker_id: string;
  major: string | null;
  education: string | null;
  graduation_year: number | null;
  class_name: string | null;
  student_no: string | null;
}

/** graduation year (newest first, none last), class (none last), name, id: as `ORDER BY … NULLS LAST` under the C collation. */
function byYearClassName(a: Link & { s: SeekerEntity }, b: Link & { s: SeekerEntity }): number {
  const nullsLast = <T>(x: T | null, y: T | null, cmp: (x: T, y: T) => number) => (x === y ? 0 : x == null ? 1 : y == null ? -1 : cmp(x, y));
  const str = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return (
    nullsLast(a.graduation_year, b.graduation_year, (x, y) => y - x) ||
    nullsLast(a.class_name, b.class_name, str) ||
    str(a.s.name ?? '', b.s.name ?? '') ||
    str(a.s.id, b.s.id)
  );
}
