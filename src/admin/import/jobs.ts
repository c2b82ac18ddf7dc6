import { useCallback, useEffect, useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
// The job contract is the server's own; the page only reads it (types.ts imports no server code).
import { FINISHED, type ImportJob, type ImportJobStatus } from '../../import/jobs/types';

/** Often enough for the count to move as pages are written; one small request a second for the one open panel. */
const JOB_POLL_MS = 1000;
/** The list only shows counts; it need not keep up with the open job's panel. */
const LIST_POLL_MS = 3000;
/** While the server does not answer (it may be restarting, and the job resumes there), ask less often. */
const RETRY_MS = 5000;

export const STATUS_WORDS: Record<ImportJobStatus, string> = {
  queued: '排队中 · Queued',
  running: '正在导入 · Running',
  done: '已完成 · Done',
  failed: '失败 · Failed',
  cancelled: '已取消 · Cancelled',
};

export type StatusVariant = 'neutral' | 'primary' | 'success' | 'danger' | 'warning';

export const STATUS_VARIANTS: Record<ImportJobStatus, StatusVariant> = {
  queued: 'neutral',
  running: 'primary',
  done: 'success',
  failed: 'danger',
  cancelled: 'warning',
};

export const isFinished = (job: ImportJob): boolean => FINISHED.includes(job.status);

/** Pages that were written: the job counts failed pages among the done ones. */
export const pagesImported = (job: ImportJob): number => Math.max(0, job.pagesDone - job.pagesFailed);

const statusOf = (caught: unknown): unknown => (typeof caught === 'object' && caught !== null ? (caught as { status?: unknown }).status : undefined);

/** What the editor reads when the server refuses: in Chinese first, then the server's own words. */
export const explain = (caught: unknown): string => {
  const message = caught instanceof Error ? caught.message : String(caught);
  if (statusOf(caught) === 400) return `请求有误：${message}`;
  return message;
};

const jobUrl = (id: string): string => `/newsroom-import/jobs/${encodeURIComponent(id)}`;

/**
 * One job, asked for again every second until it ends; the last answer carries its report.
 * `first` is shown until the first answer, so the panel appears at once. Polling stops on unmount
 * (the fetch client also aborts its requests then).
 */
export const useJob = (first: ImportJob) => {
  const { get, post } = useFetchClient();
  const [job, setJob] = useState<ImportJob>(first);
  const [error, setError] = useState<string | null>(null);
  // Set on click, before the server answers, so the button cannot be pressed twice.
  const [cancelClicked, setCancelClicked] = useState(false);
  const id = first.id;

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      let delay = JOB_POLL_MS;
      try {
        const response = await get<{ data: ImportJob }>(jobUrl(id));
        if (stopped) return;
        setJob(response.data.data);
        setError(null);
        // Asked once more even if `first` had ended: only this answer carries the report.
        if (isFinished(response.data.data)) return;
      } catch (caught) {
        if (stopped) return;
        if (statusOf(caught) === 404) {
          setError(`找不到这个导入 · This import no longer exists (${explain(caught)})`);
          return;
        }
        setError(explain(caught));
        delay = RETRY_MS;
      }
      timer = setTimeout(() => void poll(), delay);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [get, id]);

  const cancel = useCallback(async () => {
    setCancelClicked(true);
    try {
      const response = await post<{ data: ImportJob }>(`${jobUrl(id)}/cancel`, {});
      // The polling goes on and brings the report once the job has stopped; a queued job stops at once.
      setJob((current) => (isFinished(current) ? current : response.data.data));
    } catch (caught) {
      setCancelClicked(false);
      setError(explain(caught));
    }
  }, [post, id]);

  return { job, error, cancel, cancelling: cancelClicked || job.cancelRequested };
};

/**
 * The latest imports, newest first, asked for again while one of them has not ended, so that an
 * editor who comes back to the page sees the import they started move. A new `refreshKey` loads
 * the list again (after an import was started, or the open one ended).
 */
export const useRecentJobs = (refreshKey: number) => {
  const { get } = useFetchClient();
  const [jobs, setJobs] = useState<ImportJob[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      try {
        const response = await get<{ data: ImportJob[] }>('/newsroom-import/jobs');
        if (stopped) return;
        setJobs(response.data.data);
        setError(null);
        if (response.data.data.some((job) => !isFinished(job))) timer = setTimeout(() => void load(), LIST_POLL_MS);
      } catch (caught) {
        // Not retried: the open job's panel keeps asking, and reloads the list when its job ends.
        if (!stopped) setError(explain(caught));
      }
    };
    void load();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [get, refreshKey]);

  return { jobs, error };
};
