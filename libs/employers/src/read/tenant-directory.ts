import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** Read interface of the employers context for other contexts: which tenants exist, and their names. */
@Injectable()
export class TenantDirectory {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async exists(tenantId: string, manager?: EntityManager): Promise<boolean> {
    if (!/^[0-9a-f-]{36}$/i.test(tenantId)) return false;
    const [row] = await (manager ?? this.dataSource.manager).query(`SELECT 1 FROM tenants WHERE id = $1`, [tenantId]);
    return !!row;
  }

  /** Names by tenant id; unknown ids are left out. */
  async names(tenantIds: readonly string[], manager?: EntityManager): Promise<Map<string, string>> {
    const ids = [...new Set(tenantIds)].filter((id) => /^[0-9a-f-]{36}$/i.test(id));
    if (!ids.length) return new Map();
    const rows: Array<{ id: string; name: string }> = await (manager ?? this.dataSource.manager).query(
      `SELECT id, name FROM tenants WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}
