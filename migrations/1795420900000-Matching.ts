import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Candidate matching, PostgreSQL engine: a denormalised candidate_documents
 * table fed by the outbox (the same relay feeds Meilisearch), so both engines
 * index the same document and PostgreSQL search never touches seekers.
 *
 * Geo: earthdistance (cube) — PostGIS is not packaged with this PostgreSQL 15.
 * earth_pt is a plain column written with ll_to_earth() by the writer, not an
 * expression index or generated column, so restores do not depend on the
 * search_path inside ll_to_earth().
 * No foreign key to seekers: the table is a projection like the Meilisearch
 * index; the consistency check finds strays.
 */
export class Matching1795420900000 implements MigrationInterface {
  name = 'Matching1795420900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS cube`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS earthdistance`);
    await q.query(`
      CREATE FUNCTION matching_km(lat1 double precision, lng1 double precision, lat2 double precision, lng2 double precision)
      RETURNS double precision LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT 2 * 6371.0088 * asin(least(1, sqrt(
          power(sin(radians(lat2 - lat1) / 2), 2) + cos(radians(lat1)) * cos(radians(lat2)) * power(sin(radians(lng2 - lng1) / 2), 2))))
      $$`);
    await q.query(`COMMENT ON FUNCTION matching_km IS 'Great-circle km (haversine, mean earth radius 6371.0088 km, as regionDirectory().distanceKm)'`);
    await q.query(`
      CREATE TABLE candidate_documents (
        seeker_id uuid PRIMARY KEY,
        name text NOT NULL,
        school_name text,
        major text,
        search_text text NOT NULL,
        terms text[] NOT NULL,
        county_code char(6),
        prefecture_code char(6),
        lat double precision,
        lng double precision,
        earth_pt earth,
        distance_km double precision,
        education text,
        education_rank smallint NOT NULL,
        graduation_year smallint,
        mandarin_level text,
        mandarin_rank smallint NOT NULL,
        typing_speed smallint NOT NULL,
        call_center_months smallint NOT NULL,
        languages text[] NOT NULL,
        shifts text[] NOT NULL,
        categories text[] NOT NULL,
        completeness smallint NOT NULL,
        base_score integer NOT NULL,
        source_updated_at timestamptz NOT NULL,
        indexed_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT candidate_documents_geo CHECK ((lat IS NULL) = (earth_pt IS NULL))
      )`);
    // Match: walk the fit order; the filter columns are included so it is an index-only scan.
    await q.query(`
      CREATE INDEX candidate_documents_score ON candidate_documents (base_score DESC, seeker_id)
        INCLUDE (distance_km, mandarin_rank, typing_speed, education_rank, call_center_months, shifts)`);
    await q.query(`CREATE INDEX candidate_documents_geo ON candidate_documents USING gist (earth_pt)`);
    await q.query(`CREATE INDEX candidate_documents_terms ON candidate_documents USING gin (terms)`);
    await q.query(`CREATE INDEX candidate_documents_categories ON candidate_documents USING gin (categories)`);
    await q.query(`CREATE INDEX candidate_documents_distance ON candidate_documents (distance_km, seeker_id)`);
    await q.query(`CREATE INDEX candidate_documents_recent ON candidate_documents (source_updated_at DESC, seeker_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS candidate_documents`);
    await q.query(`DROP FUNCTION IF EXISTS matching_km`);
    // cube/earthdistance stay: other objects may use them.
  }
}
