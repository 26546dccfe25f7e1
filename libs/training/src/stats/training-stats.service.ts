import { SchoolMembershipRead } from '@app/schools';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TrainingStatsFilterInput } from './dto/stats.input';
import { SchoolStatsModel, TrainingStatsModel } from './models/stats.model';

const FIGURES = `
  count(e.id) FILTER (WHERE e.status <> 'WITHDRAWN')::int AS enrolled,
  count(e.id) FILTER (WHERE e.status = 'COMPLETED')::int AS completed,
  count(e.id) FILTER (WHERE e.status = 'WITHDRAWN')::int AS withdrawn,
  count(DISTINCT e.seeker_id) FILTER (WHERE e.status <> 'WITHDRAWN')::int AS trainees`;

/**
 * Enrolment and completion figures per class, institution and school, for the operator and the bureau.
 * Per school: the trainees' confirmed school links, read from the schools context (SchoolMembershipRead).
 */
@Injectable()
export class TrainingStatsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly schools: SchoolMembershipRead,
  ) {}

  async stats(filter: TrainingStatsFilterInput): Promise<TrainingStatsModel> {
    const params: unknown[] = [];
    const where: string[] = [];
    const add = (sql: string, v: unknown) => {
      params.push(v);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.startsFrom) add('c.starts_on >= ?', filter.startsFrom);
    if (filter.startsTo) add('c.starts_on <= ?', filter.startsTo);
    if (filter.institutionId) add('c.institution_id = ?', filter.institutionId);
    if (filter.type) add('c.type = ?', filter.type);
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const q = this.dataSource;
    const [[total], byClass, byInstitution, enrolments] = await Promise.all([
      q.query(`SELECT ${FIGURES} FROM training_classes c LEFT JOIN training_enrolments e ON e.class_id = c.id ${w}`, params),
      q.query(
        `SELECT c.id AS "classId", c.name AS "className", c.type, c.capacity, i.id AS "institutionId", i.name AS "institutionName", ${FIGURES}
           FROM training_classes c JOIN training_institutions i ON i.id = c.institution_id
           LEFT JOIN training_enrolments e ON e.class_id = c.id
           ${w} GROUP BY c.id, i.id ORDER BY c.starts_on DESC, c.name, c.id`,
        params,
      ),
      q.query(
        `SELECT i.id AS "institutionId", i.name AS "institutionName", count(DISTINCT c.id)::int AS classes, ${FIGURES}
           FROM training_classes c JOIN training_institutions i ON i.id = c.institution_id
           LEFT JOIN training_enrolments e ON e.class_id = c.id
           ${w} GROUP BY i.id ORDER BY enrolled DESC, i.name`,
        params,
      ),
      q.query(`SELECT e.id, e.seeker_id AS "seekerId", e.status FROM training_enrolments e JOIN training_classes c ON c.id = e.class_id ${w}`, params),
    ]);
    return { total, byClass, byInstitution, bySchool: await this.bySchool(enrolments) };
  }

  /** FIGURES per school of the trainees' confirmed links (a person with two schools counts at both). */
  private async bySchool(enrolments: Array<{ id: string; seekerId: string; status: string }>): Promise<SchoolStatsModel[]> {
    const links = await this.schools.confirmedSchoolsOf(enrolments.map((e) => e.seekerId));
    const schoolsOf = new Map<string, Array<{ schoolId: string; schoolName: string }>>();
    for (const l of links) schoolsOf.set(l.seekerId, [...(schoolsOf.get(l.seekerId) ?? []), l]);
    const acc = new Map<string, SchoolStatsModel & { people: Set<string> }>();
    for (const e of enrolments) {
      for (const sc of schoolsOf.get(e.seekerId) ?? []) {
        let a = acc.get(sc.schoolId);
        if (!a)
          acc.set(
            sc.schoolId,
            (a = { schoolId: sc.schoolId, schoolName: sc.schoolName, enrolled: 0, completed: 0, withdrawn: 0, trainees: 0, people: new Set() }),
          );
        if (e.status === 'WITHDRAWN') a.withdrawn++;
        else {
          a.enrolled++;
          a.people.add(e.seekerId);
        }
        if (e.status === 'COMPLETED') a.completed++;
      }
    }
    const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
    return [...acc.values()]
      .map(({ people, ...f }) => ({ ...f, trainees: people.size }))
      .sort((x, y) => y.enrolled - x.enrolled || cmp(x.schoolName, y.schoolName));
  }
}
