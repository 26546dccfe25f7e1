/**
 * What the logs must never carry, as configuration: pino `redact` paths for headers, tokens, passwords, SMS codes
 * and personal data in GraphQL variables, and the query parameters cut from logged URLs (room join tokens, QR codes).
 * test/observability/logs.e2e-spec.ts runs a full scenario and greps the captured log for every such value.
 */

/** Variable names whose values are secrets or personal data, wherever they sit in a GraphQL input. */
export const SENSITIVE_KEYS = [
  'password',
  'newPassword',
  'oldPassword',
  'code',
  'smsCode',
  'token',
  'accessToken',
  'refreshToken',
  'idNumber',
  'phone',
  'mobile',
  'name',
  'contactPhone',
  'guardianPhone',
  // Sensitive categories (disability, poverty, …) and where someone lives.
  'category',
  'categories',
  'lat',
  'lng',
  'text',
  'address',
  'email',
  'body',
  'note',
  'comment',
  'reason',
] as const;

/** pino redact paths: headers, cookies, and SENSITIVE_KEYS at the first three levels of GraphQL variables. */
export function redactPaths(): string[] {
  const paths = [
    'req.headers.authorization',
    'req.headers.cookie',
    'req.headers["x-metrics-token"]',
    'res.headers["set-cookie"]',
    'headers.authorization',
    'headers.cookie',
  ];
  for (const key of SENSITIVE_KEYS) {
    paths.push(`gql.variables.${key}`, `gql.variables.*.${key}`, `gql.variables.*.*.${key}`, `gql.variables.*.*.*.${key}`);
  }
  return paths;
}

/** Query parameters whose values never reach a log line (the interview pages' join token, the check-in QR code…). */
const SECRET_QUERY_PARAMS = /^(token|code|s|c|t|key|access_token|phone|idNumber)$/i;

/** The URL as it may be logged: secret query values replaced by `[Redacted]`. */
export function loggableUrl(url: string | undefined): string {
  if (!url) return '';
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  const out: string[] = [];
  for (const [k, v] of params) out.push(`${encodeURIComponent(k)}=${SECRET_QUERY_PARAMS.test(k) ? '[Redacted]' : encodeURIComponent(v)}`);
  return `${url.slice(0, q)}?${out.join('&')}`;
}
