import fs from 'fs';
import os from 'os';
import path from 'path';
import { pipeline } from 'stream/promises';
import type { Core } from '@strapi/strapi';
import { runImport, validateLocale } from '../../../import/run';
import type { ImportReport } from '../../../import/report';
import { startImportQueue, type ImportQueue } from '../../../import/jobs/queue';
import { safeName } from '../../../import/jobs/runner';
import { createJob, listJobs, readJob, requestCancel } from '../../../import/jobs/store';
import type { ImportJob } from '../../../import/jobs/types';

export type UploadedFile = { filepath: string; originalFilename?: string | null; size: number };

export type UploadOptions = { publish: boolean; locale: string; holder: string };

/** How many jobs the Import page lists. */
const LISTED_JOBS = 20;

/**
 * Copies an upload into the private directory. The copy is created readable by this user only
 * (0600, and `wx` never follows or reuses a file that is already there), whatever mode the upload had.
 */
const privateCopy = async (source: string, target: string): Promise<void> => {
  await pipeline(fs.createReadStream(source), fs.createWriteStream(target, { flags: 'wx', mode: 0o600 }));
};

/**
 * Pages uploaded from the admin panel or by an API token.
 *
 * - The plan (a dry run) is answered in the request: it writes nothing, analyses on a worker thread
 *   and is bounded by the upload's page limit.
 * - The import itself becomes a job (src/import/jobs): the pages are stored with it in the database,
 *   the request answers at once, and a worker of any instance runs it with the command line's
 *   pipeline, storing its progress for the Import page.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  let queue: Promise<ImportQueue> | null = null;
  return {
    async analyseUploads(files: UploadedFile[], options: Omit<UploadOptions, 'holder'>): Promise<ImportReport> {
      const directory = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'newsroom-upload-'));
      try {
        await fs.promises.chmod(directory, 0o700);
        const originalNames = new Map<string, string>();
        for (const [index, file] of files.entries()) {
          const target = path.join(directory, safeName(file.originalFilename ?? 'page.txt', index));
          await privateCopy(file.filepath, target);
          originalNames.set(target, file.originalFilename ?? path.basename(target));
        }
        const report = await runImport({ paths: [directory], dryRun: true, publish: false, locale: options.locale, strapi: null, analyseInWorker: true });
        return { ...report, documents: report.documents.map((doc) => ({ ...doc, file: originalNames.get(doc.file) ?? path.basename(doc.file) })) };
      } finally {
        await fs.promises.rm(directory, { recursive: true, force: true });
      }
    },

    /** Stores the pages as a job and queues it; an unknown locale is refused before anything is stored. */
    async queueUploads(files: UploadedFile[], options: UploadOptions): Promise<ImportJob> {
      await validateLocale(strapi, options.locale);
      const pages = [];
      for (const file of files) pages.push({ name: path.basename(file.originalFilename ?? 'page.txt'), content: await fs.promises.readFile(file.filepath) });
      const job = await createJob(strapi.db.connection, { holder: options.holder, locale: options.locale, publish: options.publish, pages });
      await (await this.queue()).enqueue(job);
      return job;
    },

    job: (id: string): Promise<ImportJob | null> => readJob(strapi.db.connection, id, true),

    jobs: (): Promise<ImportJob[]> => listJobs(strapi.db.connection, LISTED_JOBS),

    async cancel(id: string): Promise<ImportJob | null> {
      const job = await requestCancel(strapi.db.connection, id);
      // Running on another instance, it stops at its next heartbeat.
      if (job !== null) (await this.queue()).cancelled(id);
      return job;
    },

    /** The queue this instance queues on and (unless NEWSROOM_IMPORT_WORKER=off) works for; started with the server. */
    queue(): Promise<ImportQueue> {
      if (queue === null) queue = startImportQueue(strapi);
      return queue;
    },

    async stopQueue(): Promise<void> {
      const stopping = queue;
      queue = null;
      await (await stopping)?.stop();
    },
  };
};
