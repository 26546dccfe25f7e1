/**
 * A stand-alone payouts worker for the fault tests (test/subsidies/fault.e2e-spec.ts): the real PayoutJobHandler
 * (the code the worker's PayoutProcessor runs) behind a BullMQ Worker with a short lock, and a fault hook that stops
 * the process at a chosen point of the batch transaction so the test can kill it with SIGKILL there.
 *
 *   node -r tsconfig-paths/register -r ts-node/register/transpile-only test/subsidies/payout-worker-child.ts <mode> <lockMs>
 *
 * mode: none | hang-before-commit | hang-after-commit | block-before-commit (busy for 4 s: the lock expires, the job stalls)
 * Uses DATABASE_URL / REDIS_URL / QUEUE_PREFIX from the environment, like the worker.
 */
import 'reflect-metadata';
import { AppConfig, CoreModule } from '@app/core';
import { PAYOUT_FAULT_HOOKS, PayoutFaultHooks, PayoutJobHandler, SUBSIDY_PAYOUT_QUEUE, SubsidyPayoutsModule } from '@app/subsidies';
import { Global, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Worker } from 'bullmq';
import IORedis from 'ioredis';

const [mode = 'none', lockMs = '1000'] = process.argv.slice(2);
const say = (s: string) => process.stdout.write(`${s}\n`);
const hang = (what: string) => () => {
  say(`hook:${what}`);
  return new Promise<void>(() => undefined);
};

const hooks: PayoutFaultHooks = {};
if (mode === 'hang-before-commit') hooks.beforeCommit = hang('before-commit');
if (mode === 'hang-after-commit') hooks.afterCommit = hang('after-commit');
if (mode === 'block-before-commit')
  hooks.beforeCommit = () => {
    say('hook:block');
    const until = Date.now() + 4000;
    while (Date.now() < until); // the event loop stands still: BullMQ cannot renew the job's lock
    say('hook:unblocked');
  };

@Global()
@Module({ providers: [{ provide: PAYOUT_FAULT_HOOKS, useValue: hooks }], exports: [PAYOUT_FAULT_HOOKS] })
class FaultHooksModule {}

@Module({ imports: [FaultHooksModule, CoreModule, SubsidyPayoutsModule] })
class PayoutChildModule {}

async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(PayoutChildModule, { logger: ['error'] });
  const handler = app.get(PayoutJobHandler);
  const { redis } = app.get(AppConfig);
  const worker = new Worker(
    SUBSIDY_PAYOUT_QUEUE,
    async (job) => {
      say(`start:${job.id}`);
      const r = await handler.handle(job);
      say(`done:${job.id}:${JSON.stringify(r)}`);
      return r;
    },
    {
      connection: new IORedis(redis.url, { maxRetriesPerRequest: null }),
      prefix: redis.queuePrefix,
      lockDuration: Number(lockMs),
      stalledInterval: 500,
      maxStalledCount: 2,
      concurrency: 1,
    },
  );
  worker.on('error', (e) => say(`worker-error:${e.message}`));
  await worker.waitUntilReady();
  say('ready');
}
void main();
