import path from 'path';
import { DEFAULT_LOCALE } from '../../bootstrap/locales';
import type { ImportReport } from '../report';
import { runImport } from '../run';
import { readGoldDirectory } from './gold';
import { scoreReport, type Evaluation } from './score';

/**
 * The evaluation sets: the development corpus (real pages of many sites, data/eval/corpus), the
 * two pages bundled with the project (data/documents, gold in data/eval/bundled/gold) and a held-out
 * set in styles the corpus lacks (data/eval/heldout), which the extractor is not tuned on.
 */
export const SET_NAMES = ['corpus', 'bundled', 'heldout'] as const;
export type SetName = (typeof SET_NAMES)[number];

export type EvaluationSet = { name: SetName; pages: string; gold: string };

export const evaluationSets = (root: string): Record<SetName, EvaluationSet> => ({
  corpus: { name: 'corpus', pages: path.join(root, 'data', 'eval', 'corpus', 'pages'), gold: path.join(root, 'data', 'eval', 'corpus', 'gold') },
  bundled: { name: 'bundled', pages: path.join(root, 'data', 'documents'), gold: path.join(root, 'data', 'eval', 'bundled', 'gold') },
  heldout: { name: 'heldout', pages: path.join(root, 'data', 'eval', 'heldout', 'pages'), gold: path.join(root, 'data', 'eval', 'heldout', 'gold') },
});

/** The report `npm run import -- --dry-run --report FILE` writes for these pages, by the same code path. */
export const dryRunReport = (pages: string): Promise<ImportReport> =>
  runImport({
    paths: [pages],
    dryRun: true,
    publish: false,
    locale: DEFAULT_LOCALE.code,
    strapi: null,
    analyseInWorker: false,
    keepDocuments: true,
  });

export type SetResult = { set: EvaluationSet; report: ImportReport; evaluation: Evaluation };

export const evaluateSet = async (set: EvaluationSet): Promise<SetResult> => {
  const report = await dryRunReport(set.pages);
  return { set, report, evaluation: scoreReport(report, readGoldDirectory(set.gold)) };
};
