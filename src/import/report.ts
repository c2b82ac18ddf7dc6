import type { PageChanges } from './changes';
import type { ArticleMatch, MatchRule } from './identity';
import type { AnalysedDocument } from './resolve';
import type { Action, DocumentPlan } from './plan';
import type { Evidence, InitiativeKind, Money, OrganisationKind } from './types';

/**
 * The import report. Other tools consume it, so these names are a contract: the same shape for a
 * dry run and a real run, and for a document that failed (with empty lists).
 */
export type Counts = { created: number; updated: number; unchanged: number };

export type DocumentReport = {
  file: string;
  status: 'ok' | 'failed';
  error?: string;
  warnings: string[];
  article: { title: string; date: string | null; source: string | null; url: string | null } | null;
  /** Each position, amount, quote and initiative carries its evidence: the sentence and the offsets it was read at. */
  persons: Array<{ name: string; positions: Array<{ title: string; organisation: string | null; evidence?: Evidence }> }>;
  organisations: Array<{ name: string; kind: OrganisationKind; aliases: string[] }>;
  initiatives: Array<{ name: string; kind: InitiativeKind; organisers: string[]; amounts: Money[]; evidence?: Evidence }>;
  amounts: Money[];
  quotes: Array<{ speaker: string | null; text: string; evidence?: Evidence }>;
  removed: string[];
  actions: Counts;
  /** Why editors should review what this document brought in; empty when nothing is doubtful. */
  needsReview: string[];
  /** Article fields the source changed but an editor had changed first; the editor's version stays. */
  keptEditorChanges: string[];
  /** In a real run: the records the page wrote or linked, with their documentIds (the admin links to them). */
  records?: WrittenRecord[];
};

export type WrittenRecord = { type: RecordType; name: string; documentId: string; action: Action };

export type RecordType = 'articles' | 'organisations' | 'persons' | 'initiatives';

/** Pages by the rule that told which article they are; `unchanged`: skipped, its bytes imported before under the same rules. */
export type MatchCounts = Record<MatchRule | 'unchanged', number>;

/**
 * What importing a page (again) does to what is stored: which article it is and by which rule,
 * what it adds, removes and changes, and the editors' changes it keeps. A dry run on an imported
 * site says this before anything is written.
 */
export type PageReimport = {
  file: string;
  title: string;
  match: { rule: MatchRule; key: string; matchedKey: string | null; similarity: number | null; duplicateOf: string | null };
} & PageChanges;

export type OrphanSummary = {
  /** Records this run's pages no longer link (they may still be linked from elsewhere). */
  candidates: string[];
  /** Of those, ones nothing links any more and no editor had touched: deleted (in a dry run: would be). */
  removed: string[];
  /** Of those, ones nothing links any more but an editor had worked on: kept, flagged for review (in a dry run: would be). */
  flagged: string[];
};

export type ReimportReport = { pages: PageReimport[]; orphans: OrphanSummary };

export const reimportOf = (file: string, title: string, match: ArticleMatch, changes: PageChanges): PageReimport => ({
  file,
  title,
  match: { rule: match.rule, key: match.key, matchedKey: match.matchedKey, similarity: match.similarity, duplicateOf: match.duplicateOf },
  ...changes,
});

export type ImportSummary = {
  dryRun: boolean;
  published: boolean;
  locale: string;
  documents: number;
  ok: number;
  failed: number;
  /** Files inside the given directories that are not pages (.txt, .html, .htm). */
  skippedFiles: number;
  seconds: number;
  documentsPerSecond: number;
  records: Record<RecordType, Counts & { failed: number }>;
  /** Pages by the rule that told which article they are. */
  matches?: MatchCounts;
  /** The run was stopped (an editor cancelled its job) before all pages were read: `documents` were, the rest were not. */
  stopped?: boolean;
};

export type ImportReport = { documents: DocumentReport[]; summary: ImportSummary; reimport?: ReimportReport };

export const zeroCounts = (): Counts => ({ created: 0, updated: 0, unchanged: 0 });

export const failedDocument = (file: string, error: string, analysed: AnalysedDocument | null = null): DocumentReport => ({
  ...(analysed === null ? emptyDocument(file) : describe(analysed)),
  status: 'failed',
  error,
});

const emptyDocument = (file: string): DocumentReport => ({
  file,
  status: 'ok',
  warnings: [],
  article: null,
  persons: [],
  organisations: [],
  initiatives: [],
  amounts: [],
  quotes: [],
  removed: [],
  actions: zeroCounts(),
  needsReview: [],
  keptEditorChanges: [],
});

/**
 * A page whose bytes are those of an article already imported (and published, when publishing) is
 * not analysed again; its report names the article and lists no records.
 */
export const unchangedDocument = (file: string, article: NonNullable<DocumentReport['article']>): DocumentReport => ({
  ...emptyDocument(file),
  article,
  actions: { created: 0, updated: 0, unchanged: 1 },
});

/** What the page held, independent of what the database made of it. */
export const describe = (doc: AnalysedDocument): DocumentReport => ({
  ...emptyDocument(doc.file),
  warnings: doc.warnings,
  article: { title: doc.parsed.title ?? '', date: doc.parsed.date, source: doc.parsed.source, url: doc.parsed.url },
  persons: doc.extraction.persons.map((person) => ({
    name: person.name,
    positions: person.positions.map((p) => ({ title: p.title, organisation: p.organisation, evidence: p.evidence })),
  })),
  organisations: doc.extraction.organisations.map((o) => ({ name: o.name, kind: o.kind, aliases: o.aliases })),
  initiatives: doc.extraction.initiatives.map((i) => ({ name: i.name, kind: i.kind, organisers: i.organisers, amounts: i.amounts, evidence: i.evidence })),
  amounts: doc.extraction.amounts,
  quotes: doc.extraction.quotes.map((quote) => ({ speaker: quote.speaker, text: quote.text, evidence: quote.evidence })),
  removed: doc.removed,
});

/** The records of one written plan, article first, each with the documentId it was written under. */
export const writtenRecords = (plan: DocumentPlan, written: ReadonlyMap<string, string>): WrittenRecord[] => {
  const entry = (type: RecordType, record: { key: string; documentId: string | null; action: Action }, name: string): WrittenRecord[] => {
    const documentId = record.documentId ?? written.get(record.key);
    return documentId === undefined ? [] : [{ type, name, documentId, action: record.action }];
  };
  return [
    ...entry('articles', plan.article, plan.article.headline.title),
    ...plan.persons.flatMap((person) => entry('persons', person, person.name)),
    ...plan.organisations.flatMap((organisation) => entry('organisations', organisation, organisation.name)),
    ...plan.initiatives.flatMap((initiative) => entry('initiatives', initiative, initiative.name)),
  ];
};

/** The per-type record counts of one document's plan. */
export const planCounts = (plan: DocumentPlan): Record<RecordType, Counts> => {
  const count = (actions: Action[]): Counts => ({
    created: actions.filter((a) => a === 'create').length,
    updated: actions.filter((a) => a === 'update').length,
    unchanged: actions.filter((a) => a === 'unchanged').length,
  });
  return {
    articles: count([plan.article.action]),
    organisations: count(plan.organisations.map((o) => o.action)),
    persons: count(plan.persons.map((p) => p.action)),
    initiatives: count(plan.initiatives.map((i) => i.action)),
  };
};

export const sumCounts = (counts: Counts[]): Counts =>
  counts.reduce((total, c) => ({ created: total.created + c.created, updated: total.updated + c.updated, unchanged: total.unchanged + c.unchanged }), zeroCounts());

const RECORD_LABELS: Record<RecordType, string> = { articles: 'Articles', organisations: 'Organisations', persons: 'Persons', initiatives: 'Initiatives' };

/** The end-of-run table: created / updated / unchanged / failed per type. */
export const summaryTable = (summary: ImportSummary): string => {
  const rows = (Object.keys(RECORD_LABELS) as RecordType[]).map((type) => {
    const c = summary.records[type];
    return [RECORD_LABELS[type], c.created, c.updated, c.unchanged, c.failed].map(String);
  });
  const header = ['', 'created', 'updated', 'unchanged', 'failed'];
  const widths = header.map((h, column) => Math.max(h.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
  const mode = summary.dryRun ? 'dry run: nothing was written' : summary.published ? 'imported and published' : 'imported as drafts';
  return [
    line(header),
    ...rows.map(line),
    '',
    `${summary.documents} documents (${summary.ok} ok, ${summary.failed} failed${summary.skippedFiles > 0 ? `, ${summary.skippedFiles} non-page files skipped` : ''}) in ${summary.seconds.toFixed(1)} s, ${summary.documentsPerSecond.toFixed(1)} documents/s; ${mode}.`,
  ].join('\n');
};

const escapeCell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

const RULE_WORDS: Record<MatchRule, string> = { url: 'by URL', path: 'by path', fingerprint: 'by text', new: 'new' };

const ruleOf = (page: PageReimport): string =>
  `${RULE_WORDS[page.match.rule]}${page.match.similarity === null ? '' : ` ${page.match.similarity.toFixed(2)}`}${page.match.duplicateOf === null ? '' : `, close to ${page.match.duplicateOf}`}`;

/** One line per page that matched an article already imported, with its changes under it. */
export const reimportLines = (reimport: ReimportReport, limit = Number.POSITIVE_INFINITY): string[] => {
  const lines: string[] = [];
  const again = reimport.pages.filter((page) => page.match.rule !== 'new');
  for (const page of again.slice(0, limit)) {
    const counts = `+${page.added.length} −${page.removed.length} ~${page.changed.length}${page.kept.length > 0 ? `, kept ${page.kept.length}` : ''}`;
    lines.push(`${page.file}  [${ruleOf(page)}]  ${counts}`);
    for (const [mark, entries] of [['+', page.added], ['−', page.removed], ['~', page.changed], ['=', page.kept]] as const) {
      for (const entry of entries) lines.push(`    ${mark} ${entry}`);
    }
  }
  if (again.length > limit) lines.push(`… and ${again.length - limit} more pages (see --report)`);
  return lines;
};

/** The re-import in a few lines: pages by rule, and what became of the records they stopped linking. */
export const reimportSummary = (summary: ImportSummary, reimport: ReimportReport | undefined): string => {
  const matches = summary.matches;
  if (matches === undefined || reimport === undefined) return '';
  const lines = [
    `Pages: ${matches.url} matched by URL, ${matches.path} by path, ${matches.fingerprint} by text, ${matches.new} new, ${matches.unchanged} unchanged.`,
  ];
  const { orphans } = reimport;
  const named = (records: string[]) => (records.length > 0 ? ` (${records.join(', ')})` : '');
  const verbs = summary.dryRun ? ['would remove', 'would keep and flag'] : ['removed', 'kept and flagged'];
  if (orphans.candidates.length > 0) {
    lines.push(`Records these pages no longer link: ${orphans.candidates.length}; nothing else links ${orphans.removed.length + orphans.flagged.length} of them.`);
    lines.push(`Orphans: ${verbs[0]} ${orphans.removed.length}${named(orphans.removed)}; ${verbs[1]} ${orphans.flagged.length} an editor worked on${named(orphans.flagged)}.`);
  }
  return lines.join('\n');
};

const reimportMarkdown = (report: ImportReport): string[] => {
  if (report.reimport === undefined) return [];
  const lines = ['## Re-import', '', reimportSummary(report.summary, report.reimport), ''];
  const again = report.reimport.pages.filter((page) => page.match.rule !== 'new');
  if (again.length === 0) return lines;
  lines.push('| File | Article | Matched | Added | Removed | Changed | Editors\' changes kept |', '|---|---|---|---|---|---|---|');
  for (const page of again) {
    const cell = (entries: string[]) => escapeCell(entries.join('; '));
    lines.push(`| \`${page.file}\` | ${escapeCell(page.title)} | ${ruleOf(page)} | ${cell(page.added)} | ${cell(page.removed)} | ${cell(page.changed)} | ${cell(page.kept)} |`);
  }
  lines.push('');
  return lines;
};

export const toMarkdown = (report: ImportReport): string => {
  const lines = ['# Import report', '', '```', summaryTable(report.summary), '```', '', ...reimportMarkdown(report)];
  for (const doc of report.documents) {
    lines.push(`## ${doc.status === 'ok' ? '✓' : '✗'} ${escapeCell(doc.article?.title ?? doc.file)}`, '', `- File: \`${doc.file}\``);
    if (doc.error !== undefined) lines.push(`- **Error:** ${escapeCell(doc.error)}`);
    if (doc.article !== null) {
      lines.push(`- Date: ${doc.article.date ?? '—'} · Source: ${doc.article.source ?? '—'}${doc.article.url === null ? '' : ` · <${doc.article.url}>`}`);
    }
    lines.push(`- Records: ${doc.actions.created} created, ${doc.actions.updated} updated, ${doc.actions.unchanged} unchanged`);
    for (const warning of doc.warnings) lines.push(`- Warning: ${escapeCell(warning)}`);
    for (const reason of doc.needsReview) lines.push(`- Needs review: ${escapeCell(reason)}`);
    for (const kept of doc.keptEditorChanges) lines.push(`- Kept editor's change: ${escapeCell(kept)}`);
    if (doc.persons.length > 0) {
      lines.push('', '| Person | Positions |', '|---|---|');
      for (const person of doc.persons) {
        lines.push(`| ${escapeCell(person.name)} | ${escapeCell(person.positions.map((p) => `${p.organisation ?? ''}${p.title}`).join('、'))} |`);
      }
    }
    if (doc.amounts.length > 0) {
      lines.push('', `Amounts: ${doc.amounts.map((a) => `${a.text} = ${a.value.toLocaleString('en')} ${a.currency}${a.approximate ? ' (approx.)' : ''}`).join('; ')}`);
    }
    if (doc.removed.length > 0) lines.push('', `<details><summary>${doc.removed.length} boilerplate lines removed</summary>`, '', ...doc.removed.map((r) => `- ${escapeCell(r)}`), '', '</details>');
    lines.push('');
  }
  return lines.join('\n');
};
