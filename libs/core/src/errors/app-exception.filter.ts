import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import { AppException, AuthException } from './app.exception';

const HTTP_STATUS: Record<string, number> = { UNAUTHENTICATED: 401, INVALID_TOKEN: 401, FORBIDDEN: 403, NOT_FOUND: 404, RATE_LIMITED: 429 };

/**
 * Domain errors are expected outcomes, not crashes: GraphQL gets them back
 * for formatGraphqlError, HTTP gets JSON with the code; neither is logged as an error.
 */
@Catch(AppException)
export class AppExceptionFilter implements ExceptionFilter {
  catch(exception: AppException, host: ArgumentsHost) {
    if (host.getType<string>() === 'graphql') return exception;
    const res = host.switchToHttp().getResponse();
    const status = HTTP_STATUS[exception.code] ?? (exception instanceof AuthException ? 401 : 400);
    res.status(status).json({ code: exception.code, message: exception.messageZh, messageEn: exception.messageEn, field: exception.field });
  }
}
