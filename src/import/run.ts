import fs from 'fs';
import { withCoalescedContentVersion } from '../cache/content-version';
import type { Core } from '@strapi/strapi';
import { analyse } from './analyse';
import { canAnalyseInWorker, inlineAnalyser, workerAnalyser } from './analyser';
import { MAX_PAGE_BYTES } from './decode';
import { walkInputs, type InputEntry } from './files';
import { createBulkWriter, withBulkWrites, type BulkWriter, type Version } from './bulk';
import { journalIndex } from './journal';
import { contentHash } from './keys';
import { invalidImportRequest } from './errors';
import { loadIndex, readStoredArticle, refreshPlannerStatistics, writeDocument } from './load';
import { processLabel, withImportLock } from './lock';
import { DEFAULT_LOCALE, OTHER_LOCALES } from '../bootstrap/locales';
import { plan, type DocumentPlan } from './plan';
import {
  describe,
  failedDocument,
  planCounts,
  sumCounts,
  zeroCounts,
  unchangedDocument,
  type DocumentReport,
  type ImportReport,
  type RecordType,
} from './report';
import { emptyIndex, remember, resolve, type EntityIndex } from './resolve';

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
};

const firstLine = (error: unknown): string => (error instanceof Error ? error.message : String(error)).split('\n')[0];

const failedPage = (page: { file: string; analysed: Parameters<typeof describe>[0] }, error: unknown): { report: DocumentReport; counts: null } => ({
  report: failedDocument(page.file, `not imported, nothing was written: ${firstLine(error)}`, page.analysed),
  counts: null,
});

const unchangedPlan = (file: string, doc: ReturnType<typeof resolve>): DocumentPlan => ({
  file,
  article: {
    action: 'unchanged',
    key: doc.article.key,
    documentId: null,
    fields: {},
    keptEditorChanges: [],
    importedValues: {} as DocumentPlan['article']['importedValues'],
    rawText: '',
    contentHash: doc.article.contentHash,
    reviewReasons: [],
  },
  organisations: doc.organisations.map((o) => ({ ...o, action: 'unchanged', documentId: null })),
  persons: doc.persons.map((p) => ({ ...p, action: 'unchanged', documentId: null })),
  initiatives: doc.initiatives.map((i) => ({ ...i, action: 'unchanged', documentId: null })),
});

/**
 * Imports the given pages. Readers of the public API keep their cached responses during the run and
 * see its results within five seconds (src/cache/content-version.ts).
 */
export const runImport = async (options: RunOptions): Promise<ImportReport> => {
  const { strapi } = options;
  await validateLocale(strapi, options.locale);
  if (options.dryRun || strapi === null) return importAll(options);
  const lock = { holder: options.holder ?? processLabel(), wait: options.waitForLock === true, onWait: options.onLockWait };
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
const validateLocale = async (strapi: Core.Strapi | null, locale: string): Promise<void> => {
  const codes =
    strapi === null
      ? [DEFAULT_LOCALE.code, ...OTHER_LOCALES.map((other) => other.code)]
      : ((await strapi.plugin('i18n').service('locales').find()) as Array<{ code: string }>).map((row) => row.code);
  if (!codes.includes(locale)) {
    const shown = JSON.stringify(locale.length > 40 ? `${locale.slice(0, 40)}…` : locale);
    throw invalidImportRequest(`unknown locale ${shown}: this site has ${codes.join(', ')}`);
  }
};

/**
 * Pages written in one transaction. A transaction per page spends much of an import committing;
 * a batch is written in the time of a few pages. A batch with a page that fails is rolled back as a
 * whole and written again one page per transaction, so only the page that fails is lost.
 */
export const BATCH_PAGES = 25;

type Analysed = Extract<ReturnType<typeof analyse>, { ok: true }>['value'];

type Page = { kind: 'page'; file: string; analysed: Analysed };

/** A page read and analysed (no database yet), one whose bytes were imported before, or one that already failed. */
type Prepared = Page | { kind: 'unchanged'; file: string; bytes: Uint8Array; hash: string; key: string } | { kind: 'failed'; report: DocumentReport };

type Done = { report: DocumentReport; counts: ReturnType<typeof planCounts> | null };

/**
 * Imports pages in order: each is read and analysed, then, in batches, matched against what is
 * known, planned and (unless this is a dry run) written. A page that fails is reported and the run
 * goes on; only a broken run (no database, say) throws.
 */
const importAll = async (options: RunOptions): Promise<ImportReport> => {
  const started = process.hrtime.bigint();
  const { strapi } = options;
  if (!options.dryRun && strapi === null) throw new Error('a real import needs Strapi; pass dryRun for a plan only');
  const index: EntityIndex = options.dryRun || strapi === null ? emptyIndex() : await loadIndex(strapi, options.locale);
  const journal = journalIndex(index);
  const documents: DocumentReport[] = [];
  let finished = 0;
  const records: ImportReport['summary']['records'] = {
    articles: { ...zeroCounts(), failed: 0 },
    organisations: { ...zeroCounts(), failed: 0 },
    persons: { ...zeroCounts(), failed: 0 },
    initiatives: { ...zeroCounts(), failed: 0 },
  };
  const skipped = { count: 0 };
  const versions: Version[] = options.publish ? ['draft', 'published'] : ['draft'];

  const finish = ({ report, counts }: Done) => {
    if (report.status === 'failed') records.articles.failed += 1;
    if (counts !== null) {
      for (const type of Object.keys(counts) as RecordType[]) {
        records[type].created += counts[type].created;
        records[type].updated += counts[type].updated;
        records[type].unchanged += counts[type].unchanged;
      }
    }
    finished += 1;
    if (options.keepDocuments !== false) documents.push(report);
    options.onDocument?.(report);
  };

  /** Plans one page against the index, writes it (or stages it with `bulk`) and teaches the index its records. */
  const importPage = async (page: Page, bulk: BulkWriter | null): Promise<Done> => {
    const resolved = resolve(page.analysed, index);
    const known = index.articles.get(resolved.article.key);
    const unchangedPage =
      known !== undefined && known.contentHash === resolved.article.contentHash && (!options.publish || known.published || options.dryRun);
    let documentPlan: DocumentPlan;
    let written = new Map<string, string>();
    if (unchangedPage) {
      documentPlan = unchangedPlan(page.file, resolved);
    } else {
      let stored = null;
      if (bulk !== null && strapi !== null && known?.documentId !== null && known?.documentId !== undefined) {
        // The article may have been staged earlier in this batch; it must be in the database to be read.
        await bulk.flush(versions);
        stored = await readStoredArticle(strapi, known.documentId, options.locale, resolved.article.key);
      }
      documentPlan = plan(resolved, index, stored);
      if (bulk !== null && strapi !== null) {
        written = await writeDocument(strapi, documentPlan, index, { locale: options.locale, publish: options.publish }, bulk);
      }
      remember(index, resolved, written, options.publish && !options.dryRun);
    }
    return {
      counts: planCounts(documentPlan),
      report: {
        ...describe(page.analysed),
        actions: sumCounts(Object.values(planCounts(documentPlan))),
        needsReview: documentPlan.article.reviewReasons,
        keptEditorChanges: documentPlan.article.keptEditorChanges.map((field) => `${field}: kept the editor's version`),
      },
    };
  };

  /**
   * A page skipped as unchanged when it was read is still unchanged when its turn comes, unless a
   * page before it in this run changed the same article; then it is analysed and imported after all.
   */
  const importUnchanged = async (item: Extract<Prepared, { kind: 'unchanged' }>, bulk: BulkWriter): Promise<Done> => {
    const known = index.articles.get(item.key);
    if (known !== undefined && index.articleHashes.get(item.hash) === item.key && (!options.publish || known.published)) {
      const zero = zeroCounts();
      return {
        report: unchangedDocument(item.file, known.headline),
        counts: { articles: { ...zero, unchanged: 1 }, organisations: zero, persons: zero, initiatives: zero },
      };
    }
    const analysed = analyse({ file: item.file, bytes: item.bytes });
    if (!analysed.ok) return { report: failedDocument(item.file, analysed.problem.message), counts: null };
    return importPage({ kind: 'page', file: item.file, analysed: analysed.value }, bulk);
  };

  const failedItem = (item: Prepared, error: unknown): Done => {
    if (item.kind === 'failed') return { report: item.report, counts: null };
    if (item.kind === 'page') return failedPage(item, error);
    return { report: failedDocument(item.file, `not imported, nothing was written: ${firstLine(error)}`), counts: null };
  };

  /** Writes a batch in one transaction; on any failure, again one page per transaction. */
  const importBatch = async (batch: Prepared[]): Promise<void> => {
    const items = batch.filter((item) => item.kind !== 'failed');
    if (strapi === null || options.dryRun || items.length === 0) {
      for (const item of batch) {
        if (item.kind === 'page') finish(await importPage(item, null).catch((error: unknown) => failedPage(item, error)));
        else finish(failedItem(item, new Error('a page skipped as unchanged needs the database')));
      }
      return;
    }
    journal.begin();
    try {
      const done = await strapi.db.transaction(async ({ trx }) => {
        const bulk = createBulkWriter(strapi, trx, new Date());
        const results = new Map<Prepared, Done>();
        for (const item of items) {
          if (item.kind === 'page') results.set(item, await importPage(item, bulk));
          if (item.kind === 'unchanged') results.set(item, await importUnchanged(item, bulk));
        }
        await bulk.flush(versions);
        return results;
      });
      journal.commit();
      for (const item of batch) finish(done.get(item) ?? failedItem(item, new Error('missing from its batch')));
    } catch (error) {
      journal.rollback();
      if (items.length === 1) {
        for (const item of batch) finish(failedItem(item, error));
        return;
      }
      for (const item of batch) await importBatch([item]);
    }
  };

  const batchPages = options.batchPages ?? BATCH_PAGES;
  const analyser = options.analyseInWorker === true && canAnalyseInWorker() ? workerAnalyser() : inlineAnalyser();
  const prepare = async (entry: InputEntry): Promise<Prepared> => {
    if (entry.kind === 'problem') return { kind: 'failed', report: failedDocument(entry.file, entry.message) };
    if (entry.size > MAX_PAGE_BYTES) {
      const message = `file is ${(entry.size / 1024 / 1024).toFixed(1)} MB, over the ${MAX_PAGE_BYTES / 1024 / 1024} MB limit for one page`;
      return { kind: 'failed', report: failedDocument(entry.file, message) };
    }
    const bytes = await fs.promises.readFile(entry.file);
    // An article imported from these very bytes (under the same extraction rules) is not analysed again.
    const hash = contentHash(bytes);
    const key = index.articleHashes.get(hash);
    const known = key === undefined ? undefined : index.articles.get(key);
    if (key !== undefined && known !== undefined && (!options.publish || known.published)) {
      return { kind: 'unchanged', file: entry.file, bytes, hash, key };
    }
    const analysed = await analyser.analyse({ file: entry.file, bytes });
    return analysed.ok ? { kind: 'page', file: entry.file, analysed: analysed.value } : { kind: 'failed', report: failedDocument(entry.file, analysed.problem.message) };
  };

  // Pages are read and analysed up to a batch ahead of the one being written, and no further, so
  // memory stays flat however many pages a run has.
  const ahead: Array<Promise<Prepared>> = [];
  let batch: Prepared[] = [];
  const take = async (): Promise<void> => {
    batch.push(await (ahead.shift() as Promise<Prepared>));
    if (batch.filter((item) => item.kind !== 'failed').length >= batchPages) {
      await importBatch(batch);
      batch = [];
    }
  };
  try {
    for await (const entry of walkInputs(options.paths, skipped)) {
      const prepared = prepare(entry);
      // Its failure is awaited (and thrown) in order by take(); until then it must not count as unhandled.
      prepared.catch(() => undefined);
      ahead.push(prepared);
      if (ahead.length > batchPages) await take();
    }
    while (ahead.length > 0) await take();
    await importBatch(batch);
  } finally {
    await analyser.close();
  }

  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const failed = records.articles.failed;
  return {
    documents,
    summary: {
      dryRun: options.dryRun,
      published: options.publish && !options.dryRun,
      locale: options.locale,
      documents: finished,
      ok: finished - failed,
      failed,
      skippedFiles: skipped.count,
      seconds,
      documentsPerSecond: seconds > 0 ? finished / seconds : 0,
      records,
    },
  };
};
