import { Actor, containsPattern, CryptoService, maskPhone, maskResidentId, Page, PageArgs, toPage } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { requireSchool } from '../graduate-imports/graduate-import.service';
import { SchoolsException } from '../schools.exception';
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
  ) {}

  /** Refuses unless every seeker has a record at the school (and is not erased). */
  async assertStudents(schoolId: string, seekerIds: readonly string[], m: EntityManager = this.dataSource.manager): Promise<void> {
    const ids = [...new Set(seekerIds)];
    if (!ids.length) return;
    const bad = ids.filter((id) => !/^[0-9a-f-]{36}$/i.test(id));
    const found: Array<{ seeker_id: string }> = bad.length
      ? []
      : await m.query(
          `SELECT ss.seeker_id FROM seeker_schools ss JOIN seekers s ON s.id = ss.seeker_id AND s.erased_at IS NULL
            WHERE ss.school_id = $1 AND ss.status = 'CONFIRMED' AND ss.seeker_id = ANY($2::uuid[])`,
          [schoolId, ids],
        );
    const ok = new Set(found.map((r) => r.seeker_id));
    const missing = ids.filter((id) => !ok.has(id));
    if (missing.length) {
      throw new SchoolsException(
        'NOT_A_STUDENT',
        `${missing.length} 人不是本校学生或毕业生（请先通过毕业生名单导入）`,
        `${missing.length} of the selected people are not students or graduates of this school (import them with a graduate list first)`,
        'seekerIds',
        { count: missing.length },
      );
    }
  }

  async list(actor: Actor, filter: SchoolStudentFilterInput, page: PageArgs): Promise<Page<SchoolStudentModel>> {
    const schoolId = requireSchool(actor);
    const where = ['ss.school_id = $1', `ss.status = 'CONFIRMED'`, 's.erased_at IS NULL'];
    const params: unknown[] = [schoolId];
    if (filter.graduationYear) {
      params.push(filter.graduationYear);
      where.push(`ss.graduation_year = $${params.length}`);
    }
    if (filter.text) {
      params.push(containsPattern(filter.text));
      const p = `$${params.length}`;
      where.push(`(s.name ILIKE ${p} OR ss.major ILIKE ${p} OR ss.class_name ILIKE ${p} OR ss.student_no ILIKE ${p})`);
    }
    const sql = `FROM seeker_schools ss JOIN seekers s ON s.id = ss.seeker_id WHERE ${where.join(' AND ')}`;
    const [{ n }] = await this.dataSource.query(`SELECT count(*)::int AS n ${sql}`, params);
    const rows = await this.dataSource.query(
      `SELECT s.id, s.name, s.gender, s.id_number_enc, s.phone_enc, s.user_id, ss.major, ss.education, ss.graduation_year, ss.class_name, ss.student_no
       ${sql} ORDER BY ss.graduation_year DESC NULLS LAST, ss.class_name NULLS LAST, s.name, s.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, page.first, page.offset],
    );
    return toPage(rows.map((r: any) => this.toModel(r)), n, page);
  }

  private toModel(r: any): SchoolStudentModel {
    return {
      seekerId: r.id,
      name: r.name,
      gender: r.gender,
      idNumberMasked: r.id_number_enc ? maskResidentId(this.crypto.decrypt(r.id_number_enc)) : null,
      phoneMasked: r.phone_enc ? maskPhone(this.crypto.decrypt(r.phone_enc)) : null,
      major: r.major,
      education: r.education,
      graduationYear: r.graduation_year,
      className: r.class_name,
      studentNo: r.student_no,
      registered: !!r.user_id,
    };
  }
}
