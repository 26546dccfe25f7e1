import { CryptoService, isPgError, PgErrorCode } from '@app/core';
import { profileCompleteness, SEEKER_CHANGED, SeekerEntity } from '@app/talent';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { GraduateRecord } from '../imports';

/** Outbox topic: a school's list asks a person already in the pool to confirm they are its student. */
export const SCHOOL_LINK_REQUESTED = 'notify.school_link_requested';

/** Internal counts (logs, benchmark); the school's report shows only their sum, see GraduateImportModel.accepted. */
export interface PoolBatchResult {
  created: number;
  updated: number;
  unchanged: number;
  /** Seekers whose profile or school record changed (one 'seeker.changed' event each). */
  changedSeekerIds: string[];
}

interface ExistingRow {
  id: string;
  user_id: string | null;
  id_number_hash: string;
  id_number_enc: string | null;
  name: string;
  gender: string | null;
  birth_date: string | null;
  phone_enc: string | null;
  region_code: string | null;
  education: string | null;
  school_name: string | null;
  major: string | null;
  graduation_year: number | null;
  mandarin_level: string | null;
  typing_speed: number | null;
  call_center_months: number | null;
  shifts: string[];
  languages: string[];
  completeness: number;
}

/**
 * Writes one batch of validated graduate records into the talent pool, in the
 * caller's transaction, with a fixed number of statements per batch (no
 * per-row round trips). A school list must not annex people (issue 8 §3):
 *
 * - people not yet in the pool (by keyed ID hash) become profiles with
 *   source 'SCHOOL' and shared_with_tenants = false, and their link to the
 *   school is CONFIRMED at once ('NEW_PROFILE'): the school brought them in and
 *   everything on the profile is the school's own data;
 * - anyone already in the pool — signed in (user_id), listed by another
 *   school, or brought in by another source (bureau list, fair check-in) —
 *   only gets a PENDING link and no field of the profile is touched (name,
 *   phone, major…). The person confirms or declines on their phone
 *   (SchoolLinkService); an account holder is notified. An unowned profile
 *   from another source is treated like an owned one: confirming it would show
 *   the school data another source collected, and tell it the person is in
 *   the pool; the link waits until the person signs in and answers;
 * - a CONFIRMED link's school record is the school's to correct, so a
 *   re-upload with new values updates it (blank cells never erase a value);
 *   empty profile fields are still filled only while the profile is nobody's
 *   and this school is its only school (i.e. the list created it). A PENDING
 *   link's school record is updated too (what the person will be asked
 *   about); a DECLINED link is left alone: re-uploading does not ask again;
 * - the counts returned are internal: the report shows one "accepted" figure,
 *   so it does not tell the school whether a row matched someone;
 * - one 'seeker.changed' outbox event per seeker whose profile or confirmed
 *   school record changed, so re-uploading the same list writes nothing and
 *   emits nothing.
 */
@Injectable()
export class GraduatePoolWriter {
  constructor(private readonly crypto: CryptoService) {}

  async writeBatch(
    m: EntityManager,
    school: { id: string; name: string },
    records: readonly GraduateRecord[],
    opts: { now: Date; importId?: string },
  ): Promise<PoolBatchResult> {
    const result: PoolBatchResult = { created: 0, updated: 0, unchanged: 0, changedSeekerIds: [] };
    if (!records.length) return result;
    const importId = opts.importId ?? null;
    const requestedBy: string | null = importId
      ? ((await m.query(`SELECT uploaded_by FROM graduate_imports WHERE id = $1`, [importId]))[0]?.uploaded_by ?? null)
      : null;
    const hashes = records.map((r) => this.crypto.hash('id', r.idNumber));
    const byHash = new Map<string, ExistingRow>();
    for (const row of await this.lockExisting(m, hashes)) byHash.set(row.id_number_hash.trim(), row);

    // 1. new people -> profiles (ON CONFLICT: someone else created the same person meanwhile)
    const fresh = records.map((r, i) => ({ r, hash: hashes[i] })).filter((x) => !byHash.has(x.hash));
    const createdIds = new Set<string>();
    if (fresh.length) {
      const params = [
        fresh.map((x) => this.crypto.encrypt(x.r.idNumber)),
        fresh.map((x) => x.hash),
        fresh.map((x) => x.r.name),
        fresh.map((x) => x.r.gender),
        fresh.map((x) => x.r.birthDate),
        fresh.map((x) => (x.r.phone ? this.crypto.encrypt(x.r.phone) : null)),
        fresh.map((x) => (x.r.phone ? this.crypto.hash('phone', x.r.phone) : null)),
        fresh.map((x) => x.r.education),
        fresh.map((x) => x.r.major),
        fresh.map((x) => x.r.graduationYear),
        fresh.map((x) => newProfileCompleteness(x.r)),
        school.name,
        opts.now,
      ];
      // Nobody else had these people a moment ago (lockExisting), so a plain INSERT almost always
      // succeeds and costs about half of ON CONFLICT's speculative insertion. If someone created one
      // of them meanwhile, the savepoint keeps the transaction usable and ON CONFLICT sorts it out.
      let inserted: Array<{ id: string; id_number_hash: string }>;
      await m.query(`SAVEPOINT graduate_pool_fresh`);
      try {
        inserted = await m.query(insertSeekersSql(''), params);
      } catch (e) {
        if (!isPgError(e, PgErrorCode.UNIQUE_VIOLATION)) throw e; // someone created one of them meanwhile
        await m.query(`ROLLBACK TO SAVEPOINT graduate_pool_fresh`);
        inserted = await m.query(insertSeekersSql('ON CONFLICT (id_number_hash) DO NOTHING'), params);
      }
      const insertedHashes = new Set<string>();
      for (const row of inserted) {
        insertedHashes.add(row.id_number_hash.trim());
        createdIds.add(row.id);
        byHash.set(row.id_number_hash.trim(), { id: row.id } as ExistingRow);
      }
      const raced = fresh.filter((x) => !insertedHashes.has(x.hash)).map((x) => x.hash);
      if (raced.length) for (const row of await this.lockExisting(m, raced)) byHash.set(row.id_number_hash.trim(), row);
    }

    // 2. existing people: what links they already have (their seekers rows are locked, so nobody adds one meanwhile)
    const existingIds = [...new Set(records.map((_, i) => byHash.get(hashes[i])!.id).filter((id) => !createdIds.has(id)))];
    const links: Array<{ seeker_id: string; school_id: string; status: string }> = existingIds.length
      ? await m.query(`SELECT seeker_id, school_id, status FROM seeker_schools WHERE seeker_id = ANY($1::uuid[])`, [existingIds])
      : [];
    const ownLink = new Map<string, string>();
    const elsewhere = new Set<string>();
    for (const l of links) {
      if (l.school_id === school.id) ownLink.set(l.seeker_id, l.status);
      else elsewhere.add(l.seeker_id);
    }
    //    fill empty fields only of a profile this school's list created: nobody's, confirmed here, at no other school
    const fills: Array<{
      id: string;
      gender: string | null;
      birth: string | null;
      phoneEnc: string | null;
      phoneHash: string | null;
      education: string | null;
      schoolName: string | null;
      major: string | null;
      year: number | null;
      completeness: number;
    }> = [];
    const filledIds = new Set<string>();
    records.forEach((r, i) => {
      const s = byHash.get(hashes[i])!;
      if (createdIds.has(s.id)) return;
      if (s.user_id || elsewhere.has(s.id) || ownLink.get(s.id) !== 'CONFIRMED') return; // not the school's to fill
      const f = {
        id: s.id,
        gender: s.gender ? null : r.gender,
        birth: s.birth_date ? null : r.birthDate,
        phoneEnc: !s.phone_enc && r.phone ? this.crypto.encrypt(r.phone) : null,
        phoneHash: !s.phone_enc && r.phone ? this.crypto.hash('phone', r.phone) : null,
        education: s.education ? null : r.education,
        schoolName: s.school_name ? null : school.name,
        major: s.major ? null : r.major,
        year: s.graduation_year != null ? null : r.graduationYear,
        completeness: s.completeness,
      };
      if (f.gender || f.birth || f.phoneEnc || f.education || f.schoolName || f.major || f.year != null) {
        f.completeness = profileCompleteness({
          idNumberEnc: s.id_number_enc,
          name: s.name,
          phoneEnc: s.phone_enc ?? f.phoneEnc,
          regionCode: s.region_code,
          education: (s.education ?? f.education) as SeekerEntity['education'],
          major: s.major ?? f.major,
          schoolName: s.school_name ?? f.schoolName,
          graduationYear: s.graduation_year ?? f.year,
          mandarinLevel: s.mandarin_level as SeekerEntity['mandarinLevel'],
          typingSpeed: s.typing_speed,
          callCenterMonths: s.call_center_months,
          shifts: s.shifts,
          languages: s.languages,
        });
        fills.push(f);
        filledIds.add(s.id);
      }
    });
    if (fills.length) {
      await m.query(
        `UPDATE seekers s SET
            gender = COALESCE(s.gender, v.gender), birth_date = COALESCE(s.birth_date, v.birth_date),
            phone_enc = COALESCE(s.phone_enc, v.phone_enc), phone_hash = CASE WHEN s.phone_enc IS NULL THEN v.phone_hash ELSE s.phone_hash END,
            education = COALESCE(s.education, v.education), school_name = COALESCE(s.school_name, v.school_name),
            major = COALESCE(s.major, v.major), graduation_year = COALESCE(s.graduation_year, v.graduation_year),
            completeness = v.completeness, updated_at = $11
           FROM unnest($1::uuid[], $2::text[], $3::date[], $4::text[], $5::char(64)[], $6::text[], $7::text[], $8::text[], $9::smallint[], $10::smallint[])
             AS v(id, gender, birth_date, phone_enc, phone_hash, education, school_name, major, graduation_year, completeness)
          WHERE s.id = v.id`,
        [
          fills.map((f) => f.id),
          fills.map((f) => f.gender),
          fills.map((f) => f.birth),
          fills.map((f) => f.phoneEnc),
          fills.map((f) => f.phoneHash),
          fills.map((f) => f.education),
          fills.map((f) => f.schoolName),
          fills.map((f) => f.major),
          fills.map((f) => f.year),
          fills.map((f) => f.completeness),
          opts.now,
        ],
      );
    }

    // 3. the school record. A profile created in this transaction gets a CONFIRMED link by plain INSERT (nobody else
    //    can see it yet); anyone else gets a PENDING link, or their existing (non-declined) link's school record is
    //    updated when a non-blank value differs. Declined links are not asked again.
    const seekerIds = records.map((_, i) => byHash.get(hashes[i])!.id);
    const schoolRows = (pick: (id: string) => boolean) => {
      const idx: number[] = [];
      seekerIds.forEach((id, i) => pick(id) && idx.push(i));
      return [
        school.id,
        idx.map((i) => seekerIds[i]),
        idx.map((i) => records[i].major),
        idx.map((i) => records[i].education),
        idx.map((i) => records[i].graduationYear),
        idx.map((i) => records[i].className),
        idx.map((i) => records[i].studentNo),
        opts.now,
        requestedBy,
        importId,
      ];
    };
    const schoolInsert = (status: 'CONFIRMED' | 'PENDING') =>
      `INSERT INTO seeker_schools AS ss (seeker_id, school_id, major, education, graduation_year, class_name, student_no, created_at,
                                         requested_by, import_id, status, decided_at, decided_via)
       SELECT v.seeker_id, $1, v.major, v.education, v.graduation_year, v.class_name, v.student_no, $8, $9::uuid, $10::uuid,
              '${status}', ${status === 'CONFIRMED' ? `$8, 'NEW_PROFILE'` : 'NULL, NULL'}
         FROM unnest($2::uuid[], $3::text[], $4::text[], $5::smallint[], $6::text[], $7::text[])
           AS v(seeker_id, major, education, graduation_year, class_name, student_no)`;
    if (createdIds.size)
      await m.query(
        schoolInsert('CONFIRMED'),
        schoolRows((id) => createdIds.has(id)),
      );
    const newlyPending = new Set(existingIds.filter((id) => !ownLink.has(id)));
    const toUpsert = (id: string) => !createdIds.has(id) && ownLink.get(id) !== 'DECLINED';
    const schoolChanged: Array<{ seeker_id: string; status: string }> = !seekerIds.some(toUpsert)
      ? []
      : await m.query(
          `${schoolInsert('PENDING')}
       ON CONFLICT (seeker_id, school_id) DO UPDATE SET
            major = COALESCE(EXCLUDED.major, ss.major), education = COALESCE(EXCLUDED.education, ss.education),
            graduation_year = COALESCE(EXCLUDED.graduation_year, ss.graduation_year),
            class_name = COALESCE(EXCLUDED.class_name, ss.class_name), student_no = COALESCE(EXCLUDED.student_no, ss.student_no)
        WHERE ss.status <> 'DECLINED'
          AND (ss.major, ss.education, ss.graduation_year, ss.class_name, ss.student_no) IS DISTINCT FROM
              (COALESCE(EXCLUDED.major, ss.major), COALESCE(EXCLUDED.education, ss.education), COALESCE(EXCLUDED.graduation_year, ss.graduation_year),
               COALESCE(EXCLUDED.class_name, ss.class_name), COALESCE(EXCLUDED.student_no, ss.student_no))
       RETURNING ss.seeker_id, ss.status`,
          schoolRows(toUpsert),
        );
    // only a confirmed record is visible to anyone but the person: a pending one changes nothing in the index
    const schoolChangedIds = new Set(schoolChanged.filter((r) => r.status === 'CONFIRMED').map((r) => r.seeker_id));
    const touchedIds = new Set(schoolChanged.map((r) => r.seeker_id));

    for (const id of seekerIds) {
      if (createdIds.has(id)) result.created++;
      else if (filledIds.has(id) || touchedIds.has(id)) result.updated++;
      else result.unchanged++;
      if (createdIds.has(id) || filledIds.has(id) || schoolChangedIds.has(id)) result.changedSeekerIds.push(id);
    }

    // 3b. tell account holders a school asks to list them (in-app + SMS, through the outbox, same transaction)
    const owner = new Map([...byHash.values()].map((r) => [r.id, r.user_id]));
    const notify = [...newlyPending].filter((id) => owner.get(id));
    if (notify.length) {
      const body = `${school.name}在毕业生名单中登记了您。如果您是该校学生或毕业生，请在「我的 › 我的院校」中确认；不是请点「不是我」。确认前学校看不到您的任何信息。`;
      await m.query(
        `INSERT INTO outbox_events (topic, aggregate_id, payload)
         SELECT $1, s.id, jsonb_build_object('userId', s.user_id, 'kind', 'SCHOOL_LINK_REQUESTED', 'title', $3::text, 'body', $4::text, 'sms', true)
           FROM seekers s WHERE s.id = ANY($2::uuid[]) AND s.user_id IS NOT NULL`,
        [SCHOOL_LINK_REQUESTED, notify, '院校学籍待确认', body],
      );
    }

    // 4. one event per changed seeker, same transaction (bulk form of OutboxService.record)
    if (result.changedSeekerIds.length) {
      await m.query(
        `INSERT INTO outbox_events (topic, aggregate_id, payload)
         SELECT $1, u.id, jsonb_build_object('reason', 'school-import', 'schoolId', $3::text, 'importId', $4::text) FROM unnest($2::uuid[]) AS u(id)`,
        [SEEKER_CHANGED, result.changedSeekerIds, school.id, opts.importId ?? null],
      );
    }
    return result;
  }

  private lockExisting(m: EntityManager, hashes: string[]): Promise<ExistingRow[]> {
    return m.query(
      `SELECT id, user_id, id_number_hash, id_number_enc, name, gender, to_char(birth_date, 'YYYY-MM-DD') AS birth_date, phone_enc, region_code, education,
              school_name, major, graduation_year, mandarin_level, typing_speed, call_center_months, shifts, languages, completeness
         FROM seekers WHERE id_number_hash = ANY($1::char(64)[]) ORDER BY id FOR UPDATE`,
      [hashes],
    );
  }
}

function insertSeekersSql(onConflict: string): string {
  return `INSERT INTO seekers (id_number_enc, id_number_hash, name, gender, birth_date, phone_enc, phone_hash, education,
                              school_name, major, graduation_year, completeness, source, shared_with_tenants, created_at, updated_at)
         SELECT v.id_enc, v.id_hash, v.name, v.gender, v.birth_date, v.phone_enc, v.phone_hash, v.education,
                $12, v.major, v.graduation_year, v.completeness, 'SCHOOL', false, $13, $13
           FROM unnest($1::text[], $2::char(64)[], $3::text[], $4::text[], $5::date[], $6::text[], $7::char(64)[], $8::text[],
                       $9::text[], $10::smallint[], $11::smallint[])
             AS v(id_enc, id_hash, name, gender, birth_date, phone_enc, phone_hash, education, major, graduation_year, completeness)
         ${onConflict}
         RETURNING id, id_number_hash`;
}

function newProfileCompleteness(r: GraduateRecord): number {
  return profileCompleteness({
    idNumberEnc: 'x',
    name: r.name,
    phoneEnc: r.phone ? 'x' : null,
    education: r.education as SeekerEntity['education'],
    major: r.major,
    graduationYear: r.graduationYear,
    shifts: [],
    languages: [],
  });
}
