import fs from 'fs';
import { withCoalescedContentVersion } from '../cache/content-version';
import type { Core } from '@strapi/strapi';
import { analyse } from './analyse';
import { MAX_PAGE_BYTES } from './decode';
import { walkInputs } from './files';
import { withBulkWrites } from './bulk';
import { loadIndex, readStoredArticle, writeDocument } from './load';
import { plan, type DocumentPlan } from './plan';
import {
  describe,
  failedDocument,
  planCounts,
  sumCounts,
  zeroCounts,
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
  /** Called once per document, after it is done. */
  onDocument?: (report: DocumentReport) => void;
};

const firstLine = (error: unknown): string => (error instanceof Error ? error.message : String(error)).split('\n')[0];

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
 * see its results within a second (src/cache/content-version.ts).
 */
export const runImport = async (options: RunOptions): Promise<ImportReport> => {
  const { strapi } = options;
  if (options.dryRun || strapi === null) return importAll(options);
  return withCoalescedContentVersion(strapi, () => withBulkWrites(strapi, () => importAll(options)));
};

/**
 * Imports pages one at a time: each is read, analysed, matched against what is known, planned and
 * (unless this is a dry run) written in its own transaction. A page that fails is reported and the
 * run goes on; only a broken run (no database, say) throws.
 */
const importAll = async (options: RunOptions): Promise<ImportReport> => {
  const started = process.hrtime.bigint();
  const { strapi } = options;
  if (!options.dryRun && strapi === null) throw new Error('a real import needs Strapi; pass dryRun for a plan only');
  const index: EntityIndex = options.dryRun || strapi === null ? emptyIndex() : await loadIndex(strapi, options.locale);
  const documents: DocumentReport[] = [];
  const records: ImportReport['summary']['records'] = {
    articles: { ...zeroCounts(), failed: 0 },
    organisations: { ...zeroCounts(), failed: 0 },
    persons: { ...zeroCounts(), failed: 0 },
    initiatives: { ...zeroCounts(), failed: 0 },
  };
  const skipped = { count: 0 };

  const finish = (report: DocumentReport) => {
    documents.push(report);
    options.onDocument?.(report);
  };

  for await (const entry of walkInputs(options.paths, skipped)) {
    if (entry.kind === 'problem') {
      records.articles.failed += 1;
      finish(failedDocument(entry.file, entry.message));
      continue;
    }
    if (entry.size > MAX_PAGE_BYTES) {
      records.articles.failed += 1;
      finish(failedDocument(entry.file, `file is ${(entry.size / 1024 / 1024).toFixed(1)} MB, over the ${MAX_PAGE_BYTES / 1024 / 1024} MB limit for one page`));
      continue;
    }
    const bytes = await fs.promises.readFile(entry.file);
    const analysed = analyse({ file: entry.file, bytes });
    if (!analysed.ok) {
      records.articles.failed += 1;
      finish(failedDocument(entry.file, analysed.problem.message));
      continue;
    }
    const resolved = resolve(analysed.value, index);
    const known = index.articles.get(resolved.article.key);
    const unchangedPage =
      known !== undefined && known.contentHash === resolved.article.contentHash && (!options.publish || known.published || options.dryRun);
    try {
      let documentPlan: DocumentPlan;
      let written = new Map<string, string>();
      if (unchangedPage) {
        documentPlan = unchangedPlan(entry.file, resolved);
      } else {
        const stored =
          options.dryRun || strapi === null || known?.documentId === null || known?.documentId === undefined
            ? null
            : await readStoredArticle(strapi, known.documentId, options.locale, resolved.article.key);
        documentPlan = plan(resolved, index, stored);
        if (!options.dryRun && strapi !== null) {
          written = await writeDocument(strapi, documentPlan, index, { locale: options.locale, publish: options.publish });
        }
        remember(index, resolved, written, options.publish && !options.dryRun);
      }
      const counts = planCounts(documentPlan);
      for (const type of Object.keys(counts) as RecordType[]) {
        records[type].created += counts[type].created;
        records[type].updated += counts[type].updated;
        records[type].unchanged += counts[type].unchanged;
      }
      finish({
        ...describe(analysed.value),
        actions: sumCounts(Object.values(counts)),
        needsReview: documentPlan.article.reviewReasons,
        keptEditorChanges: documentPlan.article.keptEditorChanges.map((field) => `${field}: kept the editor's version`),
      });
    } catch (error) {
      records.articles.failed += 1;
      finish(failedDocument(entry.file, `not imported, nothing was written: ${firstLine(error)}`, analysed.value));
    }
  }

  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const failed = documents.filter((doc) => doc.status === 'failed').length;
  return {
    documents,
    summary: {
      dryRun: options.dryRun,
      published: options.publish && !options.dryRun,
      locale: options.locale,
      documents: documents.length,
      ok: documents.length - failed,
      failed,
      skippedFiles: skipped.count,
      seconds,
      documentsPerSecond: seconds > 0 ? documents.length / seconds : 0,
      records,
    },
  };
};
