import 'reflect-metadata';
import { ConfigError, KNOWN_DEVELOPMENT_SECRETS, loadConfig } from './config';

/** Issue 8 §5: an unset NODE_ENV is production, and production refuses public or shared secrets. */
describe('loadConfig secrets', () => {
  const key = (byte: number) => Buffer.alloc(32, byte).toString('base64');
  const prod = {
    JWT_ACCESS_SECRET: 'a'.repeat(48),
    MEDIA_TOKEN_SECRET: 'm'.repeat(48),
    DATA_KEYS: `k2026:${key(3)}`,
    DATA_HASH_KEY: key(4),
  };

  it('NODE_ENV unset means production: without secrets it refuses to boot', () => {
    expect(() => loadConfig({})).toThrow(ConfigError);
    expect(() => loadConfig({})).toThrow(/required in production/);
    expect(() => loadConfig({ NODE_ENV: '' })).toThrow(/required in production/);
    const c = loadConfig(prod);
    expect(c.app.nodeEnv).toBe('production');
    expect(c.auth.cookieSecure).toBe(true);
    expect(c.auth.smsDriver).toBe('none');
  });

  it('development and test still run on the committed defaults when asked for by name', () => {
    for (const NODE_ENV of ['development', 'test']) {
      const c = loadConfig({ NODE_ENV });
      expect(c.app.nodeEnv).toBe(NODE_ENV);
      expect(KNOWN_DEVELOPMENT_SECRETS).toContain(c.auth.accessSecret);
      expect(KNOWN_DEVELOPMENT_SECRETS).toContain(c.auth.mediaTokenSecret);
      expect(c.auth.cookieSecure).toBe(false);
      expect(c.auth.cookiePath).toBe('/graphql');
    }
  });

  it('production refuses every development secret committed to the repository', () => {
    const dev = loadConfig({ NODE_ENV: 'development' });
    const cases: Array<Record<string, string>> = [
      { JWT_ACCESS_SECRET: dev.auth.accessSecret },
      { MEDIA_TOKEN_SECRET: dev.auth.mediaTokenSecret },
      { DATA_KEYS: `dev1:${dev.crypto.keys[dev.crypto.activeKeyId].toString('base64')}` },
      { DATA_HASH_KEY: dev.crypto.hashKey.toString('base64') },
    ];
    for (const override of cases) {
      expect(() => loadConfig({ NODE_ENV: 'production', ...prod, ...override })).toThrow(/development secret/);
    }
  });

  it('production refuses equal secrets (API tokens, media tokens, data keys, hash key)', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', ...prod, MEDIA_TOKEN_SECRET: prod.JWT_ACCESS_SECRET })).toThrow(
      /JWT_ACCESS_SECRET and MEDIA_TOKEN_SECRET must be different/,
    );
    expect(() => loadConfig({ NODE_ENV: 'production', ...prod, DATA_HASH_KEY: key(3) })).toThrow(/must be different/);
    expect(() => loadConfig({ NODE_ENV: 'production', ...prod, DATA_KEYS: `k1:${key(5)},k2:${key(5)}` })).toThrow(/must be different/);
    const k = key(6);
    expect(() => loadConfig({ NODE_ENV: 'production', ...prod, JWT_ACCESS_SECRET: k, DATA_KEYS: `k1:${k}` })).toThrow(/must be different/);
  });

  it('production refuses a refresh cookie without Secure', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', ...prod, COOKIE_SECURE: 'false' })).toThrow(/COOKIE_SECURE/);
    expect(loadConfig({ NODE_ENV: 'development', COOKIE_SECURE: 'true' }).auth.cookieSecure).toBe(true);
  });

  it('sign-in limits are configurable', () => {
    const c = loadConfig({ NODE_ENV: 'test', LOGIN_FAILURES_PER_ACCOUNT: '5', LOGIN_FAILURES_PER_IP: '50', LOGIN_WINDOW_SECONDS: '600' });
    expect([c.auth.loginFailuresPerAccount, c.auth.loginFailuresPerIp, c.auth.loginWindowSeconds]).toEqual([5, 50, 600]);
  });
});
