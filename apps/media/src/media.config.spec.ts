import { DEV_TOKEN_SECRET, loadMediaConfig } from './media.config';

describe('loadMediaConfig', () => {
  it('has working defaults outside production', () => {
    const config = loadMediaConfig({ MEDIASOUP_WORKER_BIN: '/opt/ms/mediasoup-worker' });
    expect(config).toMatchObject({
      nodeEnv: 'development',
      port: 4443,
      rtcPortBase: 40000,
      listenIp: '127.0.0.1',
      announcedAddress: undefined,
      tokenSecret: DEV_TOKEN_SECRET,
      workerBin: '/opt/ms/mediasoup-worker',
      maxIncomingBitrate: 600_000,
    });
    expect(config.workers).toBeGreaterThanOrEqual(1);
  });

  it('defaults the worker binary to the cache tools/mediasoup/build-worker.sh fills', () => {
    expect(loadMediaConfig({}).workerBin).toMatch(/\.cache\/talent-cloud\/mediasoup-worker\/3\.12\.16-[a-z]+[\d.]*\/mediasoup-worker$/);
  });

  it('reads the environment', () => {
    const config = loadMediaConfig({
      MEDIA_PORT: '8443',
      MEDIA_RTC_PORT_BASE: '50000',
      MEDIA_LISTEN_IP: '0.0.0.0',
      MEDIA_ANNOUNCED_ADDRESS: '203.0.113.7',
      MEDIA_WORKERS: '3',
      MEDIA_TOKEN_SECRET: 'a-long-enough-secret-value',
    });
    expect(config).toMatchObject({
      port: 8443,
      rtcPortBase: 50000,
      listenIp: '0.0.0.0',
      announcedAddress: '203.0.113.7',
      workers: 3,
      tokenSecret: 'a-long-enough-secret-value',
    });
  });

  it('requires MEDIA_TOKEN_SECRET in production', () => {
    expect(() => loadMediaConfig({ NODE_ENV: 'production' })).toThrow(/MEDIA_TOKEN_SECRET/);
    expect(loadMediaConfig({ NODE_ENV: 'production', MEDIA_TOKEN_SECRET: 'x'.repeat(32) }).tokenSecret).toBe('x'.repeat(32));
  });

  it('needs an announced address when listening on all interfaces', () => {
    expect(() => loadMediaConfig({ MEDIA_LISTEN_IP: '0.0.0.0' })).toThrow(/MEDIA_ANNOUNCED_ADDRESS/);
  });

  it('names every bad variable', () => {
    expect(() => loadMediaConfig({ MEDIA_PORT: 'abc', MEDIA_LISTEN_IP: 'localhost', MEDIA_WORKERS: '0' })).toThrow(
      /MEDIA_PORT[\s\S]*MEDIA_LISTEN_IP[\s\S]*MEDIA_WORKERS/,
    );
  });
});
