import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import { AppException } from './app.exception';
import { HTTP_STATUS_OF_KIND } from './error-kind';

/** The JSON body of a domain error on a REST route (the same fields GraphQL puts in the error). */
export function httpErrorBody(e: AppException): Record<string, unknown> {
  return { code: e.code, message: e.messageZh, messageEn: e.messageEn, field: e.field };
}

/** The HTTP status of a domain error: by its kind (error-kind.ts). */
export function httpStatusOf(e: AppException): number {
  return HTTP_STATUS_OF_KIND[e.kind] ?? 400;
}

/**
 * Domain errors are expected outcomes, not crashes: GraphQL gets them back
 * for formatGraphqlError, HTTP gets JSON with the code; neither is logged as an error.
 */
@Catch(AppException)
export class AppExceptionFilter implements ExceptionFilter {
  catch(exception: AppException, host: ArgumentsHost) {
    if (host.getType<string>() === 'graphql') return exception;
    const res = host.switchToHttp().getResponse();
    res.status(httpStatusOf(exception)).json(httpErrorBody(exception));
  }
}
