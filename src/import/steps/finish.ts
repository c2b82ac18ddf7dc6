import { namesFrom, type Candidates } from '../changes';
import { sweepOrphans } from '../orphans';
import type { ImportReport, OrphanSummary } from '../report';
import type { Run } from './context';
import { holdRecords } from './held-records';

/** The run's last steps: what its pages left without links, and its report. */

/** This run's orphans: removed or flagged in a real run; in a dry run, those that would be. Without a database, only the records that lose a link. */
export const settleOrphans = async (run: Run): Promise<OrphanSummary> => {
  const { strapi, index, tally } = run;
  // Their names and memories are read again if the run let go of them.
  await holdRecords(run, 'initiatives', tally.state.candidates.initiatives);
  await holdRecords(run, 'persons', tally.state.candidates.persons);
  const names = namesFrom(index, { organisations: new Map(), persons: new Map(), initiatives: new Map() });
  const label = (kind: keyof Candidates, key: string) =>
    kind === 'persons' ? `person ${names.person(key)}` : kind === 'initiatives' ? `initiative ${names.initiative(key)}` : `organisation ${names.organisation(key)}`;
  const candidates = (['persons', 'initiatives', 'organisations'] as const).flatMap((kind) => tally.state.candidates[kind].map((key) => label(kind, key)));
  if (strapi === null) return { removed: [], flagged: [], candidates };
  return { ...(await sweepOrphans(strapi, index, tally.state.candidates, label, run.options.dryRun ? tally.state.planned : null)), candidates };
};

export const assembleReport = (run: Run, orphans: OrphanSummary): ImportReport => {
  const skippedFiles = run.skipped.count;
  const seconds = Number(process.hrtime.bigint() - run.started) / 1e9;
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
