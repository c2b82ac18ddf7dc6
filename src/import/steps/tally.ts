import { mergeCandidates, noCandidates } from '../changes';
import type { PlannedLinks } from '../orphans';
import { zeroCounts, type DocumentReport, type ImportReport, type MatchCounts, type PageReimport, type RecordType } from '../report';
import type { RunOptions } from '../run';
import type { Done } from './context';

/** What a run has done so far: counts per record type and match rule, and (unless left out) every page's report. */
export const createTally = (options: RunOptions) => {
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

export type Tally = ReturnType<typeof createTally>;

