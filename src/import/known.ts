import { decodeSignature, type Signature } from './fingerprint';
import { normaliseName, pathKey, pathOfKey } from './keys';
import { EDITED, freshMemory, readMemory, type RecordMemory } from './memory';
import type { DocumentPlan } from './plan';
import { SignatureTable } from './signature-table';
import type { Money } from './types';

/**
 * Records already known, from the database or from earlier documents of this run: what the
 * resolve and plan stages compare a page with. `documentId` is null for records a dry run only
 * pretends to have written.
 */

export type StoredPosition = {
  title: string;
  organisationKey: string | null;
  startDate: string | null;
  endDate: string | null;
  /** The article an editor gave as the position's source, kept as it is whenever the positions are written again. */
  evidence?: { documentId: string; locale: string | null } | null;
};

export type KnownOrganisation = {
  key: string;
  name: string;
  kind: string;
  aliases: string[];
  parentKey: string | null;
  documentId: string | null;
  published: boolean;
  memory: RecordMemory;
};
export type KnownPerson = {
  key: string;
  name: string;
  positions: StoredPosition[];
  documentId: string | null;
  published: boolean;
  memory: RecordMemory;
  /** The English name stored; absent where it was not read (treated as none). */
  nameEn?: string | null;
};
export type KnownInitiative = {
  key: string;
  name: string;
  kind: string;
  organiserKeys: string[];
  personKeys: string[];
  amounts: Money[];
  documentId: string | null;
  published: boolean;
  memory: RecordMemory;
};
export type KnownArticle = {
  key: string;
  contentHash: string | null;
  documentId: string | null;
  published: boolean;
  /** What a report says of the article when its page is skipped as unchanged. */
  headline: { title: string; date: string | null; source: string | null; url: string | null };
  /** The file of this run that was imported as this article, or null while none has been. */
  importedBy: string | null;
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
  /**
   * Relative path → keys of the articles imported from it whose key is not the path alone (a second
   * article at one path; see identity.ts). The article keyed by the path alone is found by its key:
   * a map of every path was a path string, an array and an entry per article of the site.
   */
  articlePathVariants: Map<string, string[]>;
  /** Content hash → article key, to skip unchanged pages before analysing them. */
  articleHashes: Map<string, string>;
  /** The articles' text signatures, for near-duplicate matching; kept in step with `articles` by rememberArticle. */
  articleSignatures: SignatureTable;
  /** Key of an organisation or person merged away (src/merge/) → key of the record it was merged into. */
  mergedKeys: Map<string, string>;
};

export const emptyIndex = (): EntityIndex => ({
  organisations: new Map(),
  organisationNames: new Map(),
  persons: new Map(),
  personNames: new Map(),
  initiatives: new Map(),
  articles: new Map(),
  articlePathVariants: new Map(),
  articleHashes: new Map(),
  articleSignatures: new SignatureTable(),
  mergedKeys: new Map(),
});

/**
 * Adds an article to the index, or replaces it: with its hash, its path and its signature. The
 * signature (see fingerprint.ts; null when the article has none) is held only in the packed table,
 * which the near-duplicate scan needs anyway: a copy on every article was 512 bytes per article of
 * the site, the largest part of what an import held per page it had written.
 */
export const rememberArticle = (index: EntityIndex, { signature, ...article }: KnownArticle & { signature: Signature | null }): void => {
  index.articles.set(article.key, article);
  if (article.contentHash !== null) index.articleHashes.set(article.contentHash, article.key);
  const relativePath = pathOfKey(article.key);
  if (relativePath !== null && article.key !== pathKey(relativePath)) addName(index.articlePathVariants, relativePath, article.key);
  if (signature !== null) index.articleSignatures.add(article.key, signature);
  else index.articleSignatures.remove(article.key);
};

/** The keys of the articles imported from this path relative to an import root. */
export const articlesAtPath = (index: EntityIndex, relativePath: string): string[] => {
  const own = pathKey(relativePath);
  return [...(index.articles.has(own) ? [own] : []), ...(index.articlePathVariants.get(relativePath) ?? [])];
};

/** The key a record now has: the kept record's for one an editor merged away, else its own. */
export const mergedInto = (index: EntityIndex, key: string, known: ReadonlyMap<string, unknown>): string => {
  const kept = index.mergedKeys.get(key);
  return kept !== undefined && !known.has(key) && known.has(kept) ? kept : key;
};

const GENERIC_ORGANISATION_WORDS = /^(?:本|该|我|全国|省|市|县|区|镇|乡)?(?:总商会|商会|协会|学会|工商联|工商业联合会|联合会|促进会|研究会|基金会|公司|集团|政府|党委|党支部|支部)$/;

/**
 * Short forms such as 协会 or 县工商联 mean different organisations in different documents, so only
 * distinctive aliases (a company's brand name, say) are used to recognise an organisation in another document.
 */
export const isDistinctiveAlias = (alias: string): boolean => [...alias].length >= 2 && !GENERIC_ORGANISATION_WORDS.test(normaliseName(alias));

export const addName = (names: Map<string, string[]>, name: string, key: string): void => {
  const keys = names.get(name) ?? [];
  if (!keys.includes(key)) names.set(name, [...keys, key]);
};

export const removeName = (names: Map<string, string[]>, name: string, key: string): void => {
  const keys = (names.get(name) ?? []).filter((known) => known !== key);
  if (keys.length > 0) names.set(name, keys);
  else names.delete(name);
};

/**
 * A position's identity: one title at one organisation, readable where editors see the importer's
 * memory (an organisation key has no spaces, so the last " @ " is the separator). PostgreSQL's
 * JSON refuses a NUL, so none is used.
 */
export const positionIdentity = (position: { title: string; organisationKey: string | null }): string => `${position.title} @ ${position.organisationKey ?? ''}`;

export const positionOfIdentity = (identity: string): { title: string; organisationKey: string | null } => {
  const at = identity.lastIndexOf(' @ ');
  if (at === -1) return { title: identity, organisationKey: null };
  const organisationKey = identity.slice(at + 3);
  return { title: identity.slice(0, at), organisationKey: organisationKey === '' ? null : organisationKey };
};

/**
 * The fields the importer writes on each type, in a canonical form (relations as natural keys): what
 * its memory fingerprints, so an editor's change to any of them is seen.
 */
export const organisationValues = (organisation: Pick<KnownOrganisation, 'name' | 'kind' | 'aliases' | 'parentKey'>): Record<string, unknown> => ({
  name: organisation.name,
  kind: organisation.kind,
  aliases: organisation.aliases,
  parent: organisation.parentKey,
});

export const personValues = (person: Pick<KnownPerson, 'name' | 'positions'>): Record<string, unknown> => ({
  name: person.name,
  positions: person.positions.map((position) => ({ title: position.title, organisation: position.organisationKey, startDate: position.startDate, endDate: position.endDate })),
});

export const initiativeValues = (initiative: Pick<KnownInitiative, 'name' | 'kind' | 'organiserKeys' | 'personKeys' | 'amounts'>): Record<string, unknown> => ({
  name: initiative.name,
  kind: initiative.kind,
  organisers: [...initiative.organiserKeys].sort(),
  people: [...initiative.personKeys].sort(),
  amounts: initiative.amounts.map((amount) => ({ text: amount.text, value: amount.value, currency: amount.currency, approximate: amount.approximate })),
});

const withoutArticle = (index: EntityIndex, key: string): void => {
  const known = index.articles.get(key);
  if (known === undefined) return;
  index.articles.delete(key);
  index.articleSignatures.remove(key);
  if (known.contentHash !== null && index.articleHashes.get(known.contentHash) === key) index.articleHashes.delete(known.contentHash);
  const relativePath = pathOfKey(key);
  if (relativePath !== null) removeName(index.articlePathVariants, relativePath, key);
};

const learnArticle = (index: EntityIndex, plan: DocumentPlan, documentId: string | null, published: boolean): void => {
  const { article } = plan;
  const known = index.articles.get(article.formerKey ?? article.key) ?? index.articles.get(article.key);
  if (article.formerKey !== null) withoutArticle(index, article.formerKey);
  withoutArticle(index, article.key);
  rememberArticle(index, {
    key: article.key,
    contentHash: article.contentHash,
    documentId: documentId ?? known?.documentId ?? null,
    published: published || known?.published === true,
    headline: article.headline,
    signature: decodeSignature(article.fingerprint),
    importedBy: plan.file,
  });
};

/**
 * Teaches the index what a document's plan wrote (or, in a dry run, would write), so later pages
 * match its records and see them as they are now. `documentIds` maps keys to the documents the load
 * stage created (empty in a dry run).
 */
export const learn = (index: EntityIndex, plan: DocumentPlan, documentIds: ReadonlyMap<string, string>, published: boolean): void => {
  const idOf = (key: string, known: { documentId: string | null } | undefined) => documentIds.get(key) ?? known?.documentId ?? null;
  const isPublished = (known: { published: boolean } | undefined) => published || known?.published === true;
  for (const organisation of plan.organisations) {
    const known = index.organisations.get(organisation.key);
    const { key, name, kind, aliases, parentKey, memory } = organisation;
    index.organisations.set(key, { key, name, kind, aliases, parentKey, memory, documentId: idOf(key, known), published: isPublished(known) });
    addName(index.organisationNames, normaliseName(name), key);
    for (const alias of aliases.filter(isDistinctiveAlias)) addName(index.organisationNames, normaliseName(alias), key);
  }
  for (const person of plan.persons) {
    const known = index.persons.get(person.key);
    const { key, name, positions, memory } = person;
    const nameEn = person.nameEn ?? known?.nameEn ?? null;
    index.persons.set(key, { key, name, positions, memory, nameEn, documentId: idOf(key, known), published: isPublished(known) });
    addName(index.personNames, normaliseName(name), key);
  }
  for (const initiative of plan.initiatives) {
    const known = index.initiatives.get(initiative.key);
    const { key, name, kind, organiserKeys, personKeys, amounts, memory } = initiative;
    index.initiatives.set(key, { key, name, kind, organiserKeys, personKeys, amounts, memory, documentId: idOf(key, known), published: isPublished(known) });
  }
  learnArticle(index, plan, documentIds.get(plan.article.key) ?? null, published);
};

/** Forgets a record the run deleted. */
export const forget = (index: EntityIndex, type: 'organisations' | 'persons' | 'initiatives', key: string): void => {
  if (type === 'persons') {
    const known = index.persons.get(key);
    if (known !== undefined) removeName(index.personNames, normaliseName(known.name), key);
  }
  if (type === 'organisations') {
    const known = index.organisations.get(key);
    if (known !== undefined) for (const name of [known.name, ...known.aliases]) removeName(index.organisationNames, normaliseName(name), key);
  }
  index[type].delete(key);
};

/**
 * A record's stored memory. A record written before the importer kept memories has none: it is
 * taken as the importer left it when nobody has changed it since it was created, with `claims`
 * standing for what the importer asserted; otherwise it is the editors'.
 */
export const memoryOrLegacy = (stored: unknown, untouchedSinceCreated: boolean, values: Record<string, unknown>, claims: RecordMemory['claims']): RecordMemory =>
  readMemory(stored) ?? (untouchedSinceCreated ? freshMemory(values, claims) : EDITED);
