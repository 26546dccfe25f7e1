import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10 §1, §2, §5 — the subsidies context (libs/subsidies): policy parameters with dated values, claims and their
 * lines, the claim events, evidence files (encrypted), objections from the publicity, budgets, approval limits and the
 * tamper-evident audit log. Verified categories are talent's `seeker_category_verifications` (read through
 * CategoryVerificationService), not a copy here.
 *
 * - subsidy_parameter_values: history is kept, never updated in place; a `null` value ends the parameter. A rule reads
 *   the row with the latest effective_from ≤ the date of the fact that matters (and of those the latest created_at).
 * - subsidy_claim_lines_once: the same person (hash, never the ID number) is never paid twice for the same item, party
 *   kind and period — item 11 rewards the company AND the school for the same trainee, hence party_kind in the key.
 * - subsidy_audit_log: hash = sha256(prev_hash ‖ canonical row) per chain; appended under pg_advisory_xact_lock.
 */
export class SubsidyClaims1795430000000 implements MigrationInterface {
  name = 'SubsidyClaims1795430000000';

  async up(q: QueryRunner): Promise<void> {
    const items = `'ITEM_08','ITEM_09','ITEM_10','ITEM_11','ITEM_12','ITEM_13','ITEM_14','ITEM_15','ITEM_16','ITEM_17'`;
    const parties = `'COMPANY','SCHOOL','TRAINING_INSTITUTION','TRAINING_BASE','PERSON'`;
    const statuses = `'DRAFT','SUBMITTED','IN_REVIEW','RETURNED','RECOMMENDED','APPROVED','PARTIALLY_APPROVED','REJECTED','PUBLICITY','INVESTIGATING','SCHEDULED','PAID','CLOSED','WITHDRAWN','SUSPENDED'`;
    await q.query(`
      CREATE TABLE subsidy_parameters (
        key text PRIMARY KEY,
        item text CHECK (item IN (${items})),
        unit text NOT NULL CHECK (unit IN ('FEN','COUNT','PCT','MONTHS','DAYS','M2','FEN_BY_REGION')),
        description_zh text NOT NULL,
        description_en text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE subsidy_parameter_values (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        param_key text NOT NULL REFERENCES subsidy_parameters(key),
        effective_from date NOT NULL,
        value jsonb,
        source_clause text NOT NULL,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX subsidy_parameter_values_pick ON subsidy_parameter_values (param_key, effective_from DESC, created_at DESC)`);

    await q.query(`
      CREATE TABLE subsidy_claims (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        item text NOT NULL CHECK (item IN (${items})),
        party_kind text NOT NULL CHECK (party_kind IN (${parties})),
        party_id uuid NOT NULL,
        party_name text NOT NULL,
        tenant_id uuid,
        status text NOT NULL CHECK (status IN (${statuses})),
        origin text NOT NULL CHECK (origin IN ('PROPOSAL','MANUAL')),
        created_by uuid,
        submitted_by uuid,
        submitted_at timestamptz,
        reviewer_id uuid,
        recommended_at timestamptz,
        approver_id uuid,
        decided_at timestamptz,
        claimed_fen bigint NOT NULL DEFAULT 0,
        approved_fen bigint,
        returned_reason text,
        return_deadline date,
        rejected_reason text,
        suspended_from text,
        publicity_ends_on date,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX subsidy_claims_status ON subsidy_claims (status, created_at)`);
    await q.query(`CREATE INDEX subsidy_claims_party ON subsidy_claims (party_kind, party_id, created_at DESC)`);
    await q.query(`CREATE INDEX subsidy_claims_tenant ON subsidy_claims (tenant_id, created_at DESC) WHERE tenant_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE subsidy_claim_lines (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        claim_id uuid NOT NULL REFERENCES subsidy_claims(id) ON DELETE CASCADE,
        item text NOT NULL CHECK (item IN (${items})),
        party_kind text NOT NULL CHECK (party_kind IN (${parties})),
        person_hash char(64) NOT NULL,
        person_label text,
        seeker_id uuid,
        hire_id uuid,
        enrolment_id uuid,
        internship_id uuid,
        period text NOT NULL,
        fact_date date NOT NULL,
        amount_fen integer NOT NULL CHECK (amount_fen >= 0),
        approved_amount_fen integer CHECK (approved_amount_fen >= 0),
        status text NOT NULL CHECK (status IN ('OPEN','APPROVED','REDUCED','REJECTED','WITHDRAWN','OBJECTED')),
        rule_version text NOT NULL,
        param_value_ids uuid[] NOT NULL DEFAULT '{}',
        trace jsonb NOT NULL,
        facts jsonb NOT NULL DEFAULT '{}',
        reason_code text,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX subsidy_claim_lines_claim ON subsidy_claim_lines (claim_id)`);
    await q.query(`CREATE INDEX subsidy_claim_lines_person ON subsidy_claim_lines (person_hash)`);
    await q.query(`CREATE INDEX subsidy_claim_lines_hire ON subsidy_claim_lines (hire_id) WHERE hire_id IS NOT NULL`);
    await q.query(
      `CREATE UNIQUE INDEX subsidy_claim_lines_once ON subsidy_claim_lines (item, party_kind, person_hash, period) WHERE status NOT IN ('REJECTED','WITHDRAWN')`,
    );

    await q.query(`
      CREATE TABLE subsidy_claim_events (
        id bigserial PRIMARY KEY,
        claim_id uuid NOT NULL REFERENCES subsidy_claims(id) ON DELETE CASCADE,
        from_status text,
        to_status text NOT NULL,
        actor_id uuid,
        actor_role text,
        at timestamptz NOT NULL,
        reason_code text,
        note text
      )`);
    await q.query(`CREATE INDEX subsidy_claim_events_claim ON subsidy_claim_events (claim_id, id)`);

    await q.query(`
      CREATE TABLE subsidy_evidence (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        claim_id uuid NOT NULL REFERENCES subsidy_claims(id) ON DELETE CASCADE,
        kind text NOT NULL,
        file_name text NOT NULL,
        mime text NOT NULL CHECK (mime IN ('application/pdf','image/jpeg','image/png')),
        size_bytes integer NOT NULL CHECK (size_bytes BETWEEN 1 AND 10485760),
        sha256 char(64) NOT NULL,
        content_enc bytea NOT NULL,
        uploaded_by uuid,
        uploaded_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX subsidy_evidence_claim ON subsidy_evidence (claim_id, uploaded_at)`);

    await q.query(`
      CREATE TABLE subsidy_objections (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        claim_id uuid NOT NULL REFERENCES subsidy_claims(id) ON DELETE CASCADE,
        line_id uuid NOT NULL REFERENCES subsidy_claim_lines(id) ON DELETE CASCADE,
        note text NOT NULL,
        recorded_by uuid,
        recorded_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX subsidy_objections_claim ON subsidy_objections (claim_id)`);

    await q.query(`
      CREATE TABLE subsidy_budgets (
        item text NOT NULL CHECK (item IN (${items})),
        year smallint NOT NULL,
        amount_fen bigint NOT NULL CHECK (amount_fen >= 0),
        set_by uuid,
        set_at timestamptz NOT NULL,
        PRIMARY KEY (item, year)
      )`);
    await q.query(`
      CREATE TABLE subsidy_approval_limits (
        user_id uuid PRIMARY KEY,
        max_fen bigint NOT NULL CHECK (max_fen >= 0),
        set_by uuid,
        set_at timestamptz NOT NULL
      )`);

    await q.query(`
      CREATE TABLE subsidy_audit_log (
        chain text NOT NULL,
        seq bigint NOT NULL,
        at timestamptz NOT NULL,
        actor text NOT NULL,
        kind text NOT NULL,
        payload jsonb NOT NULL,
        prev_hash char(64) NOT NULL,
        hash char(64) NOT NULL,
        PRIMARY KEY (chain, seq)
      )`);

    // The policy catalogue: parameters of items 8–17 of 五、政策支持建议, with the seed text's figures.
    const P: Array<[string, string | null, string, string, string, unknown, string]> = [
      ['publicity.working_days', null, 'DAYS', '公示期（工作日）', 'Publicity period (working days)', 5, '补贴发放前公示（公示期由人社局设定）'],
      [
        'item08.operating_months',
        'ITEM_08',
        'MONTHS',
        '实训基地经认定运营时长',
        'Months the certified training base must have operated',
        12,
        '第8条：经认定运营1年后',
      ],
      ['item08.min_trained', 'ITEM_08', 'COUNT', '奖励的最低培训人数', 'Fewest people trained for an award', 100, '第8条：培训人才在100—500（含）人'],
      [
        'item08.large_above',
        'ITEM_08',
        'COUNT',
        '高档奖励的培训人数（以上）',
        'People trained above which the larger award applies',
        500,
        '第8条：培训人才在500人以上',
      ],
      ['item08.award_fen', 'ITEM_08', 'FEN', '100—500（含）人奖励金额', 'Award for 100–500 people trained', 100_000_000, '第8条：奖励实训基地100万元'],
      ['item08.large_award_fen', 'ITEM_08', 'FEN', '500人以上奖励金额', 'Award for more than 500 people trained', 200_000_000, '第8条：奖励实训基地200万元'],
      ['item09.monthly_fen', 'ITEM_09', 'FEN', '每月生活补贴', 'Monthly living allowance', 50_000, '第9条：给予每月500元的生活补贴'],
      ['item09.max_months', 'ITEM_09', 'MONTHS', '生活补贴最长月数', 'Most months of living allowance', 6, '第9条：补贴期限为6个月'],
      ['item10.block_students', 'ITEM_10', 'COUNT', '每档招生注册学籍人数', 'Registered students per award block', 100, '第10条：每招生注册学籍100人'],
      ['item10.block_fen', 'ITEM_10', 'FEN', '每档奖励金额', 'Award per block', 10_000_000, '第10条：奖励学校10万元，以此类推'],
      [
        'item11.cooperation_fen',
        'ITEM_11',
        'FEN',
        '委托培养合作奖励（企业、院校各）',
        'Commissioned-training cooperation award (each party)',
        5_000_000,
        '第11条：奖励企业和院校（培训机构）各5万元',
      ],
      [
        'item11.per_trainee_fen',
        'ITEM_11',
        'FEN',
        '每培养1人就业奖励（企业、院校各）',
        'Per trainee employed (each party)',
        50_000,
        '第11条：一次性给予企业和院校（培训机构）各500元奖励',
      ],
      ['item11.min_contract_months', 'ITEM_11', 'MONTHS', '劳动合同最短期限', 'Shortest labour contract', 12, '第11条：签订1年以上劳动合同'],
      [
        'item11.retention_days',
        'ITEM_11',
        'DAYS',
        '不予奖励的解除合同期限（天）',
        'Days within which a termination voids the award',
        365,
        '第11条：1年内解除合同的不予奖励',
      ],
      [
        'item12.min_attendance_pct',
        'ITEM_12',
        'PCT',
        '培训出勤率要求',
        'Attendance required',
        80,
        '第12条：经考核合格的（出勤要求由运营方按培训管理规定设定）',
      ],
      ['item12.advanced_worker_fen', 'ITEM_12', 'FEN', '高级工补贴', 'Per advanced worker (高级工)', 140_000, '第12条：高级工1400元'],
      ['item12.technician_fen', 'ITEM_12', 'FEN', '技师补贴', 'Per technician (技师)', 160_000, '第12条：技师1600元'],
      ['item12.senior_technician_fen', 'ITEM_12', 'FEN', '高级技师补贴', 'Per senior technician (高级技师)', 200_000, '第12条：高级技师2000元'],
      ['item13.per_m2_fen', 'ITEM_13', 'FEN', '每平方米购房补贴', 'Housing subsidy per m²', 50_000, '第13条：给予每平方米500元的购房补贴'],
      ['item13.max_m2', 'ITEM_13', 'M2', '补贴面积上限', 'Largest area subsidised', 70, '第13条：补贴面积不超过70平方米'],
      [
        'item13.min_insurance_months',
        'ITEM_13',
        'MONTHS',
        '连续缴纳社保月数',
        'Continuous local social-insurance months',
        36,
        '第13条：在乌兰察布当地缴纳社保连续三年以上',
      ],
      [
        'item14.monthly_fen',
        'ITEM_14',
        'FEN',
        '贫困家庭学生每月生活补贴',
        'Monthly allowance of a poor-household student',
        50_000,
        '第14条：就读期间，每月给予500元生活补贴',
      ],
      [
        'item15.per_trainee_fen',
        'ITEM_15',
        'FEN',
        '免费培训贫困家庭子女补贴',
        'Per poor-household trainee trained for free',
        280_000,
        '第15条：按2800元/人给予补贴',
      ],
      [
        'item15.min_attendance_pct',
        'ITEM_15',
        'PCT',
        '培训出勤率要求',
        'Attendance required',
        80,
        '第15条：提供免费培训（出勤要求由运营方按培训管理规定设定）',
      ],
      [
        'item16.poor_household_fen',
        'ITEM_16',
        'FEN',
        '吸纳贫困家庭子女奖励',
        'Per hire from a poor household',
        500_000,
        '第16条：给予企业5000元/人的一次性奖励',
      ],
      [
        'item16.unemployed_graduate_fen',
        'ITEM_16',
        'FEN',
        '吸纳登记失业高校毕业生奖励',
        'Per registered-unemployed graduate hired',
        100_000,
        '第16条：可申请1000元/人的一次性奖励',
      ],
      ['item16.min_contract_months', 'ITEM_16', 'MONTHS', '劳动合同最短期限', 'Shortest labour contract', 12, '第16条：签订1年以上劳动合同并缴纳社会保险费'],
      ['item17.min_seats', 'ITEM_17', 'COUNT', '见习基地最低坐席数', 'Fewest seats of an internship base', 500, '第17条：坐席数量在500席以上'],
      ['item17.wage_share_pct', 'ITEM_17', 'PCT', '见习补贴占最低工资比例', 'Share of the minimum wage', 60, '第17条：补贴标准按当年最低工资标准的60%计算'],
      ['item17.min_months', 'ITEM_17', 'MONTHS', '见习期最短月数', 'Shortest internship', 3, '第17条：见习期为3个月至1年'],
      ['item17.max_months', 'ITEM_17', 'MONTHS', '见习期最长月数', 'Longest internship', 12, '第17条：见习期为3个月至1年'],
      [
        'item17.min_wage_monthly_fen',
        'ITEM_17',
        'FEN_BY_REGION',
        '当年最低工资标准（按工资区，运营方录入）',
        'Minimum monthly wage per wage zone (entered by the operator)',
        null,
        '第17条：当年最低工资标准（内蒙古自治区公布的工资区标准，由运营方录入）',
      ],
    ];
    for (const [key, item, unit, zh, en, value, clause] of P) {
      await q.query(`INSERT INTO subsidy_parameters (key, item, unit, description_zh, description_en) VALUES ($1, $2, $3, $4, $5)`, [key, item, unit, zh, en]);
      if (value !== null)
        await q.query(
          `INSERT INTO subsidy_parameter_values (param_key, effective_from, value, source_clause, created_at) VALUES ($1, '2017-01-01', $2::jsonb, $3, '2017-01-01T00:00:00+08:00')`,
          [key, JSON.stringify(value), item ? `五、政策支持建议 ${clause}` : clause],
        );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'subsidy_audit_log',
      'subsidy_approval_limits',
      'subsidy_budgets',
      'subsidy_objections',
      'subsidy_evidence',
      'subsidy_claim_events',
      'subsidy_claim_lines',
      'subsidy_claims',
      'subsidy_parameter_values',
      'subsidy_parameters',
    ])
      await q.query(`DROP TABLE IF EXISTS ${t}`);
  }
}
