import { AccountService, Actor, Clock, CryptoService, shanghaiDate } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CategoryListFile, CategoryListFileError, CategoryListReaderPort } from '../../ports/category-list-reader.port';
import { SeekerCategory } from '../../seekers/seeker.enums';
import { talentError, TalentExceptionCode } from '../../talent.exception';
import { CategoryListModel } from './category-list.model';
import { checkListRow, CategoryListRowError } from './category-list-row.errors';

/** An upload is held in memory (multer) and read by the streaming reader; a county's list is far below these. */
export const CATEGORY_LIST_MAX_BYTES = 20 * 1024 * 1024;
export const CATEGORY_LIST_MAX_ROWS = 200_000;
/** A refused file reports at most this many bad rows (and says how many there were). */
export const CATEGORY_LIST_MAX_REPORTED_ERRORS = 500;

export interface CategoryListUpload {
  category: string;
  listDate: string;
  file: { originalname: string; buffer: Buffer; size: number } | undefined;
}

const C = TalentExceptionCode;
const CATEGORIES = Object.values(SeekerCategory) as string[];

interface ListRow {
  id: string;
  category: SeekerCategory;
  version: number;
  listDate: string;
  fileName: string;
  uploadedBy: string | null;
  uploadedAt: Date;
  rowsAccepted: number;
  supersededAt: Date | null;
}

const LIST_COLUMNS = `id, category, version, to_char(list_date, 'YYYY-MM-DD') AS "listDate", file_name AS "fileName", uploaded_by AS "uploadedBy",
  uploaded_at AS "uploadedAt", rows_accepted AS "rowsAccepted", superseded_at AS "supersededAt"`;

/**
 * The bureau's category lists 人员类别名单 (issue 10 §1): an upload is one version of the list of a category, stored
 * as ID-number look-up hashes only. The newest version of a category is the active one. A person whose ID hash is on
 * the active list of a category counts as verified for it (source BUREAU_LIST, by the uploader, at the upload): read by
 * joining on seekers.id_number_hash in CategoryVerificationService (verifiedCategories, subsidyPeople, statuses), so it
 * holds for people who register after the upload and stops when a new version drops them; staff verifications stay.
 *
 * A file with any bad row stores nothing; the refusal names each bad row's row and column. What the bureau gets back
 * is counts of rows only: nothing about people not on the list, nor whether listed people have a profile here.
 */
@Injectable()
export class CategoryListService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reader: CategoryListReaderPort,
    private readonly crypto: CryptoService,
    private readonly accounts: AccountService,
    private readonly clock: Clock,
  ) {}

  async upload(actor: Actor, input: CategoryListUpload): Promise<CategoryListModel> {
    if (!CATEGORIES.includes(input.category)) throw talentError(C.CATEGORY_LIST_CATEGORY);
    const now = this.clock.now();
    if (!validDate(input.listDate) || input.listDate > shanghaiDate(now)) throw talentError(C.CATEGORY_LIST_DATE);
    const f = input.file;
    if (!f || !f.buffer?.length) throw talentError(C.CATEGORY_LIST_FILE_REQUIRED);
    if (f.size > CATEGORY_LIST_MAX_BYTES) throw talentError(C.CATEGORY_LIST_FILE_TOO_LARGE, { mb: CATEGORY_LIST_MAX_BYTES / 1048576 });

    const hashes = await this.readHashes(f.buffer, f.originalname, now);

    const id = await this.dataSource.transaction(async (m) => {
      // one upload per category at a time: versions are numbered in order and exactly one stays active
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('category_list:' || $1))`, [input.category]);
      const [{ next }] = await m.query(`SELECT COALESCE(MAX(version), 0) + 1 AS next FROM category_lists WHERE category = $1`, [input.category]);
      await m.query(`UPDATE category_lists SET superseded_at = $2 WHERE category = $1 AND superseded_at IS NULL`, [input.category, now]);
      const [{ id }] = await m.query(
        `INSERT INTO category_lists (category, version, list_date, file_name, uploaded_by, uploaded_at, rows_accepted)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [input.category, next, input.listDate, f.originalname.slice(0, 255), actor.userId, now, hashes.length],
      );
      for (let i = 0; i < hashes.length; i += 10_000) {
        await m.query(`INSERT INTO category_list_entries (list_id, id_number_hash) SELECT $1, unnest($2::text[])`, [id, hashes.slice(i, i + 10_000)]);
      }
      return id as string;
    });
    const [model] = await this.models(`WHERE id = $1`, [id]);
    return model;
  }

  /** Every version of every list (or one category's), newest first within a category. */
  async lists(category?: SeekerCategory | null): Promise<CategoryListModel[]> {
    return category ? this.models(`WHERE category = $1`, [category]) : this.models('', []);
  }

  /** All-or-nothing: the distinct ID hashes of the file, or a refusal naming every bad row (up to a cap). */
  private async readHashes(content: Buffer, fileName: string, now: Date): Promise<string[]> {
    let file: CategoryListFile;
    const unreadable = (e: CategoryListFileError) =>
      talentError(C.CATEGORY_LIST_UNREADABLE, { zh: e.messageZh, en: e.messageEn }, { details: { fileError: e.code, ...e.details } });
    try {
      file = await this.reader.open(content, fileName, { maxRows: CATEGORY_LIST_MAX_ROWS });
    } catch (e) {
      if (e instanceof CategoryListFileError) throw unreadable(e);
      throw e;
    }
    const seen = new Map<string, number>();
    const errors: CategoryListRowError[] = [];
    let rejected = 0;
    let rowsRead = 0;
    try {
      for await (const r of file.rows) {
        rowsRead++;
        const checked = checkListRow(r, file.idColumn, now);
        let error: CategoryListRowError | null = checked.ok ? null : checked.error;
        if (checked.ok) {
          const hash = this.crypto.hash('id', checked.idNumber);
          const first = seen.get(hash);
          if (first === undefined) seen.set(hash, r.rowNumber);
          else {
            error = {
              row: r.rowNumber,
              column: file.idColumn.letter,
              header: file.idColumn.header,
              code: 'ID_DUPLICATE',
              messageZh: `身份证号与第 ${first} 行重复`,
              messageEn: `Duplicate ID number: same as row ${first}`,
            };
          }
        }
        if (error) {
          rejected++;
          if (errors.length < CATEGORY_LIST_MAX_REPORTED_ERRORS) errors.push(error);
        }
      }
    } catch (e) {
      if (e instanceof CategoryListFileError) throw unreadable(e);
      throw e;
    }
    if (rejected) {
      throw talentError(
        C.CATEGORY_LIST_ROWS_INVALID,
        { rows: rejected },
        { details: { errors, rowsRead, rowsRejected: rejected, errorsTruncated: rejected > errors.length, format: file.format, encoding: file.encoding } },
      );
    }
    if (!seen.size) throw talentError(C.CATEGORY_LIST_EMPTY);
    return [...seen.keys()];
  }

  private async models(where: string, params: unknown[]): Promise<CategoryListModel[]> {
    const rows: ListRow[] = await this.dataSource.query(`SELECT ${LIST_COLUMNS} FROM category_lists ${where} ORDER BY category, version DESC`, params);
    const users = await this.accounts.findUsers([...new Set(rows.map((r) => r.uploadedBy).filter((u): u is string => !!u))]);
    return rows.map((r) => ({
      id: r.id,
      category: r.category,
      version: r.version,
      listDate: r.listDate,
      fileName: r.fileName,
      uploadedAt: r.uploadedAt,
      uploadedByName: (r.uploadedBy && users.get(r.uploadedBy)?.displayName) || null,
      rowsAccepted: r.rowsAccepted,
      active: !r.supersededAt,
      supersededAt: r.supersededAt,
    }));
  }
}

function validDate(s: string): boolean {
  if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}
