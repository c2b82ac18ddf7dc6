import { RULES_VERSION, sha256 } from './keys';
import { mergePositions, type EntityIndex, type ResolvedArticle, type ResolvedDocument, type ResolvedPosition } from './resolve';
import type { BlockType, Evidence, Extraction, InitiativeKind, Money, OrganisationKind } from './types';

export type Action = 'create' | 'update' | 'unchanged';

/**
 * An article's importer-owned fields in a canonical form that does not depend on how Strapi stores
 * them: relations are natural keys, components are plain values. Comparing these tells whether the
 * source changed and whether an editor changed a field since the last import.
 */
export type ArticleFields = {
  title: string;
  summary: string | null;
  publicationDate: string | null;
  body: Array<{ type: BlockType; text: string }>;
  source: { publisherName: string | null; publisherKey: string | null; url: string | null };
  reporter: string | null;
  correspondent: string | null;
  editor: string | null;
  quotes: Array<{ text: string; speakerKey: string | null; speakerTitle: string | null }>;
  amounts: Money[];
  mentionedOrganisations: string[];
  mentionedPersons: string[];
  mentionedInitiatives: string[];
};

export type ArticleField = keyof ArticleFields;

export const ARTICLE_FIELDS: readonly ArticleField[] = [
  'title',
  'summary',
  'publicationDate',
  'body',
  'source',
  'reporter',
  'correspondent',
  'editor',
  'quotes',
  'amounts',
  'mentionedOrganisations',
  'mentionedPersons',
  'mentionedInitiatives',
];

/** An article as stored: its current fields and the fingerprints of what the importer last wrote. */
export type StoredArticle = {
  documentId: string;
  fields: ArticleFields;
  importedValues: Partial<Record<ArticleField, string>>;
};

export type ArticlePlan = {
  action: Action;
  key: string;
  documentId: string | null;
  /** The fields to write: all of them on create, the changed ones the editor left alone on update. */
  fields: Partial<ArticleFields>;
  /** Fields the source changed but an editor had changed too: the editor's version stays. */
  keptEditorChanges: ArticleField[];
  importedValues: Record<ArticleField, string>;
  rawText: string;
  contentHash: string;
  reviewReasons: string[];
  /**
   * Where on the page each extracted fact was read, stored with the article for editors. Set by
   * `plan`; a page skipped as unchanged is not analysed again and writes nothing, so it has none.
   */
  evidence?: ImportEvidence;
};

export type OrganisationPlan = {
  action: Action;
  key: string;
  documentId: string | null;
  name: string;
  kind: OrganisationKind;
  aliases: string[];
  parentKey: string | null;
};

export type PersonPlan = {
  action: Action;
  key: string;
  documentId: string | null;
  name: string;
  positions: ResolvedPosition[];
  reviewReason: string | null;
};

export type InitiativePlan = {
  action: Action;
  key: string;
  documentId: string | null;
  name: string;
  kind: InitiativeKind;
  organiserKeys: string[];
  personKeys: string[];
  amounts: Money[];
};

export type DocumentPlan = {
  file: string;
  article: ArticlePlan;
  organisations: OrganisationPlan[];
  persons: PersonPlan[];
  initiatives: InitiativePlan[];
};

const sortedKeys = (keys: string[]): string[] => [...new Set(keys)].sort();

/** Characters Markdown (CommonMark with GitHub's extensions) reads as markup wherever they are: HTML, links, code, emphasis. */
const INLINE_MARKUP = /[\\`*_[\]<>&~]/gu;
/** ... and at the start of a line: headings, block quotes, list items, thematic breaks, setext underlines. */
const LINE_START_MARKUP = /^([ \t]*)(?:([#+\-=])|(\d{1,9})([.)])(?=[ \t]|$))/u;

const escapeLineStart = (line: string): string =>
  line.replace(LINE_START_MARKUP, (_whole: string, indent: string, mark: string | undefined, digits: string | undefined, delimiter: string | undefined) =>
    mark !== undefined ? `${indent}\\${mark}` : `${indent}${digits ?? ''}\\${delimiter ?? ''}`,
  );

/**
 * Imported text as Markdown that reads back as exactly that text: every character that would start
 * markup is backslash-escaped (CommonMark lets any ASCII punctuation be escaped), so `<script>` or
 * `<img onerror=…>` in a page becomes visible text and never HTML, and `[x](javascript:…)` never a
 * link. Chinese text uses full-width punctuation, which is not markup, so it is left as it reads.
 */
export const markdownText = (text: string): string =>
  text
    .replace(INLINE_MARKUP, (char) => `\\${char}`)
    .split('\n')
    .map(escapeLineStart)
    .join('\n');

/** Body blocks as stored: paragraphs are Markdown rich text; subheadings and captions are plain strings. */
const bodyBlock = (block: { type: BlockType; text: string }): { type: BlockType; text: string } => ({
  type: block.type,
  text: block.type === 'paragraph' ? markdownText(block.text) : block.text,
});

export const articleFields = (article: ResolvedArticle): ArticleFields => ({
  title: article.title,
  summary: article.summary,
  publicationDate: article.date,
  body: article.blocks.map(bodyBlock),
  source: { publisherName: article.source, publisherKey: article.sourceOrganisationKey, url: article.url },
  reporter: article.reporter,
  correspondent: article.correspondent,
  editor: article.editor,
  quotes: article.quotes.map((quote) => ({ text: quote.text, speakerKey: quote.speakerKey, speakerTitle: quote.speakerTitle })),
  amounts: article.amounts.map((amount) => ({ text: amount.text, value: amount.value, currency: amount.currency, approximate: amount.approximate })),
  mentionedOrganisations: sortedKeys(article.organisationKeys),
  mentionedPersons: sortedKeys(article.personKeys),
  mentionedInitiatives: sortedKeys(article.initiativeKeys),
});

/** Key order is fixed by construction, so JSON is a stable canonical form. */
export const fingerprint = (value: unknown): string => sha256(JSON.stringify(value ?? null)).slice(0, 16);

export const fingerprints = (fields: ArticleFields): Record<ArticleField, string> =>
  Object.fromEntries(ARTICLE_FIELDS.map((field) => [field, fingerprint(fields[field])])) as Record<ArticleField, string>;

export const planArticle = (article: ResolvedArticle, stored: StoredArticle | null): ArticlePlan => {
  const next = articleFields(article);
  const nextPrints = fingerprints(next);
  const base = { key: article.key, rawText: article.rawText, contentHash: article.contentHash, reviewReasons: article.reviewReasons };
  if (stored === null) {
    return { ...base, action: 'create', documentId: null, fields: next, keptEditorChanges: [], importedValues: nextPrints };
  }
  const currentPrints = fingerprints(stored.fields);
  const fields: Partial<ArticleFields> = {};
  const keptEditorChanges: ArticleField[] = [];
  for (const field of ARTICLE_FIELDS) {
    if (nextPrints[field] === currentPrints[field]) continue;
    const editedSinceImport = stored.importedValues[field] !== undefined && stored.importedValues[field] !== currentPrints[field];
    if (editedSinceImport) {
      keptEditorChanges.push(field);
    } else {
      Object.assign(fields, { [field]: next[field] });
    }
  }
  const action: Action = Object.keys(fields).length > 0 ? 'update' : 'unchanged';
  return { ...base, action, documentId: stored.documentId, fields, keptEditorChanges, importedValues: nextPrints };
};

/**
 * The article's evidence for editors: what the rules of `rulesVersion` read, and the sentence and
 * offsets each fact was read at (offsets into the page's headline and blocks joined by line breaks,
 * as extraction read them). It is provenance, like the raw text it is written with, not a field:
 * editors never edit it, it has no fingerprint, and a re-import never takes it for an editor's change.
 */
export type ImportEvidence = {
  rulesVersion: string;
  positions: Array<{ person: string; title: string; organisation: string | null } & Evidence>;
  amounts: Array<{ text: string; value: number; currency: string; approximate: boolean } & Evidence>;
  quotes: Array<{ speaker: string | null; speakerTitle: string | null; text: string } & Evidence>;
  initiatives: Array<{ name: string; kind: InitiativeKind } & Evidence>;
  /** One line per list that was cut to EVIDENCE_LIST_LIMIT; empty when nothing was cut. */
  notes: string[];
};

/** Each list keeps this many entries, so one odd page (a long list of names, say) cannot make the article row huge. */
export const EVIDENCE_LIST_LIMIT = 200;
/** A sentence or quote without punctuation can run on; it is cut here, and the offsets, which are the page's, still point at the whole span. */
export const EVIDENCE_TEXT_LIMIT = 200;

const clip = (text: string): string => {
  const chars = [...text];
  return chars.length <= EVIDENCE_TEXT_LIMIT ? text : `${chars.slice(0, EVIDENCE_TEXT_LIMIT).join('')}…`;
};

const spot = (evidence: Evidence): Evidence => ({ sentence: clip(evidence.sentence), start: evidence.start, end: evidence.end });

/** Only facts that carry evidence are listed: the list is where to look, not a second copy of the extraction. */
const withEvidence = <T extends { evidence?: Evidence }, U>(items: T[], entry: (item: T, evidence: Evidence) => U): U[] =>
  items.flatMap((item) => (item.evidence === undefined ? [] : [entry(item, spot(item.evidence))]));

export const importEvidence = (extraction: Extraction): ImportEvidence => {
  const notes: string[] = [];
  const bounded = <T>(list: string, entries: T[]): T[] => {
    if (entries.length <= EVIDENCE_LIST_LIMIT) return entries;
    notes.push(`${list}: kept the first ${EVIDENCE_LIST_LIMIT} of ${entries.length}`);
    return entries.slice(0, EVIDENCE_LIST_LIMIT);
  };
  const positions = extraction.persons.flatMap((person) =>
    withEvidence(person.positions, (position, evidence) => ({ person: person.name, title: position.title, organisation: position.organisation, ...evidence }))
  );
  return {
    rulesVersion: RULES_VERSION,
    positions: bounded('positions', positions),
    amounts: bounded(
      'amounts',
      withEvidence(extraction.amounts, (amount, evidence) => ({ text: amount.text, value: amount.value, currency: amount.currency, approximate: amount.approximate, ...evidence }))
    ),
    quotes: bounded(
      'quotes',
      withEvidence(extraction.quotes, (quote, evidence) => ({ speaker: quote.speaker, speakerTitle: quote.speakerTitle, text: clip(quote.text), ...evidence }))
    ),
    initiatives: bounded('initiatives', withEvidence(extraction.initiatives, (initiative, evidence) => ({ name: initiative.name, kind: initiative.kind, ...evidence }))),
    notes,
  };
};

/**
 * Decides what to write for one document. Organisations, persons and initiatives only ever gain
 * information from an import (aliases, positions, organisers); what an editor wrote on them is
 * never overwritten.
 */
export const plan = (doc: ResolvedDocument, index: EntityIndex, stored: StoredArticle | null): DocumentPlan => {
  const organisations = doc.organisations.map((organisation): OrganisationPlan => {
    const known = index.organisations.get(organisation.key);
    if (known === undefined) return { ...organisation, action: 'create', documentId: null };
    const aliases = [...new Set([...known.aliases, ...organisation.aliases])];
    const gainsAlias = aliases.length > known.aliases.length;
    const gainsParent = known.parentKey === null && organisation.parentKey !== null;
    return {
      ...organisation,
      name: known.name,
      aliases,
      parentKey: known.parentKey ?? organisation.parentKey,
      action: gainsAlias || gainsParent ? 'update' : 'unchanged',
      documentId: known.documentId,
    };
  });
  const persons = doc.persons.map((person): PersonPlan => {
    const known = index.persons.get(person.key);
    if (known === undefined) return { ...person, action: 'create', documentId: null };
    const positions = mergePositions(known.positions, person.positions);
    return {
      ...person,
      name: known.name,
      positions,
      action: positions.length > known.positions.length ? 'update' : 'unchanged',
      documentId: known.documentId,
    };
  });
  const initiatives = doc.initiatives.map((initiative): InitiativePlan => {
    const known = index.initiatives.get(initiative.key);
    if (known === undefined) return { ...initiative, action: 'create', documentId: null };
    const organiserKeys = [...new Set([...known.organiserKeys, ...initiative.organiserKeys])];
    const personKeys = [...new Set([...known.personKeys, ...initiative.personKeys])];
    const grows = organiserKeys.length > known.organiserKeys.length || personKeys.length > known.personKeys.length;
    return { ...initiative, organiserKeys, personKeys, action: grows ? 'update' : 'unchanged', documentId: known.documentId };
  });
  const article = { ...planArticle(doc.article, stored), evidence: importEvidence(doc.analysed.extraction) };
  return { file: doc.file, article, organisations, persons, initiatives };
};
