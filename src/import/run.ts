import fs from 'fs';
import { withCoalescedContentVersion } from '../cache/content-version';
import { haltAfterBatchForTests } from './test-halt';
import type { Core } from '@strapi/strapi';
import { analyse } from './analyse';
import { canAnalyseInWorker, inlineAnalyser, workerAnalyser } from './analyser';
import { MAX_PAGE_BYTES } from './decode';
import { walkInputs, type InputEntry } from './files';
import { createBulkWriter, withBulkWrites, type BulkWriter, type Version } from './bulk';
import { createImportEvents, type ImportEvents } from './events';
import { journalIndex } from './journal';
import { contentHash, RULES_VERSION } from './keys';
import { invalidImportRequest } from './errors';
import { pageOrigin } from './identity';
import { emptyIndex, learn, type EntityIndex } from './known';
import { loadIndex, readStoredArticle, refreshPlannerStatistics, writeDocument } from './load';
import { processLabel, withImportLock } from './lock';
import { DEFAULT_LOCALE, OTHER_LOCALES } from '../bootstrap/locales';
import { linksAfter, plan } from './plan';
import { mergeCandidates, noCandidates, noChanges, namesFrom, type Candidates } from './changes';
import { sweepOrphans, type PlannedLinks } from './orphans';
import {
  describe,
  failedDocument,
  planCounts,
  reimportOf,
  sumCounts,
  zeroCounts,
  unchangedDocument,
  writtenRecords,
  type DocumentReport,
  type ImportReport,
  type MatchCounts,
  type OrphanSummary,
  type PageReimport,
  type RecordType,
} from './report';
import { resolve } from './resolve';
import { reindexMany, type IndexedDocument } from '../search/indexer';
import { storeImages, type ImageFetchOptions } from './fetch-images';
import { absolutePhotoUrl } from './photos';

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

const firstLine = (error: unknown): string => (error instanceof Error ? error.message : String(error)).split('\n')[0];

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

type Done = { report: DocumentReport; counts: ReturnType<typeof planCounts> | null; reimport: PageReimport | null; candidates: Candidates; links?: PlannedLinks };

const failedDone = (report: DocumentReport): Done => ({ report, counts: null, reimport: null, candidates: noCandidates() });

const failedPage = (page: { file: string; analysed: Parameters<typeof describe>[0] }, error: unknown): Done =>
  failedDone(failedDocument(page.file, `not imported, nothing was written: ${firstLine(error)}`, page.analysed));

/** What one run works with: its options, the index of what is known, and what it has done so far. */
type Run = {
  options: RunOptions;
  strapi: Core.Strapi | null;
  index: EntityIndex;
  journal: ReturnType<typeof journalIndex>;
  /** The document events of the rows the run writes itself, emitted when their batch commits. */
  events: ImportEvents | null;
  rulesVersion: string;
  versions: Version[];
  tally: Tally;
  /** Batches this run has committed so far. */
  committedBatches: number;
  /** Media library ids of the photos fetched so far, by source address (`--fetch-images`). */
  images: Map<string, number>;
};

const createTally = (options: RunOptions) => {
  const documents: DocumentReport[] = [];
  const pages: PageReimport[] = [];
  const records: ImportReport['summary']['records'] = {
    articles: { ...zeroCounts(), failed: 0 },
    organisations: { ...zeroCounts(), failed: 0 },
    persons: { ...zeroCounts(), failed: 0 },
    initiatives: { ...zeroCounts(), failed: 0 },
  };
  const matches: MatchCounts = { url: 0, path: 0, fingerprint: 0, new: 0, unchanged: 0 };
  const state = { finished: 0, candidates: noCandidates(), planned: new Map() as PlannedLinks };
  const finish = ({ report, counts, reimport, candidates, links }: Done) => {
    // A dry run reads its orphans off what it planned; a real run off the database it wrote.
    if (options.dryRun) for (const [key, entry] of links ?? []) state.planned.set(key, entry);
    if (report.status === 'failed') records.articles.failed += 1;
    if (counts !== null) {
      for (const type of Object.keys(counts) as RecordType[]) {
        records[type].created += counts[type].created;
        records[type].updated += counts[type].updated;
        records[type].unchanged += counts[type].unchanged;
      }
    }
    if (report.status === 'ok') matches[reimport?.match.rule ?? 'unchanged'] += 1;
    state.candidates = mergeCandidates(state.candidates, candidates);
    state.finished += 1;
    if (options.keepDocuments !== false) {
      documents.push(report);
      if (reimport !== null) pages.push(reimport);
    }
    options.onDocument?.(report);
  };
  return { documents, pages, records, matches, state, finish };
};

type Tally = ReturnType<typeof createTally>;

/**
 * The batch a page is written in: its writer, and the articles its pages have written so far, which
 * may still be staged in the writer rather than in the database.
 */
type Batch = { writer: BulkWriter; articles: Set<string> };

const openBatch = (writer: BulkWriter): Batch => ({ writer, articles: new Set() });

/**
 * An article's draft as stored, to plan a page against. One written by an earlier page of this batch
 * is flushed first; any other is in the database already, and the batch's staged rows stay staged
 * to go in with the rest of its multi-row inserts.
 */
const storedArticle = async (run: Run, documentId: string, batch: Batch | null) => {
  if (run.strapi === null) return null;
  if (batch !== null && batch.articles.has(documentId)) await batch.writer.flush(run.versions);
  return readStoredArticle(run.strapi, documentId, run.options.locale);
};

/** Plans one page against the index, writes it (or stages it with the batch's writer) and teaches the index its records. */
const importPage = async (run: Run, page: Page, batch: Batch | null): Promise<Done> => {
  const { options, strapi, index } = run;
  const origin = pageOrigin(page.file, options.paths, options.baseUrl ?? null, page.analysed.parsed.url);
  const resolved = resolve(page.analysed, index, origin);
  const match = resolved.article.match as NonNullable<typeof resolved.article.match>;
  const known = match.matchedKey === null ? undefined : index.articles.get(match.matchedKey);
  const sameReading = known !== undefined && known.contentHash === resolved.article.contentHash && match.key === match.matchedKey;
  if (sameReading && (!options.publish || known.published || options.dryRun)) {
    index.articles.set(known.key, { ...known, importedBy: page.file });
    const zero = zeroCounts();
    const counts = (n: number) => ({ ...zero, unchanged: n });
    return {
      counts: { articles: counts(1), organisations: counts(resolved.organisations.length), persons: counts(resolved.persons.length), initiatives: counts(resolved.initiatives.length) },
      report: { ...describe(page.analysed), actions: counts(1 + resolved.organisations.length + resolved.persons.length + resolved.initiatives.length) },
      reimport: reimportOf(page.file, resolved.article.title, match, noChanges()),
      candidates: noCandidates(),
    };
  }
  const stored = known?.documentId === null || known?.documentId === undefined ? null : await storedArticle(run, known.documentId, batch);
  const documentPlan = plan(resolved, index, stored, { rulesVersion: run.rulesVersion });
  const written =
    batch !== null && strapi !== null
      ? await writeDocument(strapi, documentPlan, index, { locale: options.locale, publish: options.publish, images: run.images }, batch.writer)
      : new Map<string, string>();
  const articleId = written.get(documentPlan.article.key);
  if (batch !== null && articleId !== undefined) batch.articles.add(articleId);
  learn(index, documentPlan, written, options.publish && !options.dryRun);
  return {
    counts: planCounts(documentPlan),
    report: {
      ...describe(page.analysed),
      actions: sumCounts(Object.values(planCounts(documentPlan))),
      needsReview: documentPlan.article.reviewReasons,
      keptEditorChanges: documentPlan.article.keptEditorChanges.map((field) => `${field}: kept the editor's version`),
      ...(written.size > 0 ? { records: writtenRecords(documentPlan, written) } : {}),
    },
    reimport: reimportOf(page.file, resolved.article.title, match, documentPlan.changes),
    candidates: documentPlan.orphanCandidates,
    links: new Map(linksAfter(documentPlan, stored)),
  };
};

/** The page analysed, its content hash taken under the run's rules version. */
const analysedUnder = (result: ReturnType<typeof analyse>, bytes: Uint8Array, rulesVersion: string): ReturnType<typeof analyse> =>
  result.ok ? { ok: true, value: { ...result.value, contentHash: contentHash(bytes, rulesVersion) } } : result;

/**
 * A page skipped as unchanged when it was read is still unchanged when its turn comes, unless a
 * page before it in this run changed the same article; then it is analysed and imported after all.
 */
const importUnchanged = async (run: Run, item: Extract<Prepared, { kind: 'unchanged' }>, batch: Batch | null): Promise<Done> => {
  const { index, options } = run;
  const known = index.articles.get(item.key);
  if (known !== undefined && index.articleHashes.get(item.hash) === item.key && (!options.publish || known.published || options.dryRun)) {
    // This file is the article's page in this run: no other file is matched to it by its text.
    index.articles.set(item.key, { ...known, importedBy: item.file });
    const zero = zeroCounts();
    return {
      report: unchangedDocument(item.file, known.headline),
      counts: { articles: { ...zero, unchanged: 1 }, organisations: zero, persons: zero, initiatives: zero },
      reimport: null,
      candidates: noCandidates(),
    };
  }
  const analysed = analysedUnder(analyse({ file: item.file, bytes: item.bytes }), item.bytes, run.rulesVersion);
  if (!analysed.ok) return failedDone(failedDocument(item.file, analysed.problem.message));
  return importPage(run, { kind: 'page', file: item.file, analysed: analysed.value }, batch);
};

const importItem = (run: Run, item: Prepared, batch: Batch | null): Promise<Done> => {
  if (item.kind === 'page') return importPage(run, item, batch).catch((error: unknown) => (batch === null ? failedPage(item, error) : Promise.reject(error)));
  if (item.kind === 'unchanged') return importUnchanged(run, item, batch);
  return Promise.resolve(failedDone(item.report));
};

const failedItem = (item: Prepared, error: unknown): Done => {
  if (item.kind === 'failed') return failedDone(item.report);
  if (item.kind === 'page') return failedPage(item, error);
  return failedDone(failedDocument(item.file, `not imported, nothing was written: ${firstLine(error)}`));
};

/** Writes a batch in one transaction; on any failure, again one page per transaction. A dry run only plans. */
const importBatch = async (run: Run, batch: Prepared[]): Promise<void> => {
  const { strapi, journal, events, tally } = run;
  const items = batch.filter((item) => item.kind !== 'failed');
  if (strapi === null || run.options.dryRun || items.length === 0) {
    for (const item of batch) tally.finish(await importItem(run, item, null).catch((error: unknown) => failedItem(item, error)));
    return;
  }
  // Downloads take seconds; they happen before the batch's transaction, which must stay short.
  await fetchImagesOf(run, items);
  journal.begin();
  events?.begin();
  let done: Map<Prepared, Done>;
  let created: ReadonlyArray<IndexedDocument> = [];
  // The writer's staged slugs stay taken until its transaction is over, committed or rolled back.
  const writer: { current: BulkWriter | null } = { current: null };
  try {
    done = await strapi.db
      .transaction(async ({ trx }) => {
        const bulk = createBulkWriter(strapi, trx, new Date(), events ?? { wrote: () => undefined });
        writer.current = bulk;
        const results = new Map<Prepared, Done>();
        const open = openBatch(bulk);
        for (const item of items) results.set(item, await importItem(run, item, open));
        await bulk.flush(run.versions);
        created = bulk.created();
        return results;
      })
      .finally(() => writer.current?.close());
    journal.commit();
  } catch (error) {
    journal.rollback();
    events?.rollback();
    if (items.length === 1) {
      for (const item of batch) tally.finish(failedItem(item, error));
      return;
    }
    for (const item of batch) await importBatch(run, [item]);
    return;
  }
  // The batch is in the database whatever happens to its events: one that cannot be read back is
  // logged, as the Document Service's own would be, and does not fail the pages.
  await events?.commit().catch((error: unknown) => strapi.log.error(`import: document events of a batch were not emitted: ${firstLine(error)}`));
  // The bulk writer's new documents bypass the search index's document middleware; only published
  // ones are indexed. The batch is committed: a failure here is logged (npm run search:reindex repairs it), never retried.
  if (run.options.publish) {
    await reindexMany(strapi, created).catch((error: unknown) => strapi.log.error(`search: indexing an import batch failed: ${firstLine(error)}`));
  }
  run.committedBatches += 1;
  await haltAfterBatchForTests(run.committedBatches);
  for (const item of batch) tally.finish(done.get(item) ?? failedItem(item, new Error('missing from its batch')));
};

/**
 * `--fetch-images`: stores the photos of a batch's pages in the media library before the batch is
 * written. A photo that cannot be fetched is left out, with a warning on its page.
 */
const fetchImagesOf = async (run: Run, items: Prepared[]): Promise<void> => {
  const { strapi, options } = run;
  if (strapi === null || options.fetchImages === undefined || options.fetchImages === null) return;
  for (const item of items) {
    if (item.kind !== 'page') continue;
    const { parsed } = item.analysed;
    const pageUrl = pageOrigin(item.file, options.paths, options.baseUrl ?? null, parsed.url).url ?? parsed.url;
    const photos = (parsed.photos ?? []).flatMap((photo) => {
      const src = absolutePhotoUrl(photo.src, pageUrl);
      return src === null ? [] : [{ src, caption: photo.caption }];
    });
    const failures = await storeImages(strapi, photos, run.images, options.fetchImages);
    for (const [src, reason] of failures) item.analysed.warnings.push(`photo ${src} not fetched: ${reason}`);
  }
};

/** Reads a page and analyses it, unless its bytes were imported before under the same rules. */
const prepare = async (run: Run, analyser: ReturnType<typeof inlineAnalyser>, entry: InputEntry): Promise<Prepared> => {
  const { index, options } = run;
  if (entry.kind === 'problem') return { kind: 'failed', report: failedDocument(entry.file, entry.message) };
  if (entry.size > MAX_PAGE_BYTES) {
    const message = `file is ${(entry.size / 1024 / 1024).toFixed(1)} MB, over the ${MAX_PAGE_BYTES / 1024 / 1024} MB limit for one page`;
    return { kind: 'failed', report: failedDocument(entry.file, message) };
  }
  const bytes = await fs.promises.readFile(entry.file);
  // An article imported from these very bytes (under the same extraction rules) is not analysed again.
  const hash = contentHash(bytes, run.rulesVersion);
  const key = index.articleHashes.get(hash);
  const known = key === undefined ? undefined : index.articles.get(key);
  if (key !== undefined && known !== undefined && (!options.publish || known.published)) {
    return { kind: 'unchanged', file: entry.file, bytes, hash, key };
  }
  const analysed = analysedUnder(await analyser.analyse({ file: entry.file, bytes }), bytes, run.rulesVersion);
  return analysed.ok ? { kind: 'page', file: entry.file, analysed: analysed.value } : { kind: 'failed', report: failedDocument(entry.file, analysed.problem.message) };
};

/**
 * Imports pages in order: each is read and analysed, then, in batches, matched against what is
 * known, planned and (unless this is a dry run) written. A page that fails is reported and the run
 * goes on; only a broken run (no database, say) throws. A dry run with a database reads it, so its
 * report says what importing the pages again would change; it writes nothing.
 */
const importAll = async (options: RunOptions): Promise<ImportReport> => {
  const started = process.hrtime.bigint();
  const { strapi } = options;
  if (!options.dryRun && strapi === null) throw new Error('a real import needs Strapi; pass dryRun for a plan only');
  const index: EntityIndex = strapi === null ? emptyIndex() : await loadIndex(strapi, options.locale);
  const run: Run = {
    options,
    strapi,
    index,
    journal: journalIndex(index),
    events: strapi === null || options.dryRun ? null : createImportEvents(strapi),
    rulesVersion: options.rulesVersion ?? RULES_VERSION,
    versions: options.publish ? ['draft', 'published'] : ['draft'],
    tally: createTally(options),
    committedBatches: 0,
    images: new Map(),
  };
  const skipped = { count: 0 };
  const batchPages = options.batchPages ?? BATCH_PAGES;
  const analyser = options.analyseInWorker === true && canAnalyseInWorker() ? workerAnalyser() : inlineAnalyser();
  // Pages are read and analysed up to a batch ahead of the one being written, and no further, so
  // memory stays flat however many pages a run has.
  const ahead: Array<Promise<Prepared>> = [];
  let batch: Prepared[] = [];
  const stopped = (): boolean => options.signal?.aborted === true;
  const take = async (): Promise<void> => {
    batch.push(await (ahead.shift() as Promise<Prepared>));
    if (batch.filter((item) => item.kind !== 'failed').length >= batchPages && !stopped()) {
      await importBatch(run, batch);
      batch = [];
    }
  };
  try {
    for await (const entry of walkInputs(options.paths, skipped)) {
      if (stopped()) break;
      const prepared = prepare(run, analyser, entry);
      // Its failure is awaited (and thrown) in order by take(); until then it must not count as unhandled.
      prepared.catch(() => undefined);
      ahead.push(prepared);
      if (ahead.length > batchPages) await take();
    }
    while (ahead.length > 0 && !stopped()) await take();
    if (!stopped()) await importBatch(run, batch);
  } finally {
    await analyser.close();
  }
  const orphans = await settleOrphans(run);
  return assembleReport(run, orphans, skipped.count, Number(process.hrtime.bigint() - started) / 1e9);
};

/** This run's orphans: removed or flagged in a real run; in a dry run, those that would be. Without a database, only the records that lose a link. */
const settleOrphans = async (run: Run): Promise<OrphanSummary> => {
  const { strapi, index, tally } = run;
  const names = namesFrom(index, { organisations: new Map(), persons: new Map(), initiatives: new Map() });
  const label = (kind: keyof Candidates, key: string) =>
    kind === 'persons' ? `person ${names.person(key)}` : kind === 'initiatives' ? `initiative ${names.initiative(key)}` : `organisation ${names.organisation(key)}`;
  const candidates = (['persons', 'initiatives', 'organisations'] as const).flatMap((kind) => tally.state.candidates[kind].map((key) => label(kind, key)));
  if (strapi === null) return { removed: [], flagged: [], candidates };
  return { ...(await sweepOrphans(strapi, index, tally.state.candidates, label, run.options.dryRun ? tally.state.planned : null)), candidates };
};

const assembleReport = (run: Run, orphans: OrphanSummary, skippedFiles: number, seconds: number): ImportReport => {
  const { options, tally } = run;
  const finished = tally.state.finished;
  const failed = tally.records.articles.failed;
  return {
    documents: tally.documents,
    summary: {
      dryRun: options.dryRun,
      published: options.publish && !options.dryRun,
      locale: options.locale,
      documents: finished,
      ok: finished - failed,
      failed,
      skippedFiles,
      seconds,
      documentsPerSecond: seconds > 0 ? finished / seconds : 0,
      records: tally.records,
      matches: tally.matches,
      ...(run.options.signal?.aborted === true ? { stopped: true } : {}),
    },
    reimport: { pages: tally.pages, orphans },
  };
};
