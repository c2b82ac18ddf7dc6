import type { ImportReport } from '../report';

/**
 * An import uploaded from the admin panel (or by an API token), as the Import page and the API
 * read it. The job is stored in the database with its pages, so it outlives the request, the
 * server process that took it and the instance the editor happens to be talking to.
 */
export type ImportJobStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export type ImportJob = {
  id: string;
  status: ImportJobStatus;
  /** Who asked for it: "name editor@example.org (admin panel)" or `the API token "…"`. */
  holder: string;
  locale: string;
  publish: boolean;
  pagesTotal: number;
  /** Pages finished so far in the current attempt, failed ones included. */
  pagesDone: number;
  pagesFailed: number;
  /** ISO 8601 times; null until the job gets there. */
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** The editor asked to stop it; a running job stops after the batch it is writing. */
  cancelRequested: boolean;
  /** Runs of this job that were started; above 1 when a server stopped while running it and it was resumed. */
  attempts: number;
  /** The server process that runs it, or ran it last (`host pid N`), for an operator looking for it; null before it starts. */
  runner: string | null;
  /** What the job is waiting for, or why it failed, in words an editor reads. */
  message: string | null;
  /** The import's report, once it is over (done, or cancelled after it began); only in a single job's answer. */
  report?: ImportReport | null;
};

/** Ended jobs do not change any more. */
export const FINISHED: ReadonlyArray<ImportJobStatus> = ['done', 'failed', 'cancelled'];
