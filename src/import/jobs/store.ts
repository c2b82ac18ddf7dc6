import crypto from 'crypto';
import os from 'os';
import type { Core } from '@strapi/strapi';
import { processIsGone } from '../lock';
import type { ImportReport } from '../report';
import type { ImportJob, ImportJobStatus } from './types';

/**
 * Import jobs in the database (tables from database/migrations/2026.12.01T00.00.00.import-jobs.ts).
 * Every change of a job's state is one conditional UPDATE, atomic on SQLite and PostgreSQL alike,
 * so two instances never both take a job, and a runner that lost its job (it was taken over after
 * it went silent) learns so at its next heartbeat instead of writing on.
 */

export const JOBS_TABLE = 'newsroom_import_jobs';
export const JOB_PAGES_TABLE = 'newsroom_import_job_pages';

/** A running job's runner writes its progress this often; a runner silent for STALE_AFTER_MS is taken over. */
export const HEARTBEAT_MS = 2_000;
export const STALE_AFTER_MS = 60_000;
/** Starts of one job (the first and the resumptions after a server stopped): more, and it is marked failed. */
export const MAX_ATTEMPTS = 3;
/** Finished jobs are kept this long for the Import page's list, then removed. */
const KEEP_FINISHED_MS = 90 * 24 * 3600 * 1000;

type Knex = Core.Strapi['db']['connection'];

type JobRow = {
  id: string;
  status: ImportJobStatus;
  holder: string;
  locale: string;
  publish: boolean | number;
  pages_total: number | string;
  pages_done: number | string;
  pages_failed: number | string;
  cancel_requested: boolean | number;
  attempts: number | string;
  runner_host: string | null;
  runner_pid: number | string | null;
  runner_token: string | null;
  heartbeat_at: number | string | null;
  created_at: number | string;
  started_at: number | string | null;
  finished_at: number | string | null;
  message: string | null;
  report?: string | null;
};

/** This process, as the runner of a job: the token tells its runs apart from any other's. */
export type Runner = { host: string; pid: number; token: string };

export const newRunner = (): Runner => ({ host: os.hostname(), pid: process.pid, token: crypto.randomUUID() });

const SUMMARY_COLUMNS = [
  'id',
  'status',
  'holder',
  'locale',
  'publish',
  'pages_total',
  'pages_done',
  'pages_failed',
  'cancel_requested',
  'attempts',
  'runner_host',
  'runner_pid',
  'runner_token',
  'heartbeat_at',
  'created_at',
  'started_at',
  'finished_at',
  'message',
];

const isoOrNull = (value: number | string | null): string | null => (value === null ? null : new Date(Number(value)).toISOString());

const toJob = (row: JobRow): ImportJob => ({
  id: row.id,
  status: row.status,
  holder: row.holder,
  locale: row.locale,
  publish: Boolean(row.publish),
  pagesTotal: Number(row.pages_total),
  pagesDone: Number(row.pages_done),
  pagesFailed: Number(row.pages_failed),
  createdAt: new Date(Number(row.created_at)).toISOString(),
  startedAt: isoOrNull(row.started_at),
  finishedAt: isoOrNull(row.finished_at),
  cancelRequested: Boolean(row.cancel_requested),
  attempts: Number(row.attempts),
  runner: row.runner_host === null || row.runner_pid === null ? null : `${row.runner_host} pid ${Number(row.runner_pid)}`,
  message: row.message,
  ...(row.report === undefined ? {} : { report: row.report === null ? null : (JSON.parse(row.report) as ImportReport) }),
});

export type NewJob = { holder: string; locale: string; publish: boolean; pages: Array<{ name: string; content: Buffer }> };

/** Pages go in a few at a time: one statement with hundreds of pages of bytes is a needlessly large packet. */
const PAGES_PER_INSERT = 20;

/** Stores a job and its pages in one transaction: a job is queued with all its pages or not at all. */
export const createJob = async (knex: Knex, job: NewJob): Promise<ImportJob> => {
  const id = crypto.randomUUID();
  const now = Date.now();
  await knex.transaction(async (trx) => {
    await trx(JOBS_TABLE).insert({ id, status: 'queued', holder: job.holder.slice(0, 255), locale: job.locale, publish: job.publish, pages_total: job.pages.length, created_at: now });
    for (let start = 0; start < job.pages.length; start += PAGES_PER_INSERT) {
      const rows = job.pages.slice(start, start + PAGES_PER_INSERT).map((page, offset) => ({ job_id: id, position: start + offset, name: page.name.slice(0, 255), content: page.content }));
      await trx(JOB_PAGES_TABLE).insert(rows);
    }
  });
  await knex(JOBS_TABLE).whereIn('status', ['done', 'failed', 'cancelled']).andWhere('finished_at', '<', now - KEEP_FINISHED_MS).delete();
  return (await readJob(knex, id, false)) as ImportJob;
};

export const readJob = async (knex: Knex, id: string, withReport: boolean): Promise<ImportJob | null> => {
  const row = (await knex(JOBS_TABLE)
    .where({ id })
    .first(withReport ? [...SUMMARY_COLUMNS, 'report'] : SUMMARY_COLUMNS)) as JobRow | undefined;
  return row === undefined ? null : toJob(row);
};

/** The newest jobs first, without their reports. */
export const listJobs = async (knex: Knex, limit: number): Promise<ImportJob[]> =>
  ((await knex(JOBS_TABLE).select(SUMMARY_COLUMNS).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit)) as JobRow[]).map(toJob);

export type StoredPage = { position: number; name: string; content: Buffer };

/** A job's pages in the order they were uploaded, a few at a time so a large job is never all in memory at once. */
export async function* readPages(knex: Knex, id: string): AsyncGenerator<StoredPage> {
  let after = -1;
  for (;;) {
    const rows = (await knex(JOB_PAGES_TABLE).where({ job_id: id }).andWhere('position', '>', after).orderBy('position').limit(PAGES_PER_INSERT).select(['position', 'name', 'content'])) as Array<{
      position: number | string;
      name: string;
      content: Buffer | Uint8Array;
    }>;
    if (rows.length === 0) return;
    for (const row of rows) yield { position: Number(row.position), name: row.name, content: Buffer.from(row.content) };
    after = Number(rows[rows.length - 1].position);
  }
}

const runnerColumns = (runner: Runner, now: number) => ({ runner_host: runner.host, runner_pid: runner.pid, runner_token: runner.token, heartbeat_at: now });

/** A running job whose runner went silent, or (on this host) whose process no longer exists: the second need not wait a minute. */
const abandoned = (row: JobRow, now: number): boolean =>
  row.status === 'running' && (Number(row.heartbeat_at ?? 0) < now - STALE_AFTER_MS || processIsGone(row.runner_host, row.runner_pid));

/** What taking a job over becomes: resumed, or ended when the editor had asked to cancel it or it was started too often. */
const takeOver = (row: JobRow, runner: Runner, now: number): Record<string, unknown> => {
  const ended = { runner_token: null, heartbeat_at: null, finished_at: now };
  if (Boolean(row.cancel_requested)) return { ...ended, status: 'cancelled', message: '已取消 · The server running it stopped after the editor asked to cancel it.' };
  if (Number(row.attempts) >= MAX_ATTEMPTS) {
    return { ...ended, status: 'failed', message: `服务器多次中断，导入失败 · The server running it stopped ${MAX_ATTEMPTS} times. The pages imported before stay imported; upload them again to finish.` };
  }
  return {
    ...runnerColumns(runner, now),
    status: 'running',
    attempts: Number(row.attempts) + 1,
    pages_done: 0,
    pages_failed: 0,
    message: row.status === 'running' ? '服务器中断后已继续，已导入的网页会被识别并保留 · Resumed after the server running it stopped; pages imported before are recognised and kept.' : null,
    ...(row.started_at === null ? { started_at: now } : {}),
  };
};

/**
 * Takes a job to run: `row` as it was read, so the UPDATE only succeeds if nobody changed it since.
 * Returns the job when this runner now runs it, null when another took it or it ended instead.
 */
const tryClaim = async (knex: Knex, row: JobRow, runner: Runner, now: number): Promise<ImportJob | null> => {
  const changes = takeOver(row, runner, now);
  const updated = await knex(JOBS_TABLE)
    .where({ id: row.id, status: row.status })
    .andWhere((same) => (row.runner_token === null ? same.whereNull('runner_token') : same.where('runner_token', row.runner_token)))
    .update(changes);
  if (Number(updated) !== 1) return null;
  if (changes.status !== 'running') {
    await knex(JOB_PAGES_TABLE).where({ job_id: row.id }).delete();
    return null;
  }
  return readJob(knex, row.id, false);
};

/** The oldest job waiting to run, or one whose runner stopped: the database queue's next job. */
export const claimNext = async (knex: Knex, runner: Runner): Promise<ImportJob | null> => {
  const now = Date.now();
  const rows = (await knex(JOBS_TABLE).select(SUMMARY_COLUMNS).whereIn('status', ['queued', 'running']).orderBy('created_at').limit(20)) as JobRow[];
  for (const row of rows) {
    if (row.status === 'running' && !abandoned(row, now)) continue;
    const claimed = await tryClaim(knex, row, runner, now);
    if (claimed !== null) return claimed;
  }
  return null;
};

/**
 * Takes the given job (a queue that hands out each job to one worker, as BullMQ does, has decided
 * who runs it); null when it has ended or was cancelled meanwhile.
 */
export const claimJob = async (knex: Knex, id: string, runner: Runner): Promise<ImportJob | null> => {
  const row = (await knex(JOBS_TABLE).where({ id }).first(SUMMARY_COLUMNS)) as JobRow | undefined;
  if (row === undefined || (row.status !== 'queued' && row.status !== 'running')) return null;
  return tryClaim(knex, row, runner, Date.now());
};

export type Progress = { done: number; failed: number; message: string | null };

/**
 * The runner's heartbeat: stores its progress and reads whether the editor asked to cancel. `owned`
 * false means another runner has taken the job over; this one must stop writing.
 */
export const beat = async (knex: Knex, id: string, runner: Runner, progress: Progress): Promise<{ owned: boolean; cancelRequested: boolean }> => {
  const updated = await knex(JOBS_TABLE)
    .where({ id, runner_token: runner.token, status: 'running' })
    .update({ heartbeat_at: Date.now(), pages_done: progress.done, pages_failed: progress.failed, message: progress.message });
  if (Number(updated) !== 1) return { owned: false, cancelRequested: false };
  const row = (await knex(JOBS_TABLE).where({ id }).first(['cancel_requested'])) as { cancel_requested: boolean | number } | undefined;
  return { owned: true, cancelRequested: Boolean(row?.cancel_requested) };
};

export type Outcome = { status: 'done' | 'failed' | 'cancelled'; report: ImportReport | null; message: string | null; progress: Progress };

/** Ends a job this runner runs, and frees its pages; false when it had been taken over. */
export const finishJob = async (knex: Knex, id: string, runner: Runner, outcome: Outcome): Promise<boolean> => {
  const updated = await knex(JOBS_TABLE)
    .where({ id, runner_token: runner.token, status: 'running' })
    .update({
      status: outcome.status,
      report: outcome.report === null ? null : JSON.stringify(outcome.report),
      message: outcome.message,
      pages_done: outcome.progress.done,
      pages_failed: outcome.progress.failed,
      finished_at: Date.now(),
      runner_token: null,
      heartbeat_at: null,
    });
  if (Number(updated) !== 1) return false;
  await knex(JOB_PAGES_TABLE).where({ job_id: id }).delete();
  return true;
};

/** Gives a job back to the queue (its server is shutting down): the next runner starts it again at once. */
export const releaseJob = async (knex: Knex, id: string, runner: Runner, progress: Progress): Promise<void> => {
  await knex(JOBS_TABLE)
    .where({ id, runner_token: runner.token, status: 'running' })
    .update({ status: 'queued', runner_token: null, runner_host: null, runner_pid: null, heartbeat_at: null, pages_done: progress.done, pages_failed: progress.failed, message: '等待继续 · Waiting to resume: the server running it was stopped.' });
};

/** Marks a job failed whoever runs it (its queue gave up on it). */
export const failJob = async (knex: Knex, id: string, message: string): Promise<void> => {
  const updated = await knex(JOBS_TABLE).where({ id }).whereIn('status', ['queued', 'running']).update({ status: 'failed', message, finished_at: Date.now(), runner_token: null, heartbeat_at: null });
  if (Number(updated) === 1) await knex(JOB_PAGES_TABLE).where({ job_id: id }).delete();
};

/**
 * The editor's cancel: a job still waiting ends at once and nothing of it is written; a running one
 * is asked to stop, which it does after the batch it is writing (each batch is one transaction).
 */
export const requestCancel = async (knex: Knex, id: string): Promise<ImportJob | null> => {
  const now = Date.now();
  const queued = await knex(JOBS_TABLE).where({ id, status: 'queued' }).update({ status: 'cancelled', cancel_requested: true, finished_at: now, message: '已取消，未导入任何网页 · Cancelled before it started: nothing was imported.' });
  if (Number(queued) === 1) await knex(JOB_PAGES_TABLE).where({ job_id: id }).delete();
  else await knex(JOBS_TABLE).where({ id, status: 'running' }).update({ cancel_requested: true });
  return readJob(knex, id, false);
};
