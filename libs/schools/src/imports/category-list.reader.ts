import { CategoryListFile, CategoryListFileError, CategoryListReaderPort, CategoryListRow } from '@app/talent';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { Readable } from 'stream';
import { columnDef } from './graduate-columns';
import { GraduateFileError } from './graduate-file-error';
import { readGraduateFile } from './graduate-file-reader';

function fileError(e: unknown): unknown {
  if (!(e instanceof GraduateFileError)) return e;
  if (e.code === 'NO_HEADER') {
    // the graduate import's message points to its template; a bureau list has none, only the column it needs
    const rows = Number(e.details.scanRows ?? 20);
    return new CategoryListFileError(
      e.code,
      `在前 ${rows} 行中找不到含“身份证号”的表头行，请确认名单有一列的标题为“身份证号”或“公民身份号码”`,
      `No header row with an ID-number column in the first ${rows} rows; give one column the title 身份证号 (or 公民身份号码)`,
      e.details,
    );
  }
  return new CategoryListFileError(e.code, e.messageZh, e.messageEn, e.details);
}

/**
 * Provides talent's CategoryListReaderPort with this context's streaming xlsx/CSV reader (sniffing, encodings,
 * header scan, zip guard): a bureau category list needs only a 身份证号 column (姓名 is read when present). Talent
 * cannot import schools (schools imports talent), hence the port.
 */
@Injectable()
export class CategoryListReaderProvider implements OnModuleInit {
  constructor(private readonly port: CategoryListReaderPort) {}

  onModuleInit(): void {
    this.port.provide({ open: (content, fileName, opts) => this.open(content, fileName, opts) });
  }

  async open(content: Buffer, fileName: string, opts: { maxRows: number }): Promise<CategoryListFile> {
    const file = await readGraduateFile(Readable.from([content]), fileName, { requiredFields: ['idNumber'], maxRows: opts.maxRows }).catch((e) => {
      throw fileError(e);
    });
    const id = file.mapping.columns.idNumber!;
    async function* rows(): AsyncGenerator<CategoryListRow> {
      try {
        for await (const r of file) {
          yield { rowNumber: r.rowNumber, idNumber: r.cells.idNumber ?? '', idStoredAsNumber: r.kinds.idNumber === 'number', name: r.cells.name ?? '' };
        }
      } catch (e) {
        throw fileError(e);
      }
    }
    return { format: file.format, encoding: file.encoding, idColumn: { letter: id.letter, header: id.header || columnDef('idNumber').label }, rows: rows() };
  }
}
