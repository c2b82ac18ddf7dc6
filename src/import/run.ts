import type { Core } from '@strapi/strapi';
import { withCoalescedContentVersion } from '../cache/content-version';
import { DEFAULT_LOCALE, OTHER_LOCALES } from '../bootstrap/locales';
import { canAnalyseInWorker, inlineAnalyser, workerAnalyser } from './analyser';
import { withBulkWrites } from './bulk';
import { invalidImportRequest } from './errors';
import type { ImageFetchOptions } from './fetch-images';
import { refreshPlannerStatistics } from './load';
import { processLabel, withImportLock } from './lock';
import type { DocumentReport, ImportReport } from './report';
import { BATCH_PAGES, openRun, stopped } from './steps/context';
import { assembleReport, settleOrphans } from './steps/finish';
import { batchesOf } from './steps/read-ahead';
import { writeBatch } from './steps/write-batch';

export type RunOptions = {
  paths: string[];
  dryRun: boolean;
  publish: boolean;
  locale: string;
  /** Required unless dryRun. */
  strapi: Core.Strapi | null;
  /** Analyse pages on a worker thread while batches are written (worth it for more than a few pages). */
  analyseInWorker?: boolean;
  /** Pages written per transaction (BATCH_PAGES unless given). */
  batchPages?: number;
  /** Initiatives, and persons, held in memory between batches (RECORDS_HELD of each unless given; see steps/held-records.ts). */
  recordsHeld?: number;
  /**
   * Whether the report lists every document (the default). A run of many thousand pages that only
   * needs the summary leaves them out, so memory does not grow with the number of pages.
   */
  keepDocuments?: boolean;
  /** Called once per document, after it is done (after its batch is committed). */
  onDocument?: (report: DocumentReport) => void;
  /** Who runs this import, as another importer waiting for the lock reads it (default: host and pid). */
  holder?: string;
  /** Wait while another import holds the lock (the command line) instead of refusing with 409 (HTTP). */
  waitForLock?: boolean;
  onLockWait?: (message: string) => void;
  /**
   * Maps files to the URLs they were saved from: a page without a URL of its own is known by this
   * plus its path under the directory it was found in (https://example.org/news/ + 2021/a.html).
   */
  baseUrl?: string | null;
  /**
   * The version of the rules pages are analysed under, recorded with each article: a page whose
   * bytes and rules version were imported before is skipped. RULES_VERSION (derived from the rules
   * themselves) unless given; a test stands for a change of the rules by giving another.
   */
  rulesVersion?: string;
  /** Download the photos of the pages into the media library (`--fetch-images`), held to these limits; off when absent. */
  fetchImages?: ImageFetchOptions | null;
  /**
   * Stops the run between batches (an import job the editor cancelled): the batches written so far
   * stay, each whole, and the pages after them are not written. Waiting for the lock stops too.
   */
  signal?: AbortSignal;
};

/**
 * Imports the given pages. Readers of the public API keep their cached responses during the run and
 * see its results within five seconds (src/cache/content-version.ts).
 */
export const runImport = async (options: RunOptions): Promise<ImportReport> => {
  const { strapi } = options;
  await validateLocale(strapi, options.locale);
  if (options.dryRun || strapi === null) return importAll(options);
  const lock = { holder: options.holder ?? processLabel(), wait: options.waitForLock === true, onWait: options.onLockWait, signal: options.signal };
  return withImportLock(strapi, lock, async () => {
    const report = await withCoalescedContentVersion(strapi, () => withBulkWrites(strapi, () => importAll(options)));
    await refreshPlannerStatistics(strapi);
    return report;
  });
};

/**
 * An article stored under a locale the site does not have can be neither listed nor edited in the
 * admin panel, so an unknown locale stops the run before anything is read. Without a database (a
 * dry run) the locales the app sets up are the ones it knows.
 */
export const validateLocale = async (strapi: Core.Strapi | null, locale: string): Promise<void> => {
  const codes =
    strapi === null
      ? [DEFAULT_LOCALE.code, ...OTHER_LOCALES.map((other) => other.code)]
      : ((await strapi.plugin('i18n').service('locales').find()) as Array<{ code: string }>).map((row) => row.code);
  if (!codes.includes(locale)) {
    const shown = JSON.stringify(locale.length > 40 ? `${locale.slice(0, 40)}…` : locale);
    throw invalidImportRequest(`unknown locale ${shown}: this site has ${codes.join(', ')}`);
  }
};

export { BATCH_PAGES };

/**
 * Imports pages in order, in named steps over one context (src/import/steps), as Ghost's import
 * manager and Strapi's document service are built:
 *
 * 1. openRun: the index of what the database holds (a dry run without one starts empty);
 * 2. batchesOf: read ahead and analyse, a batch at a time;
 * 3. writeBatch: per page resolve, plan and write, one transaction per batch;
 * 4. settleOrphans: what the pages left without links;
 * 5. assembleReport.
 *
 * A page that fails is reported and the run goes on; only a broken run (no database, say) throws. A
 * dry run with a database reads it, so its report says what importing the pages again would
 * change; it writes nothing.
 */
const importAll = async (options: RunOptions): Promise<ImportReport> => {
  const run = await openRun(options);
  const analyser = options.analyseInWorker === true && canAnalyseInWorker() ? workerAnalyser() : inlineAnalyser();
  try {
    for await (const batch of batchesOf(run, analyser, options.batchPages ?? BATCH_PAGES)) {
      if (stopped(run)) break;
      await writeBatch(run, batch);
    }
  } finally {
    await analyser.close();
  }
  return assembleReport(run, await settleOrphans(run));
};
