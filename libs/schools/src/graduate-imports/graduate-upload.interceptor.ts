import { CallHandler, ExecutionContext, HttpException, Injectable, NestInterceptor, PayloadTooLargeException } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { randomUUID } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { Readable } from 'stream';
import { pipeline } from 'stream/promises';
import { Observable } from 'rxjs';
import { schoolsError, SchoolsExceptionCode } from '../schools.exception';
import { MAX_UPLOAD_BYTES } from './graduate-import.service';
import { ensureUploadDir } from './graduate-upload.store';

/** What multer hands the controller (no @types/multer in the project). */
export interface MulterUploadedFile {
  originalname: string;
  path: string;
  size: number;
}

type Done = (error: Error | null, info?: Partial<MulterUploadedFile>) => void;

/** A multer storage engine: streams the part to a new file (0600) in the upload directory. */
const uploadDirStorage = {
  _handleFile(_req: unknown, file: { stream: Readable }, cb: Done): void {
    const target = path.join(ensureUploadDir(), `${randomUUID()}.upload`);
    let size = 0;
    file.stream.on('data', (c: Buffer) => (size += c.length));
    pipeline(file.stream, fs.createWriteStream(target, { mode: 0o600 })).then(
      () => cb(null, { path: target, size }),
      (e) => fs.rm(target, { force: true }, () => cb(e)),
    );
  },
  _removeFile(_req: unknown, file: { path?: string }, cb: (e: Error | null) => void): void {
    if (!file.path) return cb(null);
    fs.rm(file.path, { force: true }, (e) => cb(e ?? null));
  },
};

const MulterFile = FileInterceptor('file', {
  storage: uploadDirStorage,
  limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10 },
});

/**
 * multipart field `file`, at most 20 MB, written straight to the upload
 * directory (never held in memory); multer's errors become SchoolsExceptions
 * with Chinese and English messages.
 */
@Injectable()
export class GraduateUploadInterceptor extends MulterFile implements NestInterceptor {
  override async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    try {
      return await super.intercept(context, next);
    } catch (e) {
      if (e instanceof PayloadTooLargeException) {
        throw schoolsError(SchoolsExceptionCode.FILE_TOO_LARGE, { mb: MAX_UPLOAD_BYTES / 1048576 });
      }
      if (e instanceof HttpException) {
        throw schoolsError(SchoolsExceptionCode.MALFORMED_UPLOAD);
      }
      throw e;
    }
  }
}

/** busboy hands over UTF-8 file names decoded as latin1 ("æ¯•ä¸šç”Ÿ.xlsx"); undo that when it is what happened. */
export function fixFileName(name: string): string {
  // eslint-disable-next-line no-control-regex -- the range starts at U+0000 on purpose: "every character is latin1"
  if (!/[\u0080-\u00ff]/.test(name) || /[^\u0000-\u00ff]/.test(name)) return name;
  const utf8 = Buffer.from(name, 'latin1').toString('utf8');
  return utf8.includes('\ufffd') ? name : utf8;
}
