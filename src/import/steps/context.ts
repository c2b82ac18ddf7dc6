import type { Core } from '@strapi/strapi';
import type { analyse } from '../analyse';
import type { Version } from '../bulk';
import { createImportEvents, type ImportEvents } from '../events';
import { journalIndex } from '../journal';
import { RULES_VERSION } from '../keys';
import { emptyIndex, type EntityIndex } from '../known';
import { loadIndex } from '../load';
import { noCandidates, type Candidates } from '../changes';
import type { PlannedLinks } from '../orphans';
import { describe, failedDocument, type DocumentReport, type PageReimport, planCounts } from '../report';
import type { RunOptions } from '../run';
import type { HeldType } from './held-records';
import { createTally, type Tally } from './tally';

/**
 * The context every step of an import run shares (src/import/run.ts puts the steps together):
 * what a page becomes on its way through them, and the run itself.
 */

/**
 * Pages written in one transaction. A transaction per page spends much of an import committing;
 * a batch is written in the time of a few pages. A batch with a page that fails is rolled back as a
 * whole and written again one page per transaction, so only the page that fails is lost.
 */
export const BATCH_PAGES = 25;

export const firstLine = (error: unknown): string => (error instanceof Error ? error.message : String(error)).split('\n')[0];

export type Analysed = Extract<ReturnType<typeof analyse>, { ok: true }>['value'];

export type Page = { kind: 'page'; file: string; analysed: Analysed };

/** A page read and analysed (no database yet), one whose bytes were imported before, or one that already failed. */
export type Prepared = Page | { kind: 'unchanged'; file: string; bytes: Uint8Array; hash: string; key: string } | { kind: 'failed'; report: DocumentReport };

export type Done = { report: DocumentReport; counts: ReturnType<typeof planCounts> | null; reimport: PageReimport | null; candidates: Candidates; links?: PlannedLinks };

export const failedDone = (report: DocumentReport): Done => ({ report, counts: null, reimport: null, candidates: noCandidates() });

export const failedPage = (page: { file: string; analysed: Parameters<typeof describe>[0] }, error: unknown): Done =>
  failedDone(failedDocument(page.file, `not imported, nothing was written: ${firstLine(error)}`, page.analysed));

/** What one run works with: its options, the index of what is known, and what it has done so far. */
export type Run = {
  options: RunOptions;
  strapi: Core.Strapi | null;
  index: EntityIndex;
  /** The initiatives and persons the index held when the run began: always held (held-records.ts). */
  startedWith: Record<HeldType, ReadonlySet<string>>;
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
  /** Files in the given directories that are not pages, counted as they are walked. */
  skipped: { count: number };
  started: bigint;
};

/** A run's context: the index of what the database holds (none for a dry run without one), and nothing done yet. */
export const openRun = async (options: RunOptions): Promise<Run> => {
  const started = process.hrtime.bigint();
  const { strapi } = options;
  if (!options.dryRun && strapi === null) throw new Error('a real import needs Strapi; pass dryRun for a plan only');
  const index: EntityIndex = strapi === null ? emptyIndex() : await loadIndex(strapi, options.locale);
  return {
    options,
    strapi,
    index,
    startedWith: { initiatives: new Set(index.initiatives.keys()), persons: new Set(index.persons.keys()) },
    journal: journalIndex(index),
    events: strapi === null || options.dryRun ? null : createImportEvents(strapi),
    rulesVersion: options.rulesVersion ?? RULES_VERSION,
    versions: options.publish ? ['draft', 'published'] : ['draft'],
    tally: createTally(options),
    committedBatches: 0,
    images: new Map(),
    skipped: { count: 0 },
    started,
  };
};

/** Whether the run was asked to stop (an import job the editor cancelled): no batch is written after. */
export const stopped = (run: Run): boolean => run.options.signal?.aborted === true;



export const failedItem = (item: Prepared, error: unknown): Done => {
  if (item.kind === 'failed') return failedDone(item.report);
  if (item.kind === 'page') return failedPage(item, error);
  return failedDone(failedDocument(item.file, `not imported, nothing was written: ${firstLine(error)}`));
};

