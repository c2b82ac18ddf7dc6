import { claimsOf, reconcile, type Reconciled } from './claims';
import { identityReviewReason, type ArticleMatch } from './identity';
import { canonicalJson, fingerprint, RULES_VERSION } from './keys';
import type { EntityIndex, StoredPosition } from './known';
import type { RecordMemory } from './memory';
import {
  describeAmount,
  describeInitiative,
  describeKey,
  describeQuote,
  describePerson,
  describeReconciled,
  mergeCandidates,
  mergeUnsettled,
  namesFrom,
  nothingUnsettled,
  settle,
  type Candidates,
  type Described,
  type Names,
  type PageChanges,
  type Unsettled,
} from './changes';
import { planRecords } from './plan-records';
import type { ResolvedArticle, ResolvedDocument } from './resolve';
import { isEmptySeo, seoFields, type SeoFields } from './seo';
import type { BlockType, Evidence, Extraction, InitiativeKind, Money, OrganisationKind } from './types';

export { fingerprint };

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
  /** Photo blocks (captions) carry the address of their image in the source page, when it has one. */
  body: BodyBlock[];
  source: { publisherName: string | null; publisherKey: string | null; url: string | null };
  reporter: string | null;
  correspondent: string | null;
  editor: string | null;
  quotes: Array<{ text: string; speakerKey: string | null; speakerTitle: string | null }>;
  amounts: Money[];
  mentionedOrganisations: string[];
  mentionedPersons: string[];
  mentionedInitiatives: string[];
  /** Search-engine fields made from the title, summary and URL (seo.ts). */
  seo: SeoFields;
};

export type BodyBlock = { type: BlockType; text: string; sourceUrl?: string };

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
  'seo',
];

/**
 * Fields the importer began to write after articles had been imported: on those articles an editor
 * may have filled them, and no fingerprint says so. A value there without a fingerprint is an editor's.
 */
const LATER_FIELDS: Partial<Record<ArticleField, (value: unknown) => boolean>> = {
  seo: (value) => !isEmptySeo(value as SeoFields),
};

/** Fields whose values are lists of links: each link, not the whole field, is the importer's or an editor's (see claims.ts). */
export const LINK_FIELDS = ['quotes', 'amounts', 'mentionedOrganisations', 'mentionedPersons', 'mentionedInitiatives'] as const;

export type LinkField = (typeof LINK_FIELDS)[number];

const isLinkField = (field: ArticleField): field is LinkField => (LINK_FIELDS as readonly string[]).includes(field);

/** The identities of the links the importer last made on an article, per field: its `importedLinks`. */
export type ImportedLinks = Partial<Record<LinkField, string[]>>;

/** A link's identity: the key it points at, or the whole value of a quote or an amount. */
export const linkIdentity = (item: unknown): string => (typeof item === 'string' ? item : canonicalJson(item));

/** An article as stored: its current fields and what the importer last wrote. */
export type StoredArticle = {
  documentId: string;
  fields: ArticleFields;
  /** The fingerprints of the field values the importer last wrote. */
  importedValues: Partial<Record<ArticleField, string>>;
  /** The links the importer last made; absent on articles imported before it kept them. */
  importedLinks?: ImportedLinks | null;
  /** The page as last imported, to tell a changed page from a changed reading of the same page. */
  rawText?: string | null;
};

export type ArticlePlan = {
  action: Action;
  key: string;
  documentId: string | null;
  /** The fields to write: all of them on create, the changed ones the editor left alone on update. */
  fields: Partial<ArticleFields>;
  /** Fields the source changed but an editor had changed too: the editor's version (or links) stays. */
  keptEditorChanges: ArticleField[];
  importedValues: Record<ArticleField, string>;
  importedLinks: ImportedLinks;
  rawText: string;
  contentHash: string;
  reviewReasons: string[];
  /** The key the article had before, when this import gives it another (a path or URL for a text hash, say); else null. */
  formerKey: string | null;
  /** The stored near-duplicate fingerprint of its text ('' when unknown). */
  fingerprint: string;
  headline: { title: string; date: string | null; source: string | null; url: string | null };
  /** The source address of the photo that would make the best cover (see resolve); set as the cover when fetched. */
  cover?: string | null;
  /** No field changes, but the page was read again: its provenance (hash, evidence, links, fingerprint, review reasons) is written. */
  refresh: boolean;
  /**
   * Where on the page each extracted fact was read, stored with the article for editors. Set by
   * `plan`; a page skipped as unchanged is not analysed again and writes nothing, so it has none.
   */
  evidence?: ImportEvidence;
};

/** Organisations, persons and initiatives: `memory` is what the record's `importedValues` holds after this import. */
type RecordPlan = { action: Action; key: string; documentId: string | null; memory: RecordMemory; memoryChanged: boolean };

export type OrganisationPlan = RecordPlan & { name: string; kind: OrganisationKind; aliases: string[]; parentKey: string | null };

export type PersonPlan = RecordPlan & {
  name: string;
  positions: StoredPosition[];
  reviewReason: string | null;
  /** The English name to write (generated from the name, see english-name.ts); absent when there is none to write. */
  nameEn?: string;
};

export type InitiativePlan = RecordPlan & { name: string; kind: InitiativeKind; organiserKeys: string[]; personKeys: string[]; amounts: Money[] };

export type DocumentPlan = {
  file: string;
  article: ArticlePlan;
  organisations: OrganisationPlan[];
  persons: PersonPlan[];
  initiatives: InitiativePlan[];
  /** Which article the page is, and by which rule. */
  match: ArticleMatch;
  /** What this import adds, removes and changes, and the editors' changes it keeps. */
  changes: PageChanges;
  /** Records that lost a link in this plan: orphaned if nothing else links to them. */
  orphanCandidates: Candidates;
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

/**
 * Body blocks in the importer's canonical form: paragraphs as escaped Markdown, subheadings and
 * captions as plain strings. It is the form the body was compared in when it was stored as
 * components, kept so that fingerprints stay valid; body.ts turns it into the stored blocks and back.
 */
const bodyBlock = (block: { type: BlockType; text: string }): BodyBlock => ({
  type: block.type,
  text: block.type === 'paragraph' ? markdownText(block.text) : block.text,
});

/**
 * The body with its photos: a caption block gets the address of the photo above it, and a photo
 * printed without a caption becomes a photo block of its own (captioned by its alt text, if any)
 * where it stood.
 */
export const bodyWithPhotos = (blocks: ResolvedArticle['blocks'], photos: NonNullable<ResolvedArticle['photos']>): BodyBlock[] =>
  [...blocks, null].flatMap((block, index): BodyBlock[] => {
    const standalone = photos.filter((photo) => photo.block === index && !photo.captioned).map((photo): BodyBlock => ({ type: 'caption', text: photo.caption, sourceUrl: photo.src }));
    if (block === null) return standalone;
    const above = photos.find((photo) => photo.block === index && photo.captioned);
    return [...standalone, above === undefined ? bodyBlock(block) : { ...bodyBlock(block), sourceUrl: above.src }];
  });

export const articleFields = (article: ResolvedArticle): ArticleFields => ({
  title: article.title,
  summary: article.summary,
  publicationDate: article.date,
  body: bodyWithPhotos(article.blocks, article.photos ?? []),
  source: { publisherName: article.source, publisherKey: article.sourceOrganisationKey, url: article.url },
  reporter: article.reporter,
  correspondent: article.correspondent,
  editor: article.editor,
  quotes: article.quotes.map((quote) => ({ text: quote.text, speakerKey: quote.speakerKey, speakerTitle: quote.speakerTitle })),
  amounts: article.amounts.map((amount) => ({ text: amount.text, value: amount.value, currency: amount.currency, approximate: amount.approximate })),
  mentionedOrganisations: sortedKeys(article.organisationKeys),
  mentionedPersons: sortedKeys(article.personKeys),
  mentionedInitiatives: sortedKeys(article.initiativeKeys),
  seo: seoFields(article.title, article.summary, article.url),
});

export const fingerprints = (fields: ArticleFields): Record<ArticleField, string> =>
  Object.fromEntries(ARTICLE_FIELDS.map((field) => [field, fingerprint(fields[field])])) as Record<ArticleField, string>;

type LinkItems = Array<ArticleFields[LinkField][number]>;

/** What an article's link fields become: each link reconciled with what the importer last asserted. */
export type LinkReconciliations = Partial<Record<LinkField, Reconciled<unknown>>>;

/**
 * One link field of an article read again. The importer's last links are its claims on the field;
 * an article imported before it kept them has as claims its current links when no editor changed
 * the field, and no reconciliation when one did: the editor's version stays whole, as before.
 */
const reconcileField = (field: LinkField, article: ResolvedArticle, stored: StoredArticle, next: ArticleFields, formerKeys: string[]): Reconciled<unknown> | null => {
  const current = stored.fields[field] as LinkItems;
  const last = stored.importedLinks?.[field];
  const edited = stored.importedValues[field] !== undefined && stored.importedValues[field] !== fingerprint(current);
  if (last === undefined && edited) return null;
  const claims = claimsOf(last ?? current.map(linkIdentity), article.key);
  const result = reconcile<unknown>({ current, claims, identity: linkIdentity, article: article.key, formerKeys, asserted: next[field] as LinkItems });
  // Relations are sets, kept sorted so that equal sets compare equal.
  return field === 'quotes' || field === 'amounts' ? result : { ...result, items: [...(result.items as string[])].sort() };
};

const headlineOf = (article: ResolvedArticle): ArticlePlan['headline'] => ({ title: article.title, date: article.date, source: article.source, url: article.url });

export const planArticle = (article: ResolvedArticle, stored: StoredArticle | null): ArticlePlan & { links: LinkReconciliations } => {
  const next = articleFields(article);
  const nextPrints = fingerprints(next);
  const formerKey = article.match?.matchedKey !== undefined && article.match.matchedKey !== null && article.match.matchedKey !== article.key ? article.match.matchedKey : null;
  const base = {
    key: article.key,
    rawText: article.rawText,
    contentHash: article.contentHash,
    reviewReasons: article.reviewReasons,
    formerKey,
    fingerprint: article.fingerprint ?? '',
    headline: headlineOf(article),
    importedValues: nextPrints,
    cover: article.cover ?? null,
  };
  if (stored === null) {
    const importedLinks = Object.fromEntries(LINK_FIELDS.map((field) => [field, (next[field] as LinkItems).map(linkIdentity)]));
    return { ...base, action: 'create', documentId: null, fields: next, keptEditorChanges: [], importedLinks, refresh: false, links: {} };
  }
  const currentPrints = fingerprints(stored.fields);
  const fields: Partial<ArticleFields> = {};
  const keptEditorChanges: ArticleField[] = [];
  const importedLinks: ImportedLinks = {};
  const links: LinkReconciliations = {};
  for (const field of ARTICLE_FIELDS) {
    const reconciled = isLinkField(field) ? reconcileField(field, article, stored, next, formerKey === null ? [] : [formerKey]) : null;
    if (isLinkField(field)) importedLinks[field] = reconciled === null ? (next[field] as LinkItems).map(linkIdentity) : Object.keys(reconciled.claims);
    if (reconciled !== null) {
      links[field as LinkField] = reconciled;
      if (fingerprint(reconciled.items) !== currentPrints[field]) Object.assign(fields, { [field]: reconciled.items });
      const editorsKept = reconciled.keptEditors.length > 0 || reconciled.keptRemovals.length > 0;
      if (editorsKept && nextPrints[field] !== currentPrints[field]) keptEditorChanges.push(field);
      continue;
    }
    if (nextPrints[field] === currentPrints[field]) continue;
    const written = stored.importedValues[field];
    const editedSinceImport = written === undefined ? LATER_FIELDS[field]?.(stored.fields[field]) === true : written !== currentPrints[field];
    if (editedSinceImport) keptEditorChanges.push(field);
    else Object.assign(fields, { [field]: next[field] });
  }
  const changed = Object.keys(fields).length > 0 || formerKey !== null;
  return { ...base, action: changed ? 'update' : 'unchanged', documentId: stored.documentId, fields, keptEditorChanges, importedLinks, refresh: !changed, links };
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

export const importEvidence = (extraction: Extraction, rulesVersion: string = RULES_VERSION): ImportEvidence => {
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
    rulesVersion,
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

/** The match of an article made up without one (in a test): its key, and whether it is stored. */
const matchOf = (article: ResolvedArticle, stored: StoredArticle | null): ArticleMatch =>
  article.match ?? { rule: stored === null ? 'new' : 'url', key: article.key, matchedKey: stored === null ? null : article.key, similarity: null, duplicateOf: null };

/** Persons and initiatives the article linked before, or the importer did: this import decides about them again. */
export const previousLinks = (stored: StoredArticle | null): { persons: string[]; initiatives: string[] } => {
  if (stored === null) return { persons: [], initiatives: [] };
  const speakers = stored.fields.quotes.map((quote) => quote.speakerKey).filter((key): key is string => key !== null);
  const unique = (keys: string[]) => [...new Set(keys)];
  return {
    persons: unique([...stored.fields.mentionedPersons, ...speakers, ...(stored.importedLinks?.mentionedPersons ?? [])]),
    initiatives: unique([...stored.fields.mentionedInitiatives, ...(stored.importedLinks?.mentionedInitiatives ?? [])]),
  };
};

const isLink = (field: string): boolean => (LINK_FIELDS as readonly string[]).includes(field);

/** The article's own changes in words: links added, removed and kept; fields rewritten and kept. */
const articleChanges = (article: ReturnType<typeof planArticle>, names: Names): Unsettled => {
  const parse = (id: string): unknown => (id.startsWith('{') ? (JSON.parse(id) as unknown) : id);
  const describers: Record<LinkField, Described<never>> = {
    quotes: describeQuote(names),
    amounts: describeAmount,
    mentionedOrganisations: describeKey('organisation', (key) => names.organisation(key)),
    mentionedPersons: describePerson(names),
    mentionedInitiatives: describeInitiative(names),
  };
  const links = LINK_FIELDS.map((field) => {
    const result = article.links[field];
    return result === undefined ? nothingUnsettled() : describeReconciled(result as Reconciled<never>, describers[field], (id) => parse(id) as never);
  });
  const kept = article.keptEditorChanges.filter((field) => !isLink(field)).map((field) => `field ${field} (an editor's version, kept)`);
  return mergeUnsettled({ ...nothingUnsettled(), kept }, ...links);
};

/** Fields other than links that the plan rewrites on an article that exists. */
const changedFields = (article: ReturnType<typeof planArticle>): string[] =>
  article.action === 'create' ? [] : Object.keys(article.fields).filter((field) => !isLink(field)).map((field) => `field ${field}`);

/** Keys the article's own links no longer point at: mentions, quote speakers, a replaced publisher. */
const articleCandidates = (article: ReturnType<typeof planArticle>, stored: StoredArticle | null): Candidates => {
  const removed = (field: LinkField): string[] => (article.links[field]?.removed ?? []) as string[];
  const speakers = ((article.links.quotes?.removed ?? []) as ArticleFields['quotes']).map((quote) => quote.speakerKey).filter((key): key is string => key !== null);
  const publisher = article.fields.source !== undefined ? (stored?.fields.source.publisherKey ?? null) : null;
  return {
    organisations: [...removed('mentionedOrganisations'), ...(publisher === null ? [] : [publisher])],
    persons: [...removed('mentionedPersons'), ...speakers],
    initiatives: removed('mentionedInitiatives'),
  };
};

export type PlanOptions = { rulesVersion?: string };

/**
 * Decides what to write for one document. The article's fields are rewritten where the page
 * changed and no editor did; its links, a person's positions and an initiative's organisers and
 * people are the importer's claims, replaced by what the page asserts now, beside the links editors
 * made (see claims.ts). Organisations only gain aliases and a parent.
 */
export const plan = (doc: ResolvedDocument, index: EntityIndex, stored: StoredArticle | null, options: PlanOptions = {}): DocumentPlan => {
  const match = matchOf(doc.article, stored);
  const planned = planArticle(doc.article, stored);
  const { links, ...article } = planned;
  const identity = identityReviewReason(match, stored?.rawText !== doc.article.rawText, (key) => index.articles.get(key)?.headline.title ?? key);
  const reviewReasons = identity === null ? article.reviewReasons : [...article.reviewReasons, identity];
  const keys = { key: article.key, former: article.formerKey === null ? [] : [article.formerKey] };
  const names = namesFrom(index, {
    organisations: new Map(doc.organisations.map((organisation) => [organisation.key, organisation.name])),
    persons: new Map(doc.persons.map((person) => [person.key, person.name])),
    initiatives: new Map(doc.initiatives.map((initiative) => [initiative.key, initiative.name])),
  });
  const records = planRecords(doc, index, keys, previousLinks(stored), names);
  return {
    file: doc.file,
    article: { ...article, reviewReasons, evidence: importEvidence(doc.analysed.extraction, options.rulesVersion) },
    organisations: records.organisations,
    persons: records.persons,
    initiatives: records.initiatives,
    match,
    changes: settle(mergeUnsettled(articleChanges(planned, names), records.changes), changedFields(planned)),
    orphanCandidates: mergeCandidates(articleCandidates(planned, stored), records.candidates),
  };
};

/**
 * What each record of a plan links to once it is written: an article its mentions, speakers and
 * publisher; a person the organisations of their positions; an initiative its organisers and people;
 * an organisation its parent. A dry run reads orphans off these (see orphans.ts).
 */
export const linksAfter = (documentPlan: DocumentPlan, stored: StoredArticle | null): Array<[string, { documentId: string | null; links: string[] }]> => {
  const field = <F extends keyof ArticleFields>(name: F): ArticleFields[F] | undefined => documentPlan.article.fields[name] ?? stored?.fields[name];
  const article = [
    ...(field('mentionedOrganisations') ?? []),
    ...(field('mentionedPersons') ?? []),
    ...(field('mentionedInitiatives') ?? []),
    ...(field('quotes') ?? []).map((quote) => quote.speakerKey),
    field('source')?.publisherKey ?? null,
  ].filter((key): key is string => key !== null);
  return [
    [documentPlan.article.key, { documentId: documentPlan.article.documentId, links: article }],
    ...documentPlan.persons.map((person): [string, { documentId: string | null; links: string[] }] => [
      person.key,
      { documentId: person.documentId, links: person.positions.map((position) => position.organisationKey).filter((key): key is string => key !== null) },
    ]),
    ...documentPlan.initiatives.map((initiative): [string, { documentId: string | null; links: string[] }] => [
      initiative.key,
      { documentId: initiative.documentId, links: [...initiative.organiserKeys, ...initiative.personKeys] },
    ]),
    ...documentPlan.organisations.map((organisation): [string, { documentId: string | null; links: string[] }] => [
      organisation.key,
      { documentId: organisation.documentId, links: organisation.parentKey === null ? [] : [organisation.parentKey] },
    ]),
  ];
};

