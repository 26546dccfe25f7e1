import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export interface SchoolMembership {
  seekerId: string;
  schoolId: string;
  schoolName: string;
}

/**
 * Read interface of the schools context: who is a school's student. Only CONFIRMED links count (a PENDING or
 * DECLINED person is no one's student). Used by training's statistics per school.
 */
@Injectable()
export class SchoolMembershipRead {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The confirmed school links of these people (a person may have more than one school). */
  async confirmedSchoolsOf(seekerIds: readonly string[], m?: EntityManager): Promise<SchoolMembership[]> {
    const ids = [...new Set(seekerIds)];
    if (!ids.length) return [];
    return (m ?? this.dataSource.manager).query(
      `SELECT ss.seeker_id AS "seekerId", sc.id AS "schoolId", sc.name AS "schoolName"
         FROM seeker_schools ss JOIN schools sc ON sc.id = ss.school_id
        WHERE ss.status = 'CONFIRMED' AND ss.seeker_id = ANY($1::uuid[])
        ORDER BY sc.name, sc.id, ss.seeker_id`,
      [ids],
    );
  }

  /** Whether the person is a confirmed student of the school. */
  async isConfirmedStudent(schoolId: string, seekerId: string, m?: EntityManager): Promise<boolean> {
    const rows = await (m ?? this.dataSource.manager).query(
      `SELECT 1 FROM seeker_schools WHERE school_id = $1 AND seeker_id = $2 AND status = 'CONFIRMED' LIMIT 1`,
      [schoolId, seekerId],
    );
    return rows.length > 0;
  }
}
