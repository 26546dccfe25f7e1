import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { regionDirectory } from '../regions';
import { Education, EDUCATION_ZH } from '../seekers/seeker.enums';
import { PoolStatsDimension, TalentPoolStatsModel } from './pool-stats.model';

/** Cells with fewer people than this are not published (small counts of a county × category identify people). */
export const MIN_CELL_SIZE = 5;

const CATEGORY_ZH: Record<string, string> = { GRADUATE: '应届毕业生', UNEMPLOYED: '登记失业人员', POOR_HOUSEHOLD: '贫困家庭', DISABLED: '残疾人' };

const KEY_SQL: Record<PoolStatsDimension, string> = {
  PREFECTURE: `SELECT COALESCE(left(region_code, 4) || '00', '') AS k, count(*)::int AS n FROM seekers WHERE erased_at IS NULL GROUP BY 1`,
  COUNTY: `SELECT COALESCE(region_code, '') AS k, count(*)::int AS n FROM seekers WHERE erased_at IS NULL GROUP BY 1`,
  CATEGORY: `SELECT c AS k, count(*)::int AS n FROM seekers, unnest(categories) c WHERE erased_at IS NULL GROUP BY 1`,
  EDUCATION: `SELECT COALESCE(education, '') AS k, count(*)::int AS n FROM seekers WHERE erased_at IS NULL GROUP BY 1`,
};

/**
 * What the HR bureau needs of the talent pool for its work: counts, never a
 * browsable list of people (PIPL minimum necessary).
 */
@Injectable()
export class PoolStatsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async stats(dimension: PoolStatsDimension): Promise<TalentPoolStatsModel> {
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(KEY_SQL[dimension]) as Promise<Array<{ k: string; n: number }>>,
      this.dataSource.query(`SELECT count(*)::int AS total FROM seekers WHERE erased_at IS NULL`),
    ]);
    const buckets = rows
      .map((r) => {
        const suppressed = r.n < MIN_CELL_SIZE;
        return { key: r.k || 'UNKNOWN', label: this.label(dimension, r.k), count: suppressed ? null : r.n, suppressed, n: r.n };
      })
      .sort((a, b) => b.n - a.n || a.key.localeCompare(b.key))
      .map(({ n: _n, ...b }) => b);
    return { dimension, total, minCellSize: MIN_CELL_SIZE, buckets };
  }

  private label(d: PoolStatsDimension, k: string): string {
    if (!k) return '未填写';
    if (d === PoolStatsDimension.CATEGORY) return CATEGORY_ZH[k] ?? k;
    if (d === PoolStatsDimension.EDUCATION) return EDUCATION_ZH[k as Education] ?? k;
    return regionDirectory().fullName(k) ?? k;
  }
}
