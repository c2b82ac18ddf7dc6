import fs from 'fs';
import os from 'os';
import path from 'path';
import type { Core } from '@strapi/strapi';
import { runImport } from '../run';
import { ImportRequestError } from '../errors';
import { ImportCancelled } from '../lock';
import type { DocumentReport, ImportReport } from '../report';
import { beat, finishJob, HEARTBEAT_MS, readPages, releaseJob, type Outcome, type Progress, type Runner } from './store';
import type { ImportJob } from './types';

/**
 * Runs one claimed import job with the very pipeline the command line runs (`runImport`): its pages
 * are laid out as files in a private temporary directory, imported, and the job ends with the report.
 *
 * A job is never half-applied: the importer writes each batch of pages in one transaction, and a
 * job that is resumed (its server stopped) is imported again from its first page, where every page
 * already written is recognised as unchanged. A cancelled job keeps the batches written before the
 * editor's cancel, and says how many pages those were.
 */

/** Why a run stops early: the editor cancelled, its server is shutting down, or another runner took the job over. */
export type StopReason = 'cancel' | 'shutdown' | 'lost';

export type RunningJob = { job: ImportJob; stop: (reason: StopReason) => void; done: Promise<void> };

type Layout = { directory: string; originalNames: Map<string, string> };

/** A file name that is safe inside a temporary directory and still tells the editor which page it was. */
export const safeName = (name: string, index: number): string => {
  const base = path.basename(name).replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').slice(-120);
  return `${String(index + 1).padStart(4, '0')}-${base === '' ? 'page.txt' : base}`;
};

/** The job's pages as files, readable by this user only (0700 directory, 0600 files). */
const layOutPages = async (knex: Core.Strapi['db']['connection'], job: ImportJob): Promise<Layout> => {
  const directory = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'newsroom-job-'));
  await fs.promises.chmod(directory, 0o700);
  const originalNames = new Map<string, string>();
  for await (const page of readPages(knex, job.id)) {
    const target = path.join(directory, safeName(page.name, page.position));
    await fs.promises.writeFile(target, page.content, { flag: 'wx', mode: 0o600 });
    originalNames.set(target, page.name);
  }
  return { directory, originalNames };
};

/** The report with each page named as the editor uploaded it, not as laid out on the server. */
const withOriginalNames = (report: ImportReport, layout: Layout): ImportReport => ({
  ...report,
  documents: report.documents.map((doc) => ({ ...doc, file: layout.originalNames.get(doc.file) ?? path.basename(doc.file) })),
});

const firstLine = (error: unknown): string => (error instanceof Error ? error.message : String(error)).split('\n')[0];

/** How the run ended, in the job's terms. */
const outcomeOf = (report: ImportReport, progress: Progress, stoppedFor: StopReason | null): Outcome => {
  if (stoppedFor === 'cancel') {
    return { status: 'cancelled', report, progress, message: `已取消：停止前已导入 ${report.summary.documents} 页，其余未导入 · Cancelled: ${report.summary.documents} of the pages were imported before it stopped; the rest were not.` };
  }
  return { status: 'done', report, progress, message: null };
};

const failureOf = (error: unknown, progress: Progress, stoppedFor: StopReason | null): Outcome => {
  if (stoppedFor === 'cancel' || (error instanceof ImportCancelled && stoppedFor === null)) return { status: 'cancelled', report: null, progress, message: '已取消，未导入任何网页 · Cancelled before it began: nothing was imported.' };
  if (error instanceof ImportRequestError) return { status: 'failed', report: null, progress, message: error.message };
  return { status: 'failed', report: null, progress, message: `导入因服务器错误而停止 · The import stopped on a server error (it is in the server log): ${firstLine(error)}. Pages written before it stay imported; upload them again to finish.` };
};

/**
 * Beats the job's heart while it runs: stores progress, and turns the editor's cancel (or the loss
 * of the job to another runner) into a stop. The timer does not keep the process alive.
 */
const startHeartbeat = (strapi: Core.Strapi, job: ImportJob, runner: Runner, progress: Progress, stop: (reason: StopReason) => void) => {
  let beating: Promise<void> = Promise.resolve();
  const once = (): Promise<void> =>
    (beating = beating
      .then(() => beat(strapi.db.connection, job.id, runner, progress))
      .then((state) => {
        if (!state.owned) stop('lost');
        else if (state.cancelRequested) stop('cancel');
      })
      .catch((error: unknown) => {
        strapi.log.warn(`import job ${job.id}: heartbeat failed: ${firstLine(error)}`);
      }));
  const timer = setInterval(() => void once(), HEARTBEAT_MS);
  timer.unref();
  return { now: once, stop: async () => {
    clearInterval(timer);
    await beating;
  } };
};

/** Ends the job as its run came out: finished, failed, or (a shutdown) given back to the queue. */
const settle = async (strapi: Core.Strapi, job: ImportJob, runner: Runner, outcome: Outcome, stoppedFor: StopReason | null): Promise<void> => {
  const knex = strapi.db.connection;
  if (stoppedFor === 'lost') {
    strapi.log.warn(`import job ${job.id}: another server took it over; this one stopped after its last batch`);
    return;
  }
  if (stoppedFor === 'shutdown' && outcome.status !== 'cancelled') {
    await releaseJob(knex, job.id, runner, outcome.progress);
    return;
  }
  await finishJob(knex, job.id, runner, outcome);
};

/** Starts a claimed job; `stop` asks it to end after the batch it is writing. */
export const startJob = (strapi: Core.Strapi, job: ImportJob, runner: Runner): RunningJob => {
  const controller = new AbortController();
  let stoppedFor: StopReason | null = null;
  const stop = (reason: StopReason): void => {
    if (stoppedFor !== null) return;
    stoppedFor = reason;
    controller.abort(reason);
  };
  const progress: Progress = { done: 0, failed: 0, message: job.message };
  const done = (async () => {
    const heartbeat = startHeartbeat(strapi, job, runner, progress, stop);
    let layout: Layout | null = null;
    let outcome: Outcome;
    try {
      layout = await layOutPages(strapi.db.connection, job);
      const report = await runImport({
        paths: [layout.directory],
        dryRun: false,
        publish: job.publish,
        locale: job.locale,
        strapi,
        analyseInWorker: true,
        holder: job.holder,
        waitForLock: true,
        signal: controller.signal,
        onLockWait: (message) => {
          // The lock says "waiting for the import started at … by … to finish".
          progress.message = `正在等待另一个导入结束 · ${message.charAt(0).toUpperCase()}${message.slice(1)}.`;
          void heartbeat.now();
        },
        onDocument: (document: DocumentReport) => {
          progress.done += 1;
          if (document.status === 'failed') progress.failed += 1;
          progress.message = null;
        },
      });
      outcome = outcomeOf(withOriginalNames(report, layout), progress, stoppedFor);
    } catch (error) {
      if (!(error instanceof ImportCancelled || error instanceof ImportRequestError)) strapi.log.error(`import job ${job.id}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      outcome = failureOf(error, progress, stoppedFor);
    } finally {
      await heartbeat.stop();
      if (layout !== null) await fs.promises.rm(layout.directory, { recursive: true, force: true });
    }
    await settle(strapi, job, runner, outcome, stoppedFor).catch((error: unknown) => strapi.log.error(`import job ${job.id}: its end was not stored: ${firstLine(error)}`));
  })();
  return { job, stop, done };
};
