import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Writable } from 'stream';
import { httpErrorBody, httpStatusOf } from '@app/core';
import { SchoolsException } from './schools.exception';

/** The bits of express' Response used here (the project has no @types/express). */
export type HttpResponse = Writable & {
  headersSent: boolean;
  setHeader(name: string, value: string): void;
  status(code: number): HttpResponse;
  json(body: unknown): void;
};

/** REST endpoints of this context: the global filter's JSON and status (by the error's kind: 413 too large, 422 unreadable file), plus details (the file error's code). */
@Catch(SchoolsException)
export class SchoolsHttpExceptionFilter implements ExceptionFilter {
  catch(e: SchoolsException, host: ArgumentsHost) {
    const res = host.switchToHttp().getResponse<HttpResponse>();
    if (res.headersSent) {
      res.destroy(e);
      return;
    }
    res.status(httpStatusOf(e)).json({ ...httpErrorBody(e), details: e.details });
  }
}
