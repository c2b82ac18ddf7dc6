import type { BulkWriter } from '../bulk';
import { analyse } from '../analyse';
import { noCandidates, noChanges } from '../changes';
import { pageOrigin } from '../identity';
import { learn } from '../known';
import { readStoredArticle, writeDocument } from '../load';
import { linksAfter, plan, previousLinks } from '../plan';
import { describe, failedDocument, planCounts, reimportOf, sumCounts, unchangedDocument, writtenRecords, zeroCounts } from '../report';
import { resolve } from '../resolve';
import { failedDone, failedPage, type Done, type Page, type Prepared, type Run } from './context';
import { holdRecords, namesakesOf, peopleOfInitiatives } from './held-records';
import { analysedUnder } from './read-ahead';

/** One page through resolve, plan and write: matched against what is known, planned, and written or staged. */

/**
 * The batch a page is written in: its writer, and the articles its pages have written so far, which
 * may still be staged in the writer rather than in the database.
 */
export type Batch = { writer: BulkWriter; articles: Set<string> };

export const openBatch = (writer: BulkWriter): Batch => ({ writer, articles: new Set() });

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
  await holdRecords(run, 'persons', namesakesOf(page.analysed, index));
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
  const previous = previousLinks(stored);
  const initiatives = [...resolved.initiatives.map((initiative) => initiative.key), ...previous.initiatives];
  await holdRecords(run, 'initiatives', initiatives);
  await holdRecords(run, 'persons', [...resolved.persons.map((person) => person.key), ...previous.persons, ...peopleOfInitiatives(index, initiatives)]);
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

export const importItem = (run: Run, item: Prepared, batch: Batch | null): Promise<Done> => {
  if (item.kind === 'page') return importPage(run, item, batch).catch((error: unknown) => (batch === null ? failedPage(item, error) : Promise.reject(error)));
  if (item.kind === 'unchanged') return importUnchanged(run, item, batch);
  return Promise.resolve(failedDone(item.report));
};

