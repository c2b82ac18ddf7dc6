import { encodeSignature, signatureOf } from './fingerprint';
import { articleText, matchArticle, type ArticleMatch, type PageOrigin } from './identity';
import { isOrganisationName, kindOf } from './extraction/organisation-names';
import { initiativeKey, normaliseName, organisationKey, personKey } from './keys';
import { learn, mergedInto, type EntityIndex, type KnownPerson } from './known';
import { plan } from './plan';
import { absolutePhotoUrl, coverOf } from './photos';
import type {
  Block,
  Photo,
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

export {
  addName,
  emptyIndex,
  isDistinctiveAlias,
  type EntityIndex,
  type KnownArticle,
  type KnownInitiative,
  type KnownOrganisation,
  type KnownPerson,
  type StoredPosition,
} from './known';

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
  /** The story's photos, their addresses absolute (see ParsedPage.photos); absent in articles made up in tests. */
  photos?: Photo[];
  /** The address of the photo that would make the best cover, or null. */
  cover?: string | null;
  quotes: ResolvedQuote[];
  amounts: Money[];
  organisationKeys: string[];
  personKeys: string[];
  initiativeKeys: string[];
  rawText: string;
  contentHash: string;
  reviewReasons: string[];
  /** Which article the page is, and by which rule (see identity.ts); absent for an article made up in a test. */
  match?: ArticleMatch;
  /** The stored form of the near-duplicate fingerprint of its text. */
  fingerprint?: string;
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
  const exact = mergedInto(index, organisationKey(name), index.organisations);
  if (index.organisations.has(exact)) return exact;
  const byAlias = index.organisationNames.get(normaliseName(name)) ?? [];
  return byAlias.length === 1 ? byAlias[0] : null;
};

/**
 * A namesake the index knows only on this article's word (a person this very page named before,
 * perhaps at another organisation): re-reading the page decides about them, so they are not a
 * different person to warn about.
 */
const onlyOnThisArticle = (person: KnownPerson, articleKeys: string[]): boolean => {
  if (articleKeys.some((key) => person.key.endsWith(`@article:${key}`))) return true;
  const claims = Object.values(person.memory.claims.positions ?? {});
  return claims.length > 0 && claims.every((articles) => articles.every((article) => articleKeys.includes(article)));
};

/** The page's organisations, matched to known ones by name or distinctive alias, and how to find one by a name the page prints. */
const resolveOrganisations = (extraction: Extraction, index: EntityIndex) => {
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
  return { organisations, keyOfOrganisation };
};

/**
 * The organisation the page credits as its publisher (来源): one the page names or one already known,
 * or, when the credit reads as an organisation's name (某某日报, 某某商会), a new one, so the article's
 * source links to it. A credit that does not (a site's nickname, a department) stays as printed only.
 */
const publisherOf = (source: string | null, keyOfOrganisation: (name: string | null) => string | null): { key: string | null; created: ResolvedOrganisation | null } => {
  if (source === null) return { key: null, created: null };
  const known = keyOfOrganisation(source);
  if (known !== null) return { key: known, created: null };
  if (!isOrganisationName(source)) return { key: null, created: null };
  const key = organisationKey(source);
  return { key, created: { key, name: source, kind: kindOf(source), aliases: [], parentKey: null } };
};

/**
 * The page's persons: the known person of the same name at one of the same organisations, or a new
 * one (flagged when namesakes elsewhere were not merged). `articleKeys` are the article's keys, now and before.
 */
const resolvePersons = (extraction: Extraction, index: EntityIndex, keyOfOrganisation: (name: string | null) => string | null, articleKeys: string[]) => {
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
    const resolvedKey = sameOrganisation?.key ?? mergedInto(index, personKey(person.name, ownOrganisations[0] ?? null, articleKeys[0]), index.persons);
    const others = sameOrganisation === undefined ? namesakes.filter((candidate) => candidate.key !== resolvedKey && !onlyOnThisArticle(candidate, articleKeys)) : [];
    const reviewReason = others.length > 0 ? `同名人物「${person.name}」已有 ${others.length} 条记录，但机构不同，未合并；请核实是否为同一人` : null;
    personKeyByName.set(person.name, resolvedKey);
    persons.push({ key: resolvedKey, name: person.name, positions, reviewReason });
  }
  return { persons, personKeyByName };
};

/**
 * Turns one document's extraction into records with natural keys, matched against what is already
 * known. Pure: the index is read, never written; the runner adds the document's records to it once
 * they are safely stored. `origin` says where the page came from (its path under the import root
 * and its URL); by default, the file as given and the URL the page prints.
 */
export const resolve = (doc: AnalysedDocument, index: EntityIndex, origin: PageOrigin = { relativePath: doc.file, url: doc.parsed.url }): ResolvedDocument => {
  const { parsed, extraction } = doc;
  const signature = signatureOf(articleText(parsed.title, parsed.blocks.map((block) => block.text)));
  const match = matchArticle(index, origin, signature, doc.file);
  const key = match.key;
  const articleKeys = match.matchedKey === null || match.matchedKey === key ? [key] : [key, match.matchedKey];
  const reviewReasons = [...extraction.uncertain];

  const { organisations, keyOfOrganisation } = resolveOrganisations(extraction, index);
  const { persons, personKeyByName } = resolvePersons(extraction, index, keyOfOrganisation, articleKeys);
  reviewReasons.push(...persons.map((person) => person.reviewReason).filter((reason): reason is string => reason !== null));

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

  // A photo whose address cannot be made absolute (a relative one on a page without a URL) is of no use.
  const photos = (parsed.photos ?? []).flatMap((photo) => {
    const src = absolutePhotoUrl(photo.src, origin.url ?? parsed.url);
    return src === null ? [] : [{ ...photo, src }];
  });

  const publisher = publisherOf(parsed.source, keyOfOrganisation);
  const article: ResolvedArticle = {
    key,
    title: parsed.title ?? '',
    date: parsed.date,
    source: parsed.source,
    sourceOrganisationKey: publisher.key,
    url: origin.url,
    reporter: parsed.reporter,
    correspondent: parsed.correspondent,
    editor: parsed.editor,
    summary: summarise(parsed.blocks),
    blocks: parsed.blocks,
    photos,
    cover: coverOf(photos),
    quotes,
    amounts: extraction.amounts,
    organisationKeys: organisations.map((organisation) => organisation.key),
    personKeys: persons.map((person) => person.key),
    initiativeKeys: initiatives.map((initiative) => initiative.key),
    rawText: doc.rawText,
    contentHash: doc.contentHash,
    reviewReasons: unique(reviewReasons),
    match,
    fingerprint: encodeSignature(signature),
  };
  // The publisher is the source's organisation, not one the article mentions.
  const withPublisher = publisher.created === null ? organisations : [...organisations, publisher.created];
  return { file: doc.file, article, organisations: withPublisher, persons, initiatives, analysed: doc };
};

/**
 * Adds a document's records to the index as a write of it would leave them, so later documents
 * match them and a re-run sees them as existing. `documentIds` maps keys to the documents the load
 * stage wrote (empty in a dry run).
 */
export const remember = (index: EntityIndex, doc: ResolvedDocument, documentIds: ReadonlyMap<string, string>, published: boolean): void =>
  learn(index, plan(doc, index, null), documentIds, published);
