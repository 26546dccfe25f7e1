import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Training 培训: institutions, the course catalogue (seeded with the course
 * names of the plan), classes with their sessions, enrolments, attendance,
 * assessments and certificates.
 *
 * Subsidies are computed later from these rows, so the database itself keeps
 * them consistent: an attendance row can only point to an enrolment of the
 * session's class and carries the session's exact time range (composite
 * foreign keys), and one person cannot be present in two sessions whose times
 * overlap (exclusion constraint over seeker + tstzrange, btree_gist).
 */
export class Training1795421000000 implements MigrationInterface {
  name = 'Training1795421000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    const classTypes = `'NEW_HIRE','PROMOTION','GRASSROOTS_MANAGER','GRADUATE_SHORT','CUSTOM_FOR_UNEMPLOYED','PLACEMENT'`;

    await q.query(`
      CREATE TABLE training_institutions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE,
        kind text NOT NULL CHECK (kind IN ('BASE_CENTRE','EXTERNAL')),
        region_code char(6),
        contact_name text,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The base has one talent service centre of its own; everything else is an external institution.
    await q.query(`CREATE UNIQUE INDEX training_institutions_one_base_centre ON training_institutions (kind) WHERE kind = 'BASE_CENTRE'`);
    await q.query(`INSERT INTO training_institutions (name, kind, region_code) VALUES ('乌兰察布呼叫中心基地人才服务中心', 'BASE_CENTRE', '150902')`);

    await q.query(`
      CREATE TABLE training_courses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE,
        audience text CHECK (audience IN (${classTypes})),
        module text,
        from_plan boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Course names exactly as the plan lists them (《乌兰察布呼叫中心基地…规划》 chapter 五, 人才服务培训体系).
    const seeded: Array<[string, string, string]> = [
      ['《拥有积极心态系列》', 'NEW_HIRE', '心态调整'],
      ['《客户沟通技巧与礼仪》', 'NEW_HIRE', '职业技能'],
      ['《客户服务心态分析与调适》', 'NEW_HIRE', '心态调整'],
      ['《呼入电话服务技巧》', 'NEW_HIRE', '职业技能'],
      ['《客诉处理技巧》', 'NEW_HIRE', '职业技能'],
      ['《点燃营销人员工作的动力》', 'PROMOTION', '职业态度'],
      ['《从平凡走向卓越系列》', 'PROMOTION', '职业态度'],
      ['《客户心理分析》', 'PROMOTION', '职业技能'],
      ['《职业道德与个人修养》', 'PROMOTION', '职业道德'],
      ['《我是优秀管理者系列》', 'PROMOTION', '职业技能'],
      ['管理知识培训', 'GRASSROOTS_MANAGER', '管理知识'],
      ['管理工作的实施', 'GRASSROOTS_MANAGER', '管理实务'],
    ];
    for (const [name, audience, module] of seeded) {
      await q.query(`INSERT INTO training_courses (name, audience, module, from_plan) VALUES ($1, $2, $3, true)`, [name, audience, module]);
    }

    await q.query(`
      CREATE TABLE training_classes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        institution_id uuid NOT NULL REFERENCES training_institutions(id),
        type text NOT NULL CHECK (type IN (${classTypes})),
        name text NOT NULL,
        sponsor_tenant_id uuid REFERENCES tenants(id),
        capacity integer NOT NULL CHECK (capacity > 0),
        enrolled_count integer NOT NULL DEFAULT 0,
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        min_attendance_pct smallint NOT NULL DEFAULT 80 CHECK (min_attendance_pct BETWEEN 0 AND 100),
        requires_assessment boolean NOT NULL DEFAULT true,
        pass_score smallint NOT NULL DEFAULT 60 CHECK (pass_score BETWEEN 0 AND 100),
        status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN','CLOSED')),
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT training_classes_dates CHECK (ends_on >= starts_on),
        CONSTRAINT training_classes_seats CHECK (enrolled_count BETWEEN 0 AND capacity),
        CONSTRAINT training_classes_custom_has_sponsor CHECK (type <> 'CUSTOM_FOR_UNEMPLOYED' OR sponsor_tenant_id IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX training_classes_institution ON training_classes (institution_id, starts_on DESC)`);
    await q.query(`CREATE INDEX training_classes_sponsor ON training_classes (sponsor_tenant_id) WHERE sponsor_tenant_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE training_class_courses (
        class_id uuid NOT NULL REFERENCES training_classes(id) ON DELETE CASCADE,
        course_id uuid NOT NULL REFERENCES training_courses(id),
        position smallint NOT NULL,
        PRIMARY KEY (class_id, course_id)
      )`);

    await q.query(`
      CREATE TABLE training_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        class_id uuid NOT NULL REFERENCES training_classes(id) ON DELETE CASCADE,
        course_id uuid REFERENCES training_courses(id),
        title text,
        room text,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        during tstzrange GENERATED ALWAYS AS (tstzrange(starts_at, ends_at, '[)')) STORED,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT training_sessions_times CHECK (ends_at > starts_at),
        CONSTRAINT training_sessions_ref UNIQUE (id, class_id, starts_at, ends_at),
        CONSTRAINT training_sessions_no_overlap EXCLUDE USING gist (class_id WITH =, during WITH &&)
      )`);

    await q.query(`
      CREATE TABLE training_enrolments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        class_id uuid NOT NULL REFERENCES training_classes(id),
        seeker_id uuid NOT NULL REFERENCES seekers(id),
        status text NOT NULL CHECK (status IN ('ENROLLED','WITHDRAWN','COMPLETED')),
        source text NOT NULL CHECK (source IN ('SELF','OPERATOR','OFFER')),
        application_id uuid REFERENCES applications(id),
        enrolled_by uuid REFERENCES users(id) ON DELETE SET NULL,
        enrolled_at timestamptz NOT NULL,
        withdrawn_at timestamptz,
        withdrawn_by uuid REFERENCES users(id) ON DELETE SET NULL,
        completed_at timestamptz,
        CONSTRAINT training_enrolments_ref UNIQUE (id, class_id, seeker_id),
        CONSTRAINT training_enrolments_offer_has_application CHECK (source <> 'OFFER' OR application_id IS NOT NULL),
        CONSTRAINT training_enrolments_withdrawn CHECK ((status = 'WITHDRAWN') = (withdrawn_at IS NOT NULL)),
        CONSTRAINT training_enrolments_completed CHECK ((status = 'COMPLETED') = (completed_at IS NOT NULL))
      )`);
    // One live enrolment per person and class; withdrawn rows stay as history.
    await q.query(`CREATE UNIQUE INDEX training_enrolments_one_live ON training_enrolments (class_id, seeker_id) WHERE status <> 'WITHDRAWN'`);
    await q.query(`CREATE INDEX training_enrolments_seeker ON training_enrolments (seeker_id)`);

    await q.query(`
      CREATE TABLE training_attendance (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL,
        class_id uuid NOT NULL,
        enrolment_id uuid NOT NULL,
        seeker_id uuid NOT NULL REFERENCES seekers(id),
        session_starts_at timestamptz NOT NULL,
        session_ends_at timestamptz NOT NULL,
        during tstzrange GENERATED ALWAYS AS (tstzrange(session_starts_at, session_ends_at, '[)')) STORED,
        method text NOT NULL CHECK (method IN ('QR','MANUAL')),
        recorded_by uuid REFERENCES users(id) ON DELETE SET NULL,
        recorded_role user_role NOT NULL,
        checked_in_at timestamptz NOT NULL,
        CONSTRAINT training_attendance_session FOREIGN KEY (session_id, class_id, session_starts_at, session_ends_at)
          REFERENCES training_sessions (id, class_id, starts_at, ends_at) ON UPDATE CASCADE,
        CONSTRAINT training_attendance_enrolment FOREIGN KEY (enrolment_id, class_id, seeker_id)
          REFERENCES training_enrolments (id, class_id, seeker_id),
        CONSTRAINT training_attendance_once UNIQUE (session_id, seeker_id),
        CONSTRAINT training_attendance_no_overlap EXCLUDE USING gist (seeker_id WITH =, during WITH &&)
      )`);
    await q.query(`CREATE INDEX training_attendance_enrolment ON training_attendance (enrolment_id)`);

    await q.query(`
      CREATE TABLE training_assessments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        enrolment_id uuid NOT NULL,
        class_id uuid NOT NULL,
        seeker_id uuid NOT NULL REFERENCES seekers(id),
        score smallint NOT NULL CHECK (score BETWEEN 0 AND 100),
        passed boolean NOT NULL,
        skill_level text CHECK (skill_level IN ('ADVANCED_WORKER','TECHNICIAN','SENIOR_TECHNICIAN')),
        assessed_on date NOT NULL,
        assessor_user_id uuid NOT NULL REFERENCES users(id),
        note text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT training_assessments_enrolment FOREIGN KEY (enrolment_id, class_id, seeker_id)
          REFERENCES training_enrolments (id, class_id, seeker_id),
        CONSTRAINT training_assessments_level_needs_pass CHECK (skill_level IS NULL OR passed)
      )`);
    await q.query(`CREATE INDEX training_assessments_enrolment ON training_assessments (enrolment_id, created_at)`);

    await q.query(`CREATE SEQUENCE training_certificate_no_seq`);
    await q.query(`
      CREATE TABLE training_certificates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        certificate_no text NOT NULL UNIQUE,
        enrolment_id uuid NOT NULL UNIQUE,
        class_id uuid NOT NULL,
        seeker_id uuid NOT NULL REFERENCES seekers(id),
        institution_id uuid NOT NULL REFERENCES training_institutions(id),
        assessment_id uuid REFERENCES training_assessments(id),
        skill_level text CHECK (skill_level IN ('ADVANCED_WORKER','TECHNICIAN','SENIOR_TECHNICIAN')),
        attended_sessions integer NOT NULL,
        total_sessions integer NOT NULL,
        issued_at timestamptz NOT NULL,
        issued_by uuid REFERENCES users(id) ON DELETE SET NULL,
        CONSTRAINT training_certificates_enrolment FOREIGN KEY (enrolment_id, class_id, seeker_id)
          REFERENCES training_enrolments (id, class_id, seeker_id)
      )`);
    await q.query(`CREATE INDEX training_certificates_seeker ON training_certificates (seeker_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'training_certificates',
      'training_assessments',
      'training_attendance',
      'training_enrolments',
      'training_sessions',
      'training_class_courses',
      'training_classes',
      'training_courses',
      'training_institutions',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
    await q.query(`DROP SEQUENCE IF EXISTS training_certificate_no_seq`);
  }
}
