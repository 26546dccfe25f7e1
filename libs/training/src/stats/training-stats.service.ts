import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TrainingStatsFilterInput } from './dto/stats.input';
import { TrainingStatsModel } from './models/stats.model';

const FIGURES = `
  count(e.id) FILTER (WHERE e.status <> 'WITHDRAWN')::int AS enrolled,
  count(e.id) FILTER (WHERE e.status = 'COMPLETED')::int AS completed,
  count(e.id) FILTER (WHERE e.status = 'WITHDRAWN')::int AS withdrawn,
  count(DISTINCT e.seeker_id) FILTER (WHERE e.status <> 'WITHDRAWN')::int AS trainees`;

/** Enrolment and completion figures per class, institution and school, for the operator and the bureau. */
@Injectable()
export class TrainingStatsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

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
    const [[total], byClass, byInstitution, bySchool] = await Promise.all([
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
      q.query(
        `SELECT sc.id AS "schoolId", sc.name AS "schoolName", ${FIGURES}
           FROM training_enrolments e
           JOIN training_classes c ON c.id = e.class_id
           JOIN seeker_schools ss ON ss.seeker_id = e.seeker_id AND ss.status = 'CONFIRMED'
           JOIN schools sc ON sc.id = ss.school_id
           ${w} GROUP BY sc.id ORDER BY enrolled DESC, sc.name`,
        params,
      ),
    ]);
    return { total, byClass, byInstitution, bySchool };
  }
}
