import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Schools 院校合作: graduate-list imports (with their rejected rows), order
 * classes 订单班/定向委培班 with the students selected into them, and
 * internships 实习实训 with monthly attendance/evaluation records.
 *
 * Rejected rows keep the school's original cells so the bad-rows spreadsheet
 * can be produced later; they hold ID numbers and phones, so the cells and the
 * reasons (which quote the bad value) are stored encrypted (`payload_enc`).
 */
export class Schools1795421100000 implements MigrationInterface {
  name = 'Schools1795421100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await q.query(`CREATE INDEX seeker_schools_school ON seeker_schools (school_id, graduation_year)`);

    await q.query(`
      CREATE TABLE graduate_imports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        school_id uuid NOT NULL REFERENCES schools(id),
        uploaded_by uuid REFERENCES users(id) ON DELETE SET NULL,
        file_name text NOT NULL,
        file_size bigint NOT NULL CHECK (file_size >= 0),
        file_sha256 char(64) NOT NULL,
        format text NOT NULL CHECK (format IN ('xlsx','csv')),
        encoding text,
        sheet_name text,
        header_row integer,
        headers jsonb NOT NULL DEFAULT '[]',
        status text NOT NULL DEFAULT 'QUEUED' CHECK (status IN ('QUEUED','PROCESSING','DONE','FAILED')),
        rows_total integer CHECK (rows_total >= 0),
        rows_processed integer NOT NULL DEFAULT 0 CHECK (rows_processed >= 0),
        last_row_number integer NOT NULL DEFAULT 0,
        created_count integer NOT NULL DEFAULT 0,
        updated_count integer NOT NULL DEFAULT 0,
        unchanged_count integer NOT NULL DEFAULT 0,
        rejected_count integer NOT NULL DEFAULT 0,
        warning_count integer NOT NULL DEFAULT 0,
        error_code text,
        error_zh text,
        error_en text,
        attempts integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT graduate_imports_counts CHECK (created_count + updated_count + unchanged_count + rejected_count = rows_processed),
        CONSTRAINT graduate_imports_failed_has_error CHECK (status <> 'FAILED' OR error_code IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX graduate_imports_school ON graduate_imports (school_id, created_at DESC)`);
    await q.query(`CREATE INDEX graduate_imports_pending ON graduate_imports (created_at) WHERE status IN ('QUEUED','PROCESSING')`);
    // The uploaded file waits here (AES-256-GCM, key id inside) until the worker has imported it; API and worker share no disk.
    await q.query(`
      CREATE TABLE graduate_import_files (
        import_id uuid PRIMARY KEY REFERENCES graduate_imports(id) ON DELETE CASCADE,
        content_enc bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE graduate_import_rejections (
        import_id uuid NOT NULL REFERENCES graduate_imports(id) ON DELETE CASCADE,
        row_number integer NOT NULL,
        columns text[] NOT NULL DEFAULT '{}',
        codes text[] NOT NULL,
        payload_enc text NOT NULL,
        PRIMARY KEY (import_id, row_number)
      )`);

    await q.query(`
      CREATE TABLE order_classes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        school_id uuid NOT NULL REFERENCES schools(id),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        kind text NOT NULL DEFAULT 'ORDER' CHECK (kind IN ('ORDER','DIRECTED')),
        name text NOT NULL,
        major text NOT NULL,
        quota integer NOT NULL CHECK (quota > 0),
        promised_hires integer NOT NULL CHECK (promised_hires >= 0),
        curriculum text NOT NULL DEFAULT '',
        start_date date NOT NULL,
        end_date date NOT NULL,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (school_id, name),
        CONSTRAINT order_classes_dates CHECK (end_date >= start_date),
        CONSTRAINT order_classes_promise_within_quota CHECK (promised_hires <= quota)
      )`);
    await q.query(`CREATE INDEX order_classes_tenant ON order_classes (tenant_id, start_date DESC)`);
    await q.query(`CREATE INDEX order_classes_school ON order_classes (school_id, start_date DESC)`);
    await q.query(`
      CREATE TABLE order_class_students (
        order_class_id uuid NOT NULL REFERENCES order_classes(id) ON DELETE CASCADE,
        seeker_id uuid NOT NULL REFERENCES seekers(id) ON DELETE CASCADE,
        added_by uuid REFERENCES users(id) ON DELETE SET NULL,
        added_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (order_class_id, seeker_id)
      )`);
    await q.query(`CREATE INDEX order_class_students_seeker ON order_class_students (seeker_id)`);

    await q.query(`
      CREATE TABLE internships (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        school_id uuid NOT NULL REFERENCES schools(id),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        seeker_id uuid NOT NULL REFERENCES seekers(id) ON DELETE CASCADE,
        position text NOT NULL DEFAULT '',
        start_date date NOT NULL,
        end_date date NOT NULL,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT internships_dates CHECK (end_date >= start_date),
        -- one person is in at most one placement at a time (subsidy item 17 pays per intern-month)
        CONSTRAINT internships_no_overlap EXCLUDE USING gist (seeker_id WITH =, daterange(start_date, end_date, '[]') WITH &&)
      )`);
    await q.query(`CREATE INDEX internships_school ON internships (school_id, start_date)`);
    await q.query(`CREATE INDEX internships_tenant ON internships (tenant_id, start_date)`);
    await q.query(`
      CREATE TABLE internship_months (
        internship_id uuid NOT NULL REFERENCES internships(id) ON DELETE CASCADE,
        month date NOT NULL CHECK (extract(day FROM month) = 1),
        attendance_days smallint NOT NULL CHECK (attendance_days BETWEEN 0 AND 31),
        evaluation text NOT NULL CHECK (evaluation IN ('EXCELLENT','GOOD','PASS','FAIL')),
        comment text NOT NULL DEFAULT '',
        recorded_by uuid REFERENCES users(id) ON DELETE SET NULL,
        recorded_role user_role NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (internship_id, month)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'internship_months',
      'internships',
      'order_class_students',
      'order_classes',
      'graduate_import_rejections',
      'graduate_import_files',
      'graduate_imports',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
    await q.query(`DROP INDEX IF EXISTS seeker_schools_school`);
  }
}
