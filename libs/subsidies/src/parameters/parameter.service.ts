import { Actor, Clock } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { SubsidyAudit } from '../audit/subsidy-audit';
import { subsidiesError, SubsidiesExceptionCode } from '../subsidies.exception';
import { ParameterSet, ParamValue } from './parameter-set';

export interface ParameterRow {
  key: string;
  item: string | null;
  unit: string;
  descriptionZh: string;
  descriptionEn: string;
  history: Array<ParamValue & { createdAt: Date; createdBy: string | null }>;
}

const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !isNaN(Date.parse(`${s}T00:00:00Z`));

/**
 * Policy parameters with dated values (OpenFisca style). A value row is never updated: a change is a new row with its
 * effective date and source clause; `null` ends the parameter. The value in force on a date is the row with the latest
 * effective_from ≤ that date, and of those the latest written (a correction of the same date wins).
 */
@Injectable()
export class ParameterService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: SubsidyAudit,
    private readonly clock: Clock,
  ) {}

  /** Every parameter's value as it stood on `date` (YYYY-MM-DD). */
  async at(date: string, m?: EntityManager): Promise<ParameterSet> {
    const rows: Array<{ id: string; param_key: string; effective_from: string; value: unknown; source_clause: string }> = await (m ?? this.dataSource).query(
      `SELECT DISTINCT ON (param_key) id, param_key, to_char(effective_from, 'YYYY-MM-DD') AS effective_from, value, source_clause
         FROM subsidy_parameter_values WHERE effective_from <= $1::date
        ORDER BY param_key, effective_from DESC, created_at DESC, id DESC`,
      [date],
    );
    return new ParameterSet(
      date,
      new Map(rows.map((r) => [r.param_key, { key: r.param_key, valueId: r.id, effectiveFrom: r.effective_from, value: r.value, source: r.source_clause }])),
    );
  }

  /** Parameter sets by date, loaded once per date (the nightly run evaluates many facts of the same few dates). */
  cache(m?: EntityManager): (date: string) => Promise<ParameterSet> {
    const sets = new Map<string, Promise<ParameterSet>>();
    return (date) => {
      let p = sets.get(date);
      if (!p) sets.set(date, (p = this.at(date, m)));
      return p.then((s) => s.fork());
    };
  }

  async list(): Promise<ParameterRow[]> {
    const params: Array<{ key: string; item: string | null; unit: string; description_zh: string; description_en: string }> = await this.dataSource.query(
      `SELECT key, item, unit, description_zh, description_en FROM subsidy_parameters ORDER BY item NULLS FIRST, key`,
    );
    const values: Array<{
      id: string;
      param_key: string;
      effective_from: string;
      value: unknown;
      source_clause: string;
      created_at: Date;
      created_by: string | null;
    }> = await this.dataSource.query(
      `SELECT id, param_key, to_char(effective_from, 'YYYY-MM-DD') AS effective_from, value, source_clause, created_at, created_by
           FROM subsidy_parameter_values ORDER BY param_key, effective_from DESC, created_at DESC`,
    );
    return params.map((p) => ({
      key: p.key,
      item: p.item,
      unit: p.unit,
      descriptionZh: p.description_zh,
      descriptionEn: p.description_en,
      history: values
        .filter((v) => v.param_key === p.key)
        .map((v) => ({
          key: v.param_key,
          valueId: v.id,
          effectiveFrom: v.effective_from,
          value: v.value,
          source: v.source_clause,
          createdAt: v.created_at,
          createdBy: v.created_by,
        })),
    }));
  }

  /** A new dated value (history kept; null ends the parameter), appended to the parameters audit chain in the same transaction. */
  async set(actor: Actor, input: { key: string; effectiveFrom: string; value: unknown; sourceClause: string }): Promise<ParameterRow> {
    const bad = (zh: string, en: string) => subsidiesError(SubsidiesExceptionCode.PARAMETER_VALUE_INVALID, { zh, en });
    if (!isDate(input.effectiveFrom)) throw bad('生效日期格式应为 YYYY-MM-DD', 'effectiveFrom must be YYYY-MM-DD');
    const source = input.sourceClause?.trim();
    if (!source) throw bad('请注明依据条款', 'Cite the source clause');
    await this.dataSource.transaction(async (m) => {
      const [p] = await m.query(`SELECT key, unit FROM subsidy_parameters WHERE key = $1`, [input.key]);
      if (!p) throw subsidiesError(SubsidiesExceptionCode.PARAMETER_NOT_FOUND);
      const v = input.value;
      if (v !== null) {
        if (p.unit === 'FEN_BY_REGION') {
          const ok =
            typeof v === 'object' &&
            !Array.isArray(v) &&
            Object.entries(v as object).every(([k, n]) => /^(\d{6}|default)$/.test(k) && Number.isSafeInteger(n) && (n as number) >= 0);
          if (!ok || !Object.keys(v as object).length)
            throw bad('应为 {"地区代码": 分} 的对象，如 {"150900": 198000}', 'Expected {"<region code>": fen}, e.g. {"150900": 198000}');
        } else if (!Number.isSafeInteger(v) || (v as number) < 0) throw bad('应为非负整数（金额以分计）', 'Expected a non-negative integer (money in fen)');
        else if (p.unit === 'PCT' && (v as number) > 100) throw bad('百分比不能超过 100', 'A percentage is at most 100');
      }
      const now = this.clock.now();
      const [row] = await m.query(
        `INSERT INTO subsidy_parameter_values (param_key, effective_from, value, source_clause, created_by, created_at) VALUES ($1, $2, $3::jsonb, $4, $5, $6) RETURNING id`,
        [input.key, input.effectiveFrom, v === null ? null : JSON.stringify(v), source, actor.userId, now],
      );
      await this.audit.append(
        m,
        'parameters',
        'PARAMETER_VALUE',
        { valueId: row.id, key: input.key, effectiveFrom: input.effectiveFrom, value: v as never, source },
        actor.userId,
      );
    });
    return (await this.list()).find((r) => r.key === input.key)!;
  }
}
