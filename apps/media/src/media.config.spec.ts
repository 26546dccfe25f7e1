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
      // The API's and this service's local origins; signalling caps on.
      allowedOrigins: ['http://localhost:3000', 'http://127.0.0.1:3000', 'http://localhost:4443', 'http://127.0.0.1:4443'],
      maxConsumersPerProducer: 8,
      messagesPerSecond: 20,
      messageBurst: 60,
      floodDisconnectAfter: 100,
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
      MEDIA_ALLOWED_ORIGINS: 'https://talent.example.cn/, https://hr.example.cn',
      MEDIA_MAX_CONSUMERS_PER_PRODUCER: '3',
      MEDIA_MESSAGES_PER_SECOND: '5',
    });
    expect(config).toMatchObject({
      port: 8443,
      rtcPortBase: 50000,
      listenIp: '0.0.0.0',
      announcedAddress: '203.0.113.7',
      workers: 3,
      tokenSecret: 'a-long-enough-secret-value',
      allowedOrigins: ['https://talent.example.cn', 'https://hr.example.cn'],
      maxConsumersPerProducer: 3,
      messagesPerSecond: 5,
    });
  });

  it('requires MEDIA_TOKEN_SECRET and MEDIA_ALLOWED_ORIGINS in production', () => {
    expect(() => loadMediaConfig({ NODE_ENV: 'production' })).toThrow(/MEDIA_TOKEN_SECRET[\s\S]*MEDIA_ALLOWED_ORIGINS: required in production/);
    const prod = loadMediaConfig({ NODE_ENV: 'production', MEDIA_TOKEN_SECRET: 'x'.repeat(32), MEDIA_ALLOWED_ORIGINS: 'https://talent.example.cn' });
    expect(prod).toMatchObject({ tokenSecret: 'x'.repeat(32), allowedOrigins: ['https://talent.example.cn'] });
  });

  it('refuses an allowed origin that is not a bare http(s) origin', () => {
    expect(() => loadMediaConfig({ MEDIA_ALLOWED_ORIGINS: 'https://ok.example.cn,https://bad.example.cn/path' })).toThrow(/MEDIA_ALLOWED_ORIGINS/);
    expect(() => loadMediaConfig({ MEDIA_ALLOWED_ORIGINS: '*' })).toThrow(/MEDIA_ALLOWED_ORIGINS/);
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
