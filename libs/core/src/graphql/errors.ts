import { Logger } from '@nestjs/common';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { AppException } from '../errors/app.exception';

const logger = new Logger('GraphQL');

/** Rate-limit errors (rateLimited in rate-limit.ts) tell the caller when to come back. */
function retryAfter(e: AppException): { retryAfterSeconds?: number } {
  const s = e.details?.retryAfterSeconds;
  return typeof s === 'number' ? { retryAfterSeconds: s } : {};
}

/**
 * One mapping from errors to GraphQL errors: `message` in Chinese,
 * `extensions.messageEn` in English, a stable `extensions.code` (the exception's public code:
 * its context's enum member, or the common code its catalog maps it to — see publicCode in
 * errors/error-catalog.ts), and the offending `extensions.field` for input errors. Unknown
 * errors are logged (by type and message only) and shown as INTERNAL_SERVER_ERROR.
 */
export function formatGraphqlError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? error.originalError : (error as Error);
  if (original instanceof AppException) {
    return {
      message: original.messageZh,
      path: formatted.path,
      extensions: {
        code: original.code,
        messageEn: original.messageEn,
        field: original.field,
        ...retryAfter(original),
      },
    };
  }
  const code = String(formatted.extensions?.code ?? '');
  // The request limits (limits.ts, graphql-ws) raise errors that already carry a code and both languages.
  if (code.startsWith('QUERY_TOO_') || code === 'SUBSCRIPTIONS_ONLY') {
    const { code: c, messageEn, stacktrace: _stack, http: _http, ...rest } = formatted.extensions ?? {};
    return { message: formatted.message, locations: formatted.locations, extensions: { code: c, messageEn: messageEn ?? formatted.message, ...rest } };
  }
  // Errors graphql-js raises about the request itself (parse, validation, variable coercion) carry no domain cause.
  const requestError = error instanceof GraphQLError && (!error.originalError || error.originalError instanceof GraphQLError);
  if (['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_USER_INPUT'].includes(code) || requestError) {
    return {
      message: `请求格式错误：${formatted.message}`,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: code && code !== 'INTERNAL_SERVER_ERROR' ? code : 'BAD_USER_INPUT', messageEn: formatted.message },
    };
  }
  logger.error(`${original?.name ?? 'Error'}: ${original?.message ?? formatted.message}`, original?.stack);
  return {
    message: '服务器内部错误，请稍后再试',
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR', messageEn: 'Internal server error' },
  };
}
