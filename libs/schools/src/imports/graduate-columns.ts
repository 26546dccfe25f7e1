/**
 * Canonical columns of a school's graduate list (毕业生名单) and the tolerant
 * mapping from whatever header text the school's spreadsheet uses.
 */
import { Education, EDUCATION_ZH } from '@app/core';

export const GRADUATE_FIELDS = [
  'name',
  'idNumber',
  'gender',
  'phone',
  'major',
  'education',
  'graduationYear',
  'className',
  'studentNo',
  'email',
  'hometown',
] as const;

export type GraduateField = (typeof GRADUATE_FIELDS)[number];

export interface GraduateColumnDef {
  field: GraduateField;
  /** Header text used in the template and in messages. */
  label: string;
  labelEn: string;
  required: boolean;
  /** Normalised header variants, best first (see normalizeHeader). */
  aliases: string[];
  /** Example value for the template. */
  example: string;
  noteZh: string;
}

/** ID number of the template's example row; a row carrying it was left in by mistake. */
export const TEMPLATE_EXAMPLE_ID = '15090220030615002X';

export const GRADUATE_COLUMNS: readonly GraduateColumnDef[] = [
  {
    field: 'name',
    label: '姓名',
    labelEn: 'Name',
    required: true,
    aliases: ['姓名', '学生姓名', '毕业生姓名', '名字', '学生名字', 'name', 'fullname', 'studentname'],
    example: '张晓燕',
    noteZh: '必填。与身份证上的姓名一致，少数民族姓名中间的点请用“·”。',
  },
  {
    field: 'idNumber',
    label: '身份证号',
    labelEn: 'ID number',
    required: true,
    aliases: [
      '身份证号',
      '身份证号码',
      '身份证',
      '居民身份证号',
      '居民身份证号码',
      '公民身份证号',
      '公民身份证号码',
      '公民身份号码',
      '身份号码',
      '证件号码',
      '证件号',
      '身份证件号码',
      '身份证件号',
      'idnumber',
      'idno',
      'idcard',
    ],
    example: TEMPLATE_EXAMPLE_ID,
    noteZh: '必填。18位居民身份证号。请把此列设置为“文本”格式，否则Excel会把号码变成1.50902E+17并丢失后几位。',
  },
  {
    field: 'gender',
    label: '性别',
    labelEn: 'Gender',
    required: false,
    aliases: ['性别', 'gender', 'sex'],
    example: '女',
    noteZh: '选填，男/女。以身份证号为准。',
  },
  {
    field: 'phone',
    label: '手机号',
    labelEn: 'Mobile phone',
    required: false,
    aliases: [
      '手机号',
      '手机号码',
      '手机',
      '移动电话',
      '本人手机号',
      '本人手机',
      '联系电话',
      '联系方式',
      '联系手机',
      '电话号码',
      '电话',
      'mobile',
      'phone',
      'mobilephone',
      'cellphone',
      'tel',
    ],
    example: '13847412345',
    noteZh: '选填，填写时须为11位手机号。',
  },
  {
    field: 'major',
    label: '专业',
    labelEn: 'Major',
    required: true,
    aliases: ['专业', '所学专业', '专业名称', '就读专业', '毕业专业', 'major', 'speciality', 'specialty'],
    example: '现代物流管理',
    noteZh: '必填。',
  },
  {
    field: 'education',
    label: '学历',
    labelEn: 'Education',
    required: false,
    aliases: ['学历', '学历层次', '培养层次', '学历类别', '文化程度', '层次', 'education', 'degree'],
    example: '大专',
    noteZh: '选填：中专、高中、大专、本科、硕士、博士。',
  },
  {
    field: 'graduationYear',
    label: '毕业年份',
    labelEn: 'Graduation year',
    required: true,
    aliases: ['毕业年份', '毕业年度', '毕业时间', '毕业日期', '毕业年月', '毕业届别', '届别', '届次', '毕业届', 'graduationyear', 'graduation', 'gradyear'],
    example: '2025',
    noteZh: '必填。如 2025、2025届、2025-06 或日期。',
  },
  {
    field: 'className',
    label: '班级',
    labelEn: 'Class',
    required: false,
    aliases: ['班级', '班级名称', '所在班级', '行政班', '班', 'class', 'classname'],
    example: '物流2201班',
    noteZh: '选填。',
  },
  {
    field: 'studentNo',
    label: '学号',
    labelEn: 'Student number',
    required: false,
    aliases: ['学号', '学籍号', '学生编号', 'studentno', 'studentnumber', 'studentid'],
    example: '2022010101',
    noteZh: '选填。',
  },
  {
    field: 'email',
    label: '邮箱',
    labelEn: 'Email',
    required: false,
    aliases: ['邮箱', '电子邮箱', '电子邮件', '邮件', 'email', 'e-mail', 'mail'],
    example: 'zhangxy@example.com',
    noteZh: '选填。',
  },
  {
    field: 'hometown',
    label: '生源地',
    labelEn: 'Hometown',
    required: false,
    aliases: ['生源地', '籍贯', '家庭住址', '家庭地址', '户籍地', '户籍所在地', '生源地区', 'hometown'],
    example: '内蒙古乌兰察布市集宁区',
    noteZh: '选填。',
  },
];

export const REQUIRED_FIELDS: readonly GraduateField[] = GRADUATE_COLUMNS.filter((c) => c.required).map((c) => c.field);

const BY_FIELD = new Map(GRADUATE_COLUMNS.map((c) => [c.field, c]));
export function columnDef(field: GraduateField): GraduateColumnDef {
  return BY_FIELD.get(field)!;
}

/** normalised alias -> field and its rank within that field's aliases */
const ALIAS_INDEX = new Map<string, { field: GraduateField; rank: number }>();
for (const def of GRADUATE_COLUMNS) {
  def.aliases.forEach((alias, rank) => {
    const key = normalizeHeader(alias);
    if (!ALIAS_INDEX.has(key)) ALIAS_INDEX.set(key, { field: def.field, rank });
  });
}

/**
 * Normalises header text as people type it in Excel/WPS: full-width to
 * half-width (NFKC), drops whitespace (incl. U+3000 and line breaks inside
 * the cell), required-markers (*, ＊, ※, ★), trailing colons and any
 * parenthesised hint such as "手机号（选填）" or "毕业年份(如2025)".
 */
export function normalizeHeader(text: string): string {
  return String(text ?? '')
    .normalize('NFKC')
    .replace(/[\s\u3000\u00a0\u200b\ufeff]+/g, '')
    .replace(/[([【〔][^)\]】〕]*[)\]】〕]/g, '')
    .replace(/[*＊※★☆]/g, '')
    .replace(/[:：]+$/g, '')
    .replace(/^[0-9]+[.、]/, '')
    .toLowerCase();
}

export function matchHeader(text: string): { field: GraduateField; rank: number } | null {
  const key = normalizeHeader(text);
  if (!key) return null;
  return ALIAS_INDEX.get(key) ?? null;
}

/** Column index (0-based) to spreadsheet letters: 0 -> A, 26 -> AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export interface MappedColumn {
  field: GraduateField;
  /** 0-based index in the row */
  index: number;
  /** "B" */
  letter: string;
  /** The user's header text, trimmed. */
  header: string;
}

export interface HeaderMapping {
  columns: Partial<Record<GraduateField, MappedColumn>>;
  /** Header cells that matched no field (kept in the bad-rows report as-is). */
  unmapped: { index: number; letter: string; header: string }[];
  /** Columns that matched a field already taken by a better-ranked column. */
  duplicates: { index: number; letter: string; header: string; field: GraduateField }[];
  missingRequired: GraduateField[];
  /** All header texts by index (blank for empty header cells). */
  headers: string[];
}

/** Maps one candidate header row; `required` defaults to the graduate list's required columns (another list may need fewer). */
export function mapHeaderRow(cells: readonly string[], required: readonly GraduateField[] = REQUIRED_FIELDS): HeaderMapping {
  const best = new Map<GraduateField, { index: number; rank: number }>();
  const loser: { index: number; field: GraduateField }[] = [];
  const unmapped: HeaderMapping['unmapped'] = [];
  cells.forEach((text, index) => {
    const m = matchHeader(text);
    if (!m) {
      if (String(text ?? '').trim()) unmapped.push({ index, letter: columnLetter(index), header: String(text).trim() });
      return;
    }
    const cur = best.get(m.field);
    if (!cur) best.set(m.field, { index, rank: m.rank });
    else if (m.rank < cur.rank) {
      loser.push({ index: cur.index, field: m.field });
      best.set(m.field, { index, rank: m.rank });
    } else loser.push({ index, field: m.field });
  });
  const headers = cells.map((c) => String(c ?? '').trim());
  const columns: HeaderMapping['columns'] = {};
  for (const [field, { index }] of best) {
    columns[field] = { field, index, letter: columnLetter(index), header: headers[index] };
  }
  return {
    columns,
    unmapped,
    duplicates: loser
      .sort((a, b) => a.index - b.index)
      .map((l) => ({ index: l.index, letter: columnLetter(l.index), header: headers[l.index], field: l.field })),
    missingRequired: required.filter((f) => !columns[f]),
    headers,
  };
}

// ---------------------------------------------------------------------------
// Education 学历

/** The levels a graduate list may give: core's Education from 中专 up. */
export const EDUCATION_LEVELS = [
  Education.SECONDARY,
  Education.HIGH_SCHOOL,
  Education.JUNIOR_COLLEGE,
  Education.BACHELOR,
  Education.MASTER,
  Education.DOCTOR,
] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];

export const EDUCATION_LABELS = Object.fromEntries(EDUCATION_LEVELS.map((e) => [e, EDUCATION_ZH[e]])) as Record<EducationLevel, string>;

const EDUCATION_VARIANTS: [EducationLevel, string[]][] = [
  [
    Education.SECONDARY,
    [
      '中专',
      '中职',
      '中等专业学校',
      '中等专科',
      '中等职业',
      '中等职业教育',
      '职高',
      '职业高中',
      '技校',
      '技工学校',
      '中技',
      '中级技工',
      '中等专业',
      'secondary',
      'vocationalsecondary',
    ],
  ],
  [Education.HIGH_SCHOOL, ['高中', '普高', '普通高中', '高级中学', 'highschool']],
  [
    Education.JUNIOR_COLLEGE,
    [
      '大专',
      '专科',
      '高职',
      '高专',
      '高职高专',
      '大学专科',
      '专科(高职)',
      '高职(专科)',
      '全日制大专',
      '全日制专科',
      '高等职业教育',
      '五年一贯制大专',
      '五年制大专',
      'juniorcollege',
      'associate',
    ],
  ],
  [Education.BACHELOR, ['本科', '大学本科', '大本', '学士', '全日制本科', '普通本科', '职业本科', '专升本', 'bachelor', 'undergraduate']],
  [Education.MASTER, ['硕士', '研究生', '硕士研究生', '全日制硕士', '专业硕士', '学术硕士', 'master', 'postgraduate']],
  [Education.DOCTOR, ['博士', '博士研究生', 'doctor', 'phd']],
];
const EDUCATION_INDEX = new Map<string, EducationLevel>();
for (const [level, variants] of EDUCATION_VARIANTS) {
  for (const v of variants) EDUCATION_INDEX.set(normalizeEducationText(v), level);
}
function normalizeEducationText(s: string): string {
  return String(s ?? '')
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .replace(/(学历|毕业|在读|及以上)$/g, '')
    .toLowerCase();
}

export function mapEducation(text: string): EducationLevel | null {
  const key = normalizeEducationText(text);
  if (!key) return null;
  const direct = EDUCATION_INDEX.get(key) ?? EDUCATION_INDEX.get(key.replace(/[()]/g, ''));
  if (direct) return direct;
  // "专科（高职）", "本科（二批）": try the part before a bracket
  const head = key.split(/[(]/)[0];
  return EDUCATION_INDEX.get(head) ?? null;
}
