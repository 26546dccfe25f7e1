import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Candidate search speed (1M seekers): the fit-order index now carries every
 * column a search filters on (text terms and search_text, lat/lng, the facet
 * columns), so a search by frequent text ("集宁", a school name held by 12 % of
 * documents) walks it index-only in fit order and stops after MAX_WINDOW + 1
 * hits, instead of fetching a large share of the heap from the terms GIN index.
 * It replaces candidate_documents_score (same key; match top-N still walks it).
 */
export class MatchingSpeed1795421400000 implements MigrationInterface {
  name = 'MatchingSpeed1795421400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX candidate_documents_score`);
    await q.query(`
      CREATE INDEX candidate_documents_score ON candidate_documents (base_score DESC, seeker_id)
        INCLUDE (distance_km, mandarin_rank, typing_speed, education_rank, call_center_months, shifts,
                 lat, lng, graduation_year, county_code, prefecture_code, education, categories, terms, search_text)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX candidate_documents_score`);
    await q.query(`
      CREATE INDEX candidate_documents_score ON candidate_documents (base_score DESC, seeker_id)
        INCLUDE (distance_km, mandarin_rank, typing_speed, education_rank, call_center_months, shifts)`);
  }
}
