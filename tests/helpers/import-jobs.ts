import request from 'supertest';
import type { Server } from 'http';
import type { ImportJob } from '../../src/import/jobs/types';

const FINISHED = ['done', 'failed', 'cancelled'];

/** Where a test reads jobs: the admin routes with a session, or the content API with a token. */
export type JobReader = { server: Server | string; token: string; prefix?: '' | '/api' };

export const readJob = async ({ server, token, prefix = '' }: JobReader, id: string): Promise<ImportJob> => {
  const response = await request(server).get(`${prefix}/newsroom-import/jobs/${id}`).set('Authorization', `Bearer ${token}`);
  if (response.status !== 200) throw new Error(`reading import job ${id} answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body.data as ImportJob;
};

/**
 * Polls a job until it ends, as the Import page does, and returns it with every state seen on the way
 * (for tests of its progress). Gives up after `timeoutMs` with the last state in the message.
 */
export const waitForJob = async (reader: JobReader, id: string, timeoutMs = 120_000, until: (job: ImportJob) => boolean = (job) => FINISHED.includes(job.status)): Promise<{ job: ImportJob; seen: ImportJob[] }> => {
  const seen: ImportJob[] = [];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await readJob(reader, id);
    seen.push(job);
    if (until(job)) return { job, seen };
    if (Date.now() > deadline) throw new Error(`import job ${id} did not get there in ${timeoutMs} ms: ${JSON.stringify({ ...job, report: undefined })}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};
