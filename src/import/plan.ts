import { sha256 } from './keys';
import { mergePositions, type EntityIndex, type ResolvedArticle, type ResolvedDocument, type ResolvedPosition } from './resolve';
import type { BlockType, InitiativeKind, Money, OrganisationKind } from './types';

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
  return { file: doc.file, article: planArticle(doc.article, stored), organisations, persons, initiatives };
};
