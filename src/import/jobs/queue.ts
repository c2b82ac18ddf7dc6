import { AsyncResource } from 'async_hooks';
import type { Core } from '@strapi/strapi';
import { startJob, type RunningJob } from './runner';
import { claimJob, claimNext, failJob, newRunner, releaseJob } from './store';
import type { ImportJob } from './types';

/**
 * Where import jobs wait and who runs them.
 *
 * - Without REDIS_URL, the database is the queue: each instance looks for a job every POLL_MS (and
 *   at once when it queues one itself), takes the oldest with a conditional UPDATE, and also takes
 *   over a job whose runner stopped (src/import/jobs/store.ts). One machine needs no other service.
 * - With REDIS_URL, BullMQ on Redis hands each job to one worker of any instance and notices a
 *   worker that died (a stalled job goes back to the queue). The job's state and progress stay in
 *   the database either way, so every instance shows them.
 *
 * Each instance runs one job at a time; imports into one database also take the import lock
 * (src/import/lock.ts), so a second instance's job waits for the first to finish rather than racing it.
 *
 * Scripts that boot Strapi for a task of their own (the command-line import, merge, dedupe…) set
 * NEWSROOM_IMPORT_WORKER=off: they can queue jobs but never take one.
 */

export type ImportQueue = {
  kind: 'database' | 'redis';
  /** Makes a stored job known to the workers. */
  enqueue: (job: ImportJob) => Promise<void>;
  /** The editor's cancel reaches a job running here at once, not at its next heartbeat. */
  cancelled: (id: string) => void;
  /** Stops taking jobs; a job running here stops after its batch and goes back to the queue. */
  stop: () => Promise<void>;
};

const stopIfRunning = (current: RunningJob | null, id: string): void => {
  if (current !== null && current.job.id === id) current.stop('cancel');
};

export const POLL_MS = 2_000;
const QUEUE_NAME = 'newsroom-import';

const workerEnabled = (): boolean => process.env.NEWSROOM_IMPORT_WORKER !== 'off';

const firstLine = (error: unknown): string => (error instanceof Error ? error.message : String(error)).split('\n')[0];

/**
 * Runs `fn` outside whatever async context calls it. A job queued by an editor's request must not
 * run inside that request's context: Strapi's request context, and every AsyncLocalStorage scope
 * opened for the request, would follow it into the import.
 */
const detached = <A extends unknown[], R>(fn: (...args: A) => R): ((...args: A) => R) => AsyncResource.bind(fn);

const databaseQueue = (strapi: Core.Strapi): ImportQueue => {
  const knex = strapi.db.connection;
  const state: { current: RunningJob | null; stopped: boolean; timer: NodeJS.Timeout | null; looking: boolean } = { current: null, stopped: false, timer: null, looking: false };
  const schedule = (ms: number): void => {
    if (state.stopped) return;
    if (state.timer !== null) clearTimeout(state.timer);
    state.timer = setTimeout(() => void look(), ms);
    state.timer.unref();
  };
  const runNext = async (): Promise<boolean> => {
    const runner = newRunner();
    const job = await claimNext(knex, runner);
    if (job === null) return false;
    if (state.stopped) {
      await releaseJob(knex, job.id, runner, { done: 0, failed: 0, message: null });
      return false;
    }
    state.current = startJob(strapi, job, runner);
    await state.current.done;
    state.current = null;
    return true;
  };
  const look = detached(async (): Promise<void> => {
    if (state.stopped || state.looking || state.current !== null) return;
    state.looking = true;
    let ranOne = false;
    try {
      ranOne = await runNext();
    } catch (error) {
      strapi.log.warn(`import jobs: looking for a job failed: ${firstLine(error)}`);
    } finally {
      state.looking = false;
    }
    // After a job, the next one at once; otherwise look again later.
    schedule(ranOne ? 0 : POLL_MS);
  });
  if (workerEnabled()) schedule(0);
  return {
    kind: 'database',
    enqueue: async () => {
      if (workerEnabled()) schedule(0);
    },
    cancelled: (id) => stopIfRunning(state.current, id),
    stop: async () => {
      state.stopped = true;
      if (state.timer !== null) clearTimeout(state.timer);
      const running = state.current;
      running?.stop('shutdown');
      await running?.done;
    },
  };
};

const redisQueue = async (strapi: Core.Strapi, url: string): Promise<ImportQueue> => {
  const { Queue, Worker } = await import('bullmq');
  const { default: Redis } = await import('ioredis');
  // BullMQ's blocking reads need a connection that retries forever rather than failing a command.
  // BullMQ leaves connections it was given open when it closes, so they are kept here to be closed.
  const connections: Array<InstanceType<typeof Redis>> = [];
  const connect = () => {
    const connection = new Redis(url, { maxRetriesPerRequest: null });
    connections.push(connection);
    return connection;
  };
  const prefix = process.env.IMPORT_QUEUE_PREFIX ?? 'newsroom';
  const queue = new Queue(QUEUE_NAME, { connection: connect(), prefix });
  const add = (id: string) => queue.add('import', { id }, { removeOnComplete: 1000, removeOnFail: 1000 }).then(() => undefined);
  const knex = strapi.db.connection;
  const state: { current: RunningJob | null; stopping: boolean } = { current: null, stopping: false };
  const processJob = detached(async (bullJob: { data: { id: string } }): Promise<void> => {
    const runner = newRunner();
    const job = await claimJob(knex, bullJob.data.id, runner);
    if (job === null) return;
    state.current = startJob(strapi, job, runner);
    await state.current.done;
    state.current = null;
    // A job given back on shutdown is queued again for the next worker, here or on another instance.
    if (state.stopping) await add(job.id);
  });
  const worker = workerEnabled() ? new Worker(QUEUE_NAME, processJob, { connection: connect(), prefix, concurrency: 1 }) : null;
  worker?.on('failed', (bullJob, error) => {
    if (bullJob === undefined) return;
    const id = (bullJob.data as { id: string }).id;
    void failJob(knex, id, `导入失败 · The job queue gave it up: ${firstLine(error)}. Pages imported before stay imported; upload them again to finish.`).catch(() => undefined);
  });
  worker?.on('error', (error) => strapi.log.warn(`import jobs: queue worker: ${firstLine(error)}`));
  return {
    kind: 'redis',
    enqueue: async (job) => add(job.id),
    cancelled: (id) => stopIfRunning(state.current, id),
    stop: async () => {
      state.stopping = true;
      state.current?.stop('shutdown');
      await worker?.close();
      await queue.close();
      await Promise.all(connections.map((connection) => connection.quit().catch(() => connection.disconnect())));
    },
  };
};

export const startImportQueue = async (strapi: Core.Strapi): Promise<ImportQueue> => {
  const url = process.env.REDIS_URL ?? '';
  return url === '' ? databaseQueue(strapi) : redisQueue(strapi, url);
};
