/**
 * Validates one row of a graduate list and normalises it.
 *
 * The resident-ID and mobile helpers are injected (see `GraduateValidatorDeps`)
 * so this file does not depend on how @app/core is wired; `defaultValidatorDeps`
 * wires the ones in libs/core for now.
 */
import { GraduateField, HeaderMapping, EducationLevel, columnDef, mapEducation, GRADUATE_COLUMNS, TEMPLATE_EXAMPLE_ID } from './graduate-columns';
import type { GraduateFileRow } from './graduate-file-reader';
import { parseResidentId, normalizeMobile, RESIDENT_ID_MESSAGES } from '@app/core';

export type ResidentIdParser = typeof parseResidentId;
export type MobileNormalizer = typeof normalizeMobile;

export interface GraduateValidatorDeps {
  parseResidentId: ResidentIdParser;
  normalizeMobile: MobileNormalizer;
  /** GB/T 2260 region directory lookup (6-digit code). */
  regionKnown: (code: string) => boolean;
  /** Defaults to new Date(); bounds birth dates and graduation years. */
  today?: Date;
}

export function defaultValidatorDeps(regionKnown: (code: string) => boolean, today?: Date): GraduateValidatorDeps {
  return { parseResidentId, normalizeMobile, regionKnown, today };
}

export type GraduateRowErrorCode =
  | 'REQUIRED'
  | 'ID_FORMAT'
  | 'ID_CHECK_DIGIT'
  | 'ID_BIRTH_DATE'
  | 'ID_REGION'
  | 'ID_EXCEL_NUMBER'
  | 'ID_15_DIGIT'
  | 'ID_DUPLICATE'
  | 'NAME_INVALID'
  | 'PHONE_INVALID'
  | 'YEAR_INVALID'
  | 'YEAR_OUT_OF_RANGE'
  | 'EDUCATION_UNKNOWN'
  | 'GENDER_UNKNOWN'
  | 'EMAIL_INVALID'
  | 'TOO_LONG'
  | 'TEMPLATE_EXAMPLE';

export interface GraduateRowError {
  /** Excel row number. */
  row: number;
  /** Column letter, e.g. "B" ('' when the column is absent from the file). */
  column: string;
  /** The user's header text for that column, e.g. "身份证号码". */
  header: string;
  field: GraduateField;
  code: GraduateRowErrorCode;
  reason_zh: string;
  reason_en: string;
}

export type Gender = 'MALE' | 'FEMALE';

export interface GraduateRecord {
  rowNumber: number;
  name: string;
  idNumber: string;
  /** From the ID number (authoritative). */
  gender: Gender;
  birthDate: string;
  regionCode: string;
  phone: string | null;
  major: string;
  education: EducationLevel | null;
  graduationYear: number;
  className: string | null;
  studentNo: string | null;
  email: string | null;
  hometown: string | null;
}

export interface GraduateRowWarning {
  row: number;
  column: string;
  header: string;
  field: GraduateField;
  code: 'GENDER_MISMATCH';
  reason_zh: string;
  reason_en: string;
}

export type GraduateRowResult =
  { ok: true; record: GraduateRecord; warnings: GraduateRowWarning[] } | { ok: false; errors: GraduateRowError[]; warnings: GraduateRowWarning[] };

const MAX_LEN: Partial<Record<GraduateField, number>> = {
  name: 50,
  major: 100,
  className: 100,
  studentNo: 50,
  email: 200,
  hometown: 200,
};

const EXCEL_SCI = /^[+-]?\d+(\.\d+)?e\+?\d+$/i;

/** "１５０９０２ ２００３…x" -> "150902 2003…X" without spaces/apostrophes/quotes. */
export function cleanIdNumber(raw: string): string {
  return String(raw ?? '')
    .normalize('NFKC')
    .replace(/[\s'‘’"“”`\u200b]/g, '')
    .toUpperCase();
}

/** Accepts 2025, 2025届, 2025年, 2025级?(no), 2025-06, 2025/6/30, 2025.06, 2025年6月, Excel serial 45838, 25届. */
export function parseGraduationYear(text: string, kind?: string): number | null {
  const t = String(text ?? '')
    .normalize('NFKC')
    .replace(/\s+/g, '');
  if (!t) return null;
  let m = t.match(/^(\d{4})\.(\d{1,2})$/); // 2025.06 (possibly a number cell)
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return Number(m[1]);
  if (/^\d+(\.\d+)?$/.test(t)) {
    const n = Number(t);
    if (Number.isInteger(n) && n >= 1000 && n <= 9999) return n;
    // Excel date serial stored without a date format (1990-01-01 .. 2099-12-31)
    if (n >= 32874 && n < 73051 && kind !== 'text') {
      return new Date(Math.round((n - 25569) * 86400000)).getUTCFullYear();
    }
    return null;
  }
  m = t.match(/^(\d{4})(?:届|年|年度|年届|届毕业生?|年毕业)?$/);
  if (m) return Number(m[1]);
  m = t.match(/^(\d{2})届$/);
  if (m) return 2000 + Number(m[1]);
  m = t.match(/^(\d{4})[-/.年](\d{1,2})(?:[-/.月](\d{1,2})日?|月(?:份)?)?(?:[T ].*)?$/);
  if (m) {
    const month = Number(m[2]);
    if (month >= 1 && month <= 12) return Number(m[1]);
  }
  return null;
}

export function normalizeName(raw: string): string {
  return String(raw ?? '')
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, ' ')
    .trim()
    .replace(/\s*[·•・．.‧∙⋅]\s*/g, '·');
}

const GENDER_MAP: Record<string, Gender> = { 男: 'MALE', 女: 'FEMALE', m: 'MALE', f: 'FEMALE', male: 'MALE', female: 'FEMALE', 男性: 'MALE', 女性: 'FEMALE' };

export class GraduateRowValidator {
  private readonly today: Date;
  private readonly minYear = 1990;
  private readonly maxYear: number;

  constructor(
    private readonly mapping: HeaderMapping,
    private readonly deps: GraduateValidatorDeps,
  ) {
    this.today = deps.today ?? new Date();
    this.maxYear = this.today.getFullYear() + 1;
  }

  private col(field: GraduateField): { column: string; header: string } {
    const c = this.mapping.columns[field];
    return c ? { column: c.letter, header: c.header } : { column: '', header: columnDef(field).label };
  }

  error(row: number, field: GraduateField, code: GraduateRowErrorCode, zh: string, en: string): GraduateRowError {
    return { row, ...this.col(field), field, code, reason_zh: zh, reason_en: en };
  }

  validate(row: GraduateFileRow): GraduateRowResult {
    const errors: GraduateRowError[] = [];
    const warnings: GraduateRowWarning[] = [];
    const n = row.rowNumber;
    const cell = (f: GraduateField) => (row.cells[f] ?? '').trim();

    for (const def of GRADUATE_COLUMNS) {
      if (def.required && !cell(def.field)) {
        errors.push(this.error(n, def.field, 'REQUIRED', `${def.label}不能为空`, `${def.labelEn} is required`));
      }
      const max = MAX_LEN[def.field];
      if (max && cell(def.field).length > max) {
        errors.push(this.error(n, def.field, 'TOO_LONG', `${def.label}超过 ${max} 个字`, `${def.labelEn} is longer than ${max} characters`));
      }
    }

    // name
    const name = normalizeName(cell('name'));
    if (name && (!/^[\p{L}\p{M}·' -]+$/u.test(name) || [...name].length < 2)) {
      errors.push(
        this.error(n, 'name', 'NAME_INVALID', `姓名“${name}”不像真实姓名（含数字或符号，或只有一个字）`, `Name "${name}" does not look like a person's name`),
      );
    }

    // ID number
    let idInfo: { normalized: string; regionCode: string; birthDate: string; gender: Gender } | null = null;
    const idRaw = cell('idNumber');
    if (idRaw) {
      const id = cleanIdNumber(idRaw);
      if (row.kinds.idNumber === 'number' || EXCEL_SCI.test(id)) {
        // show it the way Excel displays it in a General cell: 1.50902E+17
        const shown =
          row.kinds.idNumber === 'number' && Number.isFinite(Number(idRaw))
            ? Number(idRaw)
                .toExponential(5)
                .toUpperCase()
                .replace(/\.?0+E/, 'E')
            : idRaw;
        errors.push(
          this.error(
            n,
            'idNumber',
            'ID_EXCEL_NUMBER',
            `身份证号被 Excel 存成了数字（显示为 ${shown}），后几位已丢失。请把该列设置为“文本”格式后重新填写（或在号码前加英文单引号 '）`,
            `ID number was stored as a number by Excel (shown as ${shown}) and its last digits are lost; format the column as Text and re-enter it`,
          ),
        );
      } else if (/^\d{15}$/.test(id)) {
        errors.push(
          this.error(n, 'idNumber', 'ID_15_DIGIT', '这是15位旧身份证号，请填写18位身份证号', 'This is an old 15-digit ID number; enter the 18-digit one'),
        );
      } else {
        const parsed = this.deps.parseResidentId(id, { regionKnown: this.deps.regionKnown, today: this.today });
        if (parsed.ok && parsed.info.normalized === TEMPLATE_EXAMPLE_ID) {
          errors.push(
            this.error(n, 'idNumber', 'TEMPLATE_EXAMPLE', '这是模板中的示例行，请删除后再上传', 'This is the example row from the template; delete it'),
          );
        } else if (parsed.ok) {
          idInfo = parsed.info;
        } else {
          const msg = RESIDENT_ID_MESSAGES[parsed.error];
          let zh = `${msg.zh}：${idRaw}`;
          let en = `${msg.en}: ${idRaw}`;
          if (parsed.error === 'CHECK_DIGIT' && /000$/.test(id)) {
            zh += '（末尾为000，可能被 Excel 当作数字截断过）';
            en += ' (ends in 000: possibly truncated by Excel as a number)';
          }
          const code = ({ FORMAT: 'ID_FORMAT', CHECK_DIGIT: 'ID_CHECK_DIGIT', BIRTH_DATE: 'ID_BIRTH_DATE', REGION: 'ID_REGION' } as const)[parsed.error];
          errors.push(this.error(n, 'idNumber', code, zh, en));
        }
      }
    }

    // gender (optional; the ID number is authoritative)
    const genderText = cell('gender').normalize('NFKC').toLowerCase();
    if (genderText) {
      const g = GENDER_MAP[genderText];
      if (!g) {
        errors.push(
          this.error(n, 'gender', 'GENDER_UNKNOWN', `性别应填“男”或“女”，而不是“${cell('gender')}”`, `Gender must be 男 or 女, got "${cell('gender')}"`),
        );
      } else if (idInfo && g !== idInfo.gender) {
        warnings.push({
          row: n,
          ...this.col('gender'),
          field: 'gender',
          code: 'GENDER_MISMATCH',
          reason_zh: `性别“${cell('gender')}”与身份证号不一致，已按身份证号记为“${idInfo.gender === 'MALE' ? '男' : '女'}”`,
          reason_en: `Gender "${cell('gender')}" contradicts the ID number; the ID number's gender is used`,
        });
      }
    }

    // phone (optional)
    let phone: string | null = null;
    const phoneRaw = cell('phone');
    if (phoneRaw) {
      phone = this.deps.normalizeMobile(phoneRaw.normalize('NFKC').replace(/[()（）]/g, ''));
      if (!phone) {
        errors.push(
          this.error(
            n,
            'phone',
            'PHONE_INVALID',
            `手机号“${phoneRaw}”格式不正确（应为11位，以1开头）`,
            `Mobile number "${phoneRaw}" is invalid (11 digits starting with 1)`,
          ),
        );
      }
    }

    // graduation year
    let year: number | null = null;
    const yearRaw = cell('graduationYear');
    if (yearRaw) {
      year = parseGraduationYear(yearRaw, row.kinds.graduationYear);
      if (year === null) {
        errors.push(
          this.error(
            n,
            'graduationYear',
            'YEAR_INVALID',
            `无法识别毕业年份“${yearRaw}”（可填 2025、2025届、2025-06）`,
            `Cannot read graduation year "${yearRaw}" (use 2025, 2025届 or 2025-06)`,
          ),
        );
      } else if (year < this.minYear || year > this.maxYear) {
        errors.push(
          this.error(
            n,
            'graduationYear',
            'YEAR_OUT_OF_RANGE',
            `毕业年份 ${year} 超出范围（${this.minYear}–${this.maxYear}）`,
            `Graduation year ${year} is out of range (${this.minYear}–${this.maxYear})`,
          ),
        );
      }
    }

    // education (optional)
    let education: EducationLevel | null = null;
    const eduRaw = cell('education');
    if (eduRaw) {
      education = mapEducation(eduRaw);
      if (!education) {
        errors.push(
          this.error(
            n,
            'education',
            'EDUCATION_UNKNOWN',
            `无法识别学历“${eduRaw}”（可填 中专、高中、大专、本科、硕士、博士）`,
            `Unknown education level "${eduRaw}"`,
          ),
        );
      }
    }

    // email (optional)
    const email = cell('email');
    if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
      errors.push(this.error(n, 'email', 'EMAIL_INVALID', `邮箱“${email}”格式不正确`, `Email "${email}" is invalid`));
    }

    if (errors.length || !idInfo || year === null) return { ok: false, errors, warnings };
    return {
      ok: true,
      warnings,
      record: {
        rowNumber: n,
        name,
        idNumber: idInfo.normalized,
        gender: idInfo.gender,
        birthDate: idInfo.birthDate,
        regionCode: idInfo.regionCode,
        phone,
        major: cell('major').normalize('NFKC'),
        education,
        graduationYear: year,
        className: cell('className') || null,
        studentNo: cell('studentNo') || null,
        email: email || null,
        hometown: cell('hometown') || null,
      },
    };
  }
}

/**
 * Within-file dedupe: the second (and later) occurrence of an ID number is
 * rejected, naming the row of the first. Keeps one Map entry per distinct ID
 * (about 100 bytes each; 100k rows ≈ 10 MB).
 */
export class DuplicateIdTracker {
  private readonly seen = new Map<string, number>();

  constructor(private readonly mapping: HeaderMapping) {}

  /** Returns an error if `record.idNumber` was already seen in an earlier row, else records it. */
  check(record: Pick<GraduateRecord, 'idNumber' | 'rowNumber'>): GraduateRowError | null {
    const first = this.seen.get(record.idNumber);
    if (first !== undefined) {
      const c = this.mapping.columns.idNumber;
      return {
        row: record.rowNumber,
        column: c?.letter ?? '',
        header: c?.header ?? '身份证号',
        field: 'idNumber',
        code: 'ID_DUPLICATE',
        reason_zh: `身份证号与第 ${first} 行重复`,
        reason_en: `Duplicate ID number: same as row ${first}`,
      };
    }
    this.seen.set(record.idNumber, record.rowNumber);
    return null;
  }

  get size(): number {
    return this.seen.size;
  }
}

/**
 * Validates every row of an opened file, rejecting within-file duplicate IDs
 * (the first occurrence wins). Streaming: one row in, one result out.
 */
export async function* validateGraduateFile(
  file: AsyncIterable<GraduateFileRow> & { mapping: HeaderMapping },
  deps: GraduateValidatorDeps,
): AsyncGenerator<{ row: GraduateFileRow; result: GraduateRowResult }> {
  const validator = new GraduateRowValidator(file.mapping, deps);
  const dupes = new DuplicateIdTracker(file.mapping);
  for await (const row of file) {
    const result = validator.validate(row);
    if (result.ok) {
      const dup = dupes.check(result.record);
      if (dup) {
        yield { row, result: { ok: false, errors: [dup], warnings: result.warnings } };
        continue;
      }
    }
    yield { row, result };
  }
}
