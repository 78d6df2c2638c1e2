import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { APP_CONFIG, AppConfig } from '@rtd/kernel';
import { WorkerModule } from '../../apps/worker/src/worker.module';

/** The real worker (queues, outbox relay, processors) in this process, on the test's database and queue prefix. */
export async function startTestWorker(config: AppConfig): Promise<INestApplicationContext> {
  const moduleRef = await Test.createTestingModule({ imports: [WorkerModule] })
    .overrideProvider(APP_CONFIG)
    .useValue(config)
    .setLogger({ log() {}, error() {}, warn() {}, debug() {}, verbose() {} } as never)
    .compile();
  await moduleRef.init();
  return moduleRef;
}

export async function eventually<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`condition not met in ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
