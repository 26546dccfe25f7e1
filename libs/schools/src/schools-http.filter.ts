import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Writable } from 'stream';
import { SchoolsException } from './schools.exception';

/** The bits of express' Response used here (the project has no @types/express). */
export type HttpResponse = Writable & {
  headersSent: boolean;
  setHeader(name: string, value: string): void;
  status(code: number): HttpResponse;
  json(body: unknown): void;
};

const STATUS: Record<string, number> = { NOT_FOUND: 404, FORBIDDEN: 403, FILE_TOO_LARGE: 413, GRADUATE_FILE_INVALID: 422 };

/** REST endpoints of this context: the same JSON shape as the global filter, with upload-specific statuses and the file error's code. */
@Catch(SchoolsException)
export class SchoolsHttpExceptionFilter implements ExceptionFilter {
  catch(e: SchoolsException, host: ArgumentsHost) {
    const res = host.switchToHttp().getResponse<HttpResponse>();
    if (res.headersSent) {
      res.destroy(e);
      return;
    }
    res.status(STATUS[e.code] ?? 400).json({ code: e.code, message: e.messageZh, messageEn: e.messageEn, field: e.field, details: e.details });
  }
}
