import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Has this seeker an active (not withdrawn) application with this tenant? Used by the masking rules. */
@Injectable()
export class ApplicantCheck {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async hasApplied(seekerId: string, tenantId: string): Promise<boolean> {
    const rows = await this.dataSource.query(
      `SELECT 1 FROM applications WHERE seeker_id = $1 AND tenant_id = $2 AND stage <> 'WITHDRAWN' LIMIT 1`,
      [seekerId, tenantId],
    );
    return rows.length > 0;
  }
}
