import { articleKey, initiativeKey, normaliseName, organisationKey, personKey } from './keys';
import type {
  Block,
  ExtractedInitiative,
  Extraction,
  InitiativeKind,
  Money,
  OrganisationKind,
  ParsedPage,
} from './types';

/** What the first four stages made of one page. */
export type AnalysedDocument = {
  file: string;
  parsed: ParsedPage;
  extraction: Extraction;
  /** The decoded page exactly as read, kept as provenance. */
  rawText: string;
  /** Hash of the raw bytes: an unchanged page is recognised before any work is done. */
  contentHash: string;
  removed: string[];
  warnings: string[];
};

/**
 * Records already known, from the database or from earlier documents of this run. `documentId` is
 * null for records a dry run only pretends to have written.
 */
export type KnownOrganisation = { key: string; name: string; aliases: string[]; parentKey: string | null; documentId: string | null; published: boolean };
export type KnownPerson = { key: string; name: string; positions: ResolvedPosition[]; documentId: string | null; published: boolean };
export type KnownInitiative = { key: string; organiserKeys: string[]; personKeys: string[]; documentId: string | null; published: boolean };
export type KnownArticle = {
  key: string;
  contentHash: string | null;
  documentId: string | null;
  published: boolean;
  /** What a report says of the article when its page is skipped as unchanged. */
  headline: { title: string; date: string | null; source: string | null; url: string | null };
};

export type EntityIndex = {
  organisations: Map<string, KnownOrganisation>;
  /** Normalised name or distinctive alias → organisation keys. */
  organisationNames: Map<string, string[]>;
  persons: Map<string, KnownPerson>;
  /** Normalised name → person keys. */
  personNames: Map<string, string[]>;
  initiatives: Map<string, KnownInitiative>;
  articles: Map<string, KnownArticle>;
  /** Content hash → article key, to skip unchanged pages before analysing them. */
  articleHashes: Map<string, string>;
};

export const emptyIndex = (): EntityIndex => ({
  organisations: new Map(),
  organisationNames: new Map(),
  persons: new Map(),
  personNames: new Map(),
  initiatives: new Map(),
  articles: new Map(),
  articleHashes: new Map(),
});

const GENERIC_ORGANISATION_WORDS = /^(?:本|该|我|全国|省|市|县|区|镇|乡)?(?:总商会|商会|协会|学会|工商联|工商业联合会|联合会|促进会|研究会|基金会|公司|集团|政府|党委|党支部|支部)$/;

/**
 * Short forms such as 协会 or 县工商联 mean different organisations in different documents, so only
 * distinctive aliases (a company's brand name, say) are used to recognise an organisation in another document.
 */
export const isDistinctiveAlias = (alias: string): boolean => [...alias].length >= 2 && !GENERIC_ORGANISATION_WORDS.test(normaliseName(alias));

export type ResolvedOrganisation = {
  key: string;
  name: string;
  kind: OrganisationKind;
  aliases: string[];
  parentKey: string | null;
};

export type ResolvedPosition = { title: string; organisationKey: string | null };

export type ResolvedPerson = {
  key: string;
  name: string;
  positions: ResolvedPosition[];
  /** Why an editor should look at this person, or null. */
  reviewReason: string | null;
};

export type ResolvedInitiative = {
  key: string;
  name: string;
  kind: InitiativeKind;
  organiserKeys: string[];
  personKeys: string[];
  amounts: Money[];
};

export type ResolvedQuote = { text: string; speakerKey: string | null; speakerTitle: string | null };

export type ResolvedArticle = {
  key: string;
  title: string;
  date: string | null;
  source: string | null;
  sourceOrganisationKey: string | null;
  url: string | null;
  reporter: string | null;
  correspondent: string | null;
  editor: string | null;
  summary: string | null;
  blocks: Block[];
  quotes: ResolvedQuote[];
  amounts: Money[];
  organisationKeys: string[];
  personKeys: string[];
  initiativeKeys: string[];
  rawText: string;
  contentHash: string;
  reviewReasons: string[];
};

export type ResolvedDocument = {
  file: string;
  article: ResolvedArticle;
  organisations: ResolvedOrganisation[];
  persons: ResolvedPerson[];
  initiatives: ResolvedInitiative[];
  /** The report's view of the page, before any database work. */
  analysed: AnalysedDocument;
};

const SUMMARY_LENGTH = 120;

const summarise = (blocks: Block[]): string | null => {
  const first = blocks.find((block) => block.type === 'paragraph');
  if (first === undefined) return null;
  const chars = [...first.text];
  return chars.length <= SUMMARY_LENGTH ? first.text : `${chars.slice(0, SUMMARY_LENGTH).join('')}…`;
};

const unique = <T>(values: T[]): T[] => [...new Set(values)];

/**
 * Finds the organisation a printed name means: the same normalised name, or an alias of exactly
 * one known organisation. An alias shared by several organisations is ambiguous and matches none.
 */
const matchOrganisation = (name: string, index: EntityIndex): string | null => {
  const exact = organisationKey(name);
  if (index.organisations.has(exact)) return exact;
  const byAlias = index.organisationNames.get(normaliseName(name)) ?? [];
  return byAlias.length === 1 ? byAlias[0] : null;
};

/**
 * Turns one document's extraction into records with natural keys, matched against what is already
 * known. Pure: the index is read, never written; the runner adds the document's records to it once
 * they are safely stored.
 */
export const resolve = (doc: AnalysedDocument, index: EntityIndex): ResolvedDocument => {
  const { parsed, extraction } = doc;
  const cleanedText = [parsed.title ?? '', ...parsed.blocks.map((block) => block.text)].join('\n');
  const key = articleKey(parsed.url, cleanedText);
  const reviewReasons = [...extraction.uncertain];

  const organisationKeyByName = new Map<string, string>();
  const organisations: ResolvedOrganisation[] = [];
  for (const organisation of extraction.organisations) {
    const matched = matchOrganisation(organisation.name, index);
    const resolvedKey = matched ?? organisationKey(organisation.name);
    organisationKeyByName.set(organisation.name, resolvedKey);
    for (const alias of organisation.aliases) organisationKeyByName.set(alias, resolvedKey);
    if (organisations.some((existing) => existing.key === resolvedKey)) continue;
    organisations.push({ key: resolvedKey, name: organisation.name, kind: organisation.kind, aliases: organisation.aliases, parentKey: null });
  }
  for (const organisation of extraction.organisations) {
    if (organisation.parent === null) continue;
    const resolved = organisations.find((candidate) => candidate.key === organisationKeyByName.get(organisation.name));
    const parentKey = organisationKeyByName.get(organisation.parent) ?? matchOrganisation(organisation.parent, index);
    if (resolved !== undefined && parentKey !== null && parentKey !== undefined && parentKey !== resolved.key) resolved.parentKey = parentKey;
  }
  const keyOfOrganisation = (name: string | null): string | null => {
    if (name === null) return null;
    return organisationKeyByName.get(name) ?? matchOrganisation(name, index) ?? null;
  };

  const personKeyByName = new Map<string, string>();
  const persons: ResolvedPerson[] = [];
  for (const person of extraction.persons) {
    const positions = person.positions.map((position) => ({ title: position.title, organisationKey: keyOfOrganisation(position.organisation) }));
    const ownOrganisations = unique(positions.map((position) => position.organisationKey).filter((k): k is string => k !== null));
    const namesakes = (index.personNames.get(normaliseName(person.name)) ?? [])
      .map((candidate) => index.persons.get(candidate))
      .filter((candidate): candidate is KnownPerson => candidate !== undefined);
    const sameOrganisation = namesakes.find((candidate) =>
      candidate.positions.some((position) => position.organisationKey !== null && ownOrganisations.includes(position.organisationKey))
    );
    let reviewReason: string | null = null;
    let resolvedKey: string;
    if (sameOrganisation !== undefined) {
      resolvedKey = sameOrganisation.key;
    } else {
      resolvedKey = personKey(person.name, ownOrganisations[0] ?? null, key);
      const others = namesakes.filter((candidate) => candidate.key !== resolvedKey);
      if (others.length > 0) {
        reviewReason = `同名人物「${person.name}」已有 ${others.length} 条记录，但机构不同，未合并；请核实是否为同一人`;
      }
    }
    personKeyByName.set(person.name, resolvedKey);
    if (reviewReason !== null) reviewReasons.push(reviewReason);
    persons.push({ key: resolvedKey, name: person.name, positions, reviewReason });
  }

  const initiatives = extraction.initiatives.map((initiative: ExtractedInitiative) => ({
    key: initiativeKey(initiative.name, initiative.kind, key),
    name: initiative.name,
    kind: initiative.kind,
    organiserKeys: unique(initiative.organisers.map(keyOfOrganisation).filter((k): k is string => k !== null)),
    personKeys: unique(initiative.people.map((name) => personKeyByName.get(name)).filter((k): k is string => k !== undefined)),
    amounts: initiative.amounts,
  }));

  const quotes = extraction.quotes.map((quote) => ({
    text: quote.text,
    speakerKey: quote.speaker === null ? null : (personKeyByName.get(quote.speaker) ?? null),
    speakerTitle: quote.speakerTitle,
  }));

  const article: ResolvedArticle = {
    key,
    title: parsed.title ?? '',
    date: parsed.date,
    source: parsed.source,
    sourceOrganisationKey: parsed.source === null ? null : keyOfOrganisation(parsed.source),
    url: parsed.url,
    reporter: parsed.reporter,
    correspondent: parsed.correspondent,
    editor: parsed.editor,
    summary: summarise(parsed.blocks),
    blocks: parsed.blocks,
    quotes,
    amounts: extraction.amounts,
    organisationKeys: organisations.map((organisation) => organisation.key),
    personKeys: persons.map((person) => person.key),
    initiativeKeys: initiatives.map((initiative) => initiative.key),
    rawText: doc.rawText,
    contentHash: doc.contentHash,
    reviewReasons: unique(reviewReasons),
  };
  return { file: doc.file, article, organisations, persons, initiatives, analysed: doc };
};

/**
 * Adds a stored document's records to the index, so later documents match them and a re-run sees
 * them as existing. `documentIds` maps keys to the documents the load stage wrote (empty in a dry run).
 */
export const remember = (index: EntityIndex, doc: ResolvedDocument, documentIds: ReadonlyMap<string, string>, published: boolean): void => {
  const idOf = (key: string, known: { documentId: string | null } | undefined) => documentIds.get(key) ?? known?.documentId ?? null;
  for (const organisation of doc.organisations) {
    const known = index.organisations.get(organisation.key);
    const aliases = unique([...(known?.aliases ?? []), ...organisation.aliases]);
    index.organisations.set(organisation.key, {
      key: organisation.key,
      name: known?.name ?? organisation.name,
      aliases,
      parentKey: known?.parentKey ?? organisation.parentKey,
      documentId: idOf(organisation.key, known),
      published: published || known?.published === true,
    });
    addName(index.organisationNames, normaliseName(known?.name ?? organisation.name), organisation.key);
    for (const alias of aliases.filter(isDistinctiveAlias)) addName(index.organisationNames, normaliseName(alias), organisation.key);
  }
  for (const person of doc.persons) {
    const known = index.persons.get(person.key);
    index.persons.set(person.key, {
      key: person.key,
      name: known?.name ?? person.name,
      positions: mergePositions(known?.positions ?? [], person.positions),
      documentId: idOf(person.key, known),
      published: published || known?.published === true,
    });
    addName(index.personNames, normaliseName(person.name), person.key);
  }
  for (const initiative of doc.initiatives) {
    const known = index.initiatives.get(initiative.key);
    index.initiatives.set(initiative.key, {
      key: initiative.key,
      organiserKeys: unique([...(known?.organiserKeys ?? []), ...initiative.organiserKeys]),
      personKeys: unique([...(known?.personKeys ?? []), ...initiative.personKeys]),
      documentId: idOf(initiative.key, known),
      published: published || known?.published === true,
    });
  }
  const knownArticle = index.articles.get(doc.article.key);
  if (knownArticle?.contentHash !== null && knownArticle?.contentHash !== undefined) index.articleHashes.delete(knownArticle.contentHash);
  index.articles.set(doc.article.key, {
    key: doc.article.key,
    contentHash: doc.article.contentHash,
    documentId: idOf(doc.article.key, knownArticle),
    published: published || knownArticle?.published === true,
    headline: { title: doc.article.title, date: doc.article.date, source: doc.article.source, url: doc.article.url },
  });
  index.articleHashes.set(doc.article.contentHash, doc.article.key);
};

const samePosition = (a: ResolvedPosition, b: ResolvedPosition): boolean => a.title === b.title && a.organisationKey === b.organisationKey;

/** Known positions first, in their order, then the new ones; a position is a (title, organisation) pair. */
export const mergePositions = (known: ResolvedPosition[], added: ResolvedPosition[]): ResolvedPosition[] => [
  ...known,
  ...added.filter((position, index) => !known.some((k) => samePosition(k, position)) && added.findIndex((a) => samePosition(a, position)) === index),
];

export const addName = (names: Map<string, string[]>, name: string, key: string): void => {
  const keys = names.get(name) ?? [];
  if (!keys.includes(key)) names.set(name, [...keys, key]);
};
