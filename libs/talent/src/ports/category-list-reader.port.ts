import { Injectable } from '@nestjs/common';

/** One data row of a bureau category list as the spreadsheet holds it (trimmed text). */
export interface CategoryListRow {
  /** 1-based row number as the bureau sees it in Excel/WPS (CSV: record number). */
  rowNumber: number;
  idNumber: string;
  /** Excel stored the ID number as a number: its last digits are lost. */
  idStoredAsNumber: boolean;
  name: string;
}

export interface CategoryListFile {
  format: 'xlsx' | 'csv';
  /** CSV only: utf-8, utf-8-bom, gbk, utf-16le/be. */
  encoding: string | null;
  /** Where the ID number column is: letter and the bureau's header text. */
  idColumn: { letter: string; header: string };
  /** Rows after the header; a file that turns out unreadable mid-way throws CategoryListFileError. */
  rows: AsyncIterable<CategoryListRow>;
}

/** A file that cannot be read as a list (not a spreadsheet, no ID number column, damaged…): the reader's code and messages. */
export class CategoryListFileError extends Error {
  readonly name = 'CategoryListFileError';
  constructor(
    readonly code: string,
    readonly messageZh: string,
    readonly messageEn: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(`${messageZh} / ${messageEn}`);
  }
}

export interface CategoryListReader {
  /** Throws CategoryListFileError when the file is not a usable spreadsheet. */
  open(content: Buffer, fileName: string, opts: { maxRows: number }): Promise<CategoryListFile>;
}

/**
 * The spreadsheet reader for the bureau's category lists. The streaming xlsx/CSV machinery lives in the schools
 * context (the graduate-list import), and schools imports talent, so talent cannot import it: talent declares this port
 * and the schools module provides it when it starts (libs/schools/src/imports/category-list.reader.ts), like
 * EmployerDirectoryPort.
 */
@Injectable()
export class CategoryListReaderPort implements CategoryListReader {
  private impl: CategoryListReader | null = null;

  provide(impl: CategoryListReader): void {
    if (this.impl) throw new Error('CategoryListReaderPort provided twice');
    this.impl = impl;
  }

  open(content: Buffer, fileName: string, opts: { maxRows: number }): Promise<CategoryListFile> {
    if (!this.impl) throw new Error('CategoryListReaderPort: the schools module is not loaded');
    return this.impl.open(content, fileName, opts);
  }
}
