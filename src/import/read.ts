import type { Core } from '@strapi/strapi';
import type { Claims } from './claims';
import { decodeSignature, signatureOf, type Signature } from './fingerprint';
import { articleText } from './identity';
import { initiativeKey, normaliseName, organisationKey, personKey } from './keys';
import {
  addName,
  emptyIndex,
  initiativeValues,
  isDistinctiveAlias,
  memoryOrLegacy,
  organisationValues,
  personValues,
  positionIdentity,
  rememberArticle,
  type EntityIndex,
  type StoredPosition,
} from './known';
import type { ArticleFields, ImportedLinks, StoredArticle } from './plan';
import type { Money } from './types';
import { canonicalBody } from './body';
import { storedSeo } from './seo';
import { MERGED_TABLE } from '../merge/merged-records';
import { ARTICLE, INITIATIVE, ORGANISATION, PERSON } from '../content-types';

/** Reading what the database holds: the index a run starts from, and an article as stored. */

type Row = Record<string, unknown> & { id: number; documentId: string };

export const asString = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
export const asRows = (value: unknown): Row[] => (Array.isArray(value) ? (value as Row[]) : []);

const chunksOf = <T>(items: T[], size: number): T[][] => Array.from({ length: Math.ceil(items.length / size) }, (_, at) => items.slice(at * size, at * size + size));

type OrganisationRow = Row & { name: string; importKey: string | null };
type PositionRow = { title: string; startDate?: string | null; endDate?: string | null; organisation: OrganisationRow | null; evidence?: Row | null };
type PersonRow = Row & { name: string; importKey: string | null; positions?: PositionRow[] };
type InitiativeRow = Row & { name: string; kind: string; importKey: string | null };

export const keyOfOrganisation = (row: OrganisationRow): string => asString(row.importKey) ?? organisationKey(row.name);

export const positionsOf = (row: PersonRow): StoredPosition[] =>
  (row.positions ?? []).map((position) => ({
    title: position.title,
    organisationKey: position.organisation === null || position.organisation === undefined ? null : keyOfOrganisation(position.organisation),
    startDate: asString(position.startDate),
    endDate: asString(position.endDate),
    evidence: position.evidence === null || position.evidence === undefined ? null : { documentId: position.evidence.documentId, locale: asString(position.evidence.locale) },
  }));

export const keyOfPerson = (row: PersonRow, articleKey: string): string =>
  asString(row.importKey) ?? personKey(row.name, positionsOf(row).find((p) => p.organisationKey !== null)?.organisationKey ?? null, articleKey);

export const keyOfInitiative = (row: InitiativeRow, articleKey: string): string => asString(row.importKey) ?? initiativeKey(row.name, row.kind, articleKey);

/** An article's key; one editors made without the importer is known by its document. */
export const keyOfArticle = (row: Row): string => asString(row.importKey) ?? `doc:${row.documentId}`;

export const asMoney = (rows: unknown): Money[] =>
  asRows(rows).map((amount) => ({ text: String(amount.text ?? ''), value: Number(amount.value), currency: String(amount.currency), approximate: amount.approximate === true }));

const aliasesOf = (value: unknown): string[] => (Array.isArray(value) ? (value as unknown[]).filter((alias): alias is string => typeof alias === 'string') : []);

/** Whether nobody has written the record since the importer created it (the importer creates a record in one write). */
const untouchedSinceCreated = (row: Row): boolean => row.createdAt !== undefined && new Date(String(row.createdAt)).getTime() === new Date(String(row.updatedAt)).getTime();

const RECORD_FIELDS = ['id', 'documentId', 'name', 'importKey', 'importedValues', 'createdAt', 'updatedAt'];

const publishedIds = async (strapi: Core.Strapi, uid: string): Promise<Set<string>> =>
  new Set(((await strapi.db.query(uid as typeof ORGANISATION).findMany({ where: { publishedAt: { $notNull: true } }, select: ['documentId'] })) as Row[]).map((row) => row.documentId));

/**
 * The keys of the articles that mention each of the given records: for records written before the
 * importer kept memories, what it asserted of them stands on these articles' word.
 */
const mentioningArticles = async (strapi: Core.Strapi, uid: string, documentIds: string[]): Promise<Map<string, string[]>> => {
  const found = new Map<string, string[]>();
  for (let start = 0; start < documentIds.length; start += 500) {
    const rows = (await strapi.db.query(uid as typeof PERSON).findMany({
      where: { publishedAt: null, documentId: { $in: documentIds.slice(start, start + 500) } },
      select: ['documentId'],
      populate: { mentionedInArticles: { select: ['documentId', 'importKey'] } },
    })) as Array<Row & { mentionedInArticles?: Row[] }>;
    for (const row of rows) found.set(row.documentId, [...new Set(asRows(row.mentionedInArticles).map(keyOfArticle))]);
  }
  return found;
};

const legacyIds = (rows: Row[]): string[] => rows.filter((row) => row.importedValues === null || row.importedValues === undefined).map((row) => row.documentId);

const loadOrganisations = async (strapi: Core.Strapi, index: EntityIndex): Promise<void> => {
  const published = await publishedIds(strapi, ORGANISATION);
  const rows = (await strapi.db.query(ORGANISATION).findMany({
    where: { publishedAt: null },
    select: [...RECORD_FIELDS, 'kind', 'aliases'],
    populate: { parent: { select: ['id', 'name', 'importKey'] } },
  })) as Array<OrganisationRow & { kind: string; aliases: unknown; parent: OrganisationRow | null }>;
  for (const row of rows) {
    const key = keyOfOrganisation(row);
    const aliases = aliasesOf(row.aliases);
    const parentKey = row.parent === null || row.parent === undefined ? null : keyOfOrganisation(row.parent);
    const fields = { name: row.name, kind: row.kind, aliases, parentKey };
    const memory = memoryOrLegacy(row.importedValues, untouchedSinceCreated(row), organisationValues(fields), {});
    index.organisations.set(key, { key, ...fields, documentId: row.documentId, published: published.has(row.documentId), memory });
    for (const name of [row.name, ...aliases.filter(isDistinctiveAlias)]) addName(index.organisationNames, normaliseName(name), key);
  }
};

/** The documentIds among `documentIds` that have a published version. */
const publishedAmong = async (strapi: Core.Strapi, uid: string, documentIds: string[]): Promise<Set<string>> => {
  const found = new Set<string>();
  for (const chunk of chunksOf(documentIds, 500)) {
    const rows = (await strapi.db.query(uid as typeof ORGANISATION).findMany({ where: { publishedAt: { $notNull: true }, documentId: { $in: chunk } }, select: ['documentId'] })) as Row[];
    for (const row of rows) found.add(row.documentId);
  }
  return found;
};

const PERSON_POPULATE = { positions: { populate: { organisation: { select: ['id', 'name', 'importKey'] }, evidence: { select: ['id', 'documentId', 'locale'] } } } };

const personDrafts = async (strapi: Core.Strapi, where: Record<string, unknown>): Promise<PersonRow[]> =>
  (await strapi.db.query(PERSON).findMany({ where: { ...where, publishedAt: null }, select: [...RECORD_FIELDS, 'nameEn'], populate: PERSON_POPULATE })) as PersonRow[];

/** Teaches the index the persons of these draft rows, as they are stored. */
const learnPersonRows = async (strapi: Core.Strapi, index: EntityIndex, rows: PersonRow[]): Promise<void> => {
  if (rows.length === 0) return;
  const published = await publishedAmong(strapi, PERSON, rows.map((row) => row.documentId));
  const mentions = await mentioningArticles(strapi, PERSON, legacyIds(rows));
  for (const row of rows) {
    const key = keyOfPerson(row, '');
    const positions = positionsOf(row);
    const articles = mentions.get(row.documentId) ?? [];
    const implied: Claims = Object.fromEntries(positions.map((position) => [positionIdentity(position), articles]));
    const memory = memoryOrLegacy(row.importedValues, untouchedSinceCreated(row), personValues({ name: row.name, positions }), { positions: implied });
    const nameEn = asString(row.nameEn);
    index.persons.set(key, { key, name: row.name, positions, nameEn, documentId: row.documentId, published: published.has(row.documentId), memory });
    addName(index.personNames, normaliseName(row.name), key);
  }
};

/**
 * Persons are found by name, so a run starts knowing every person's name and key, but it reads a
 * person itself (positions, memory) only when a page names them (readPersons), like initiatives. The
 * persons editors made are read in full: without an import key, they cannot be read back by one.
 */
const loadPersons = async (strapi: Core.Strapi, index: EntityIndex): Promise<void> => {
  await learnPersonRows(strapi, index, await personDrafts(strapi, { importKey: null }));
  const named = (await strapi.db.query(PERSON).findMany({ where: { publishedAt: null, importKey: { $notNull: true } }, select: ['name', 'importKey'] })) as Array<{ name: string; importKey: string }>;
  for (const row of named) if (asString(row.importKey) !== null) addName(index.personNames, normaliseName(row.name), row.importKey);
};

type ReadByKeys = (strapi: Core.Strapi, index: EntityIndex, keys: readonly string[]) => Promise<void>;

/** Reads the drafts stored under import keys into the index, as loadIndex would have, a chunk of keys per query. */
const byImportKeys =
  <R>(drafts: (strapi: Core.Strapi, where: Record<string, unknown>) => Promise<R[]>, learn: (strapi: Core.Strapi, index: EntityIndex, rows: R[]) => Promise<void>): ReadByKeys =>
  async (strapi, index, keys) => {
    for (const chunk of chunksOf([...keys], 500)) await learn(strapi, index, await drafts(strapi, { importKey: { $in: chunk } }));
  };

/** Reads the persons stored under these import keys into the index. */
export const readPersons: ReadByKeys = byImportKeys(personDrafts, learnPersonRows);

type InitiativeEntry = InitiativeRow & { organisers: OrganisationRow[]; people: PersonRow[]; amounts: unknown };

/** Teaches the index the initiatives of these draft rows, as they are stored. */
const learnInitiativeRows = async (strapi: Core.Strapi, index: EntityIndex, rows: InitiativeEntry[]): Promise<void> => {
  if (rows.length === 0) return;
  const published = await publishedAmong(strapi, INITIATIVE, rows.map((row) => row.documentId));
  const mentions = await mentioningArticles(strapi, INITIATIVE, legacyIds(rows));
  for (const row of rows) {
    const key = keyOfInitiative(row, '');
    const fields = {
      name: row.name,
      kind: row.kind,
      organiserKeys: asRows(row.organisers).map((o) => keyOfOrganisation(o as OrganisationRow)),
      personKeys: asRows(row.people).map((p) => keyOfPerson(p as PersonRow, '')),
      amounts: asMoney(row.amounts),
    };
    const implied = (keys: string[]): Claims => Object.fromEntries(keys.map((linked) => [linked, mentions.get(row.documentId) ?? []]));
    const claims = { organisers: implied(fields.organiserKeys), people: implied(fields.personKeys) };
    const memory = memoryOrLegacy(row.importedValues, untouchedSinceCreated(row), initiativeValues(fields), claims);
    index.initiatives.set(key, { key, ...fields, documentId: row.documentId, published: published.has(row.documentId), memory });
  }
};

const initiativeDrafts = async (strapi: Core.Strapi, where: Record<string, unknown>): Promise<InitiativeEntry[]> =>
  (await strapi.db.query(INITIATIVE).findMany({
    where: { ...where, publishedAt: null },
    select: [...RECORD_FIELDS, 'kind'],
    populate: { organisers: { select: ['id', 'name', 'importKey'] }, people: { select: ['id', 'name', 'importKey'] }, amounts: true },
  })) as InitiativeEntry[];

/**
 * Initiatives are the most numerous records and are only ever looked up by their exact key, so a run
 * starts with the ones editors made (they have no import key to be found by) and reads the others
 * when a page names them (readInitiatives).
 */
const loadInitiatives = async (strapi: Core.Strapi, index: EntityIndex): Promise<void> => learnInitiativeRows(strapi, index, await initiativeDrafts(strapi, { importKey: null }));

/** Reads the initiatives stored under these import keys into the index. */
export const readInitiatives: ReadByKeys = byImportKeys(initiativeDrafts, learnInitiativeRows);

/** Fingerprints of articles stored without one (imported before fingerprints were kept), taken of their headline and body as stored. */
const fingerprintsFromText = async (strapi: Core.Strapi, locale: string, documentIds: string[]): Promise<Map<string, Signature>> => {
  const found = new Map<string, Signature>();
  for (let start = 0; start < documentIds.length; start += 200) {
    const rows = (await strapi.db.query(ARTICLE).findMany({
      where: { locale, publishedAt: null, documentId: { $in: documentIds.slice(start, start + 200) } },
      select: ['documentId', 'title', 'body'],
    })) as Array<Row & { title: string | null; body: unknown }>;
    for (const row of rows) found.set(row.documentId, signatureOf(articleText(row.title, canonicalBody(row.body).map((block) => block.text))));
  }
  return found;
};

type ArticleRow = Row & { importKey: string; contentHash: string | null; publishedAt: string | null; title: string | null; publicationDate: string | null; textFingerprint: unknown };

const loadArticles = async (strapi: Core.Strapi, index: EntityIndex, locale: string): Promise<void> => {
  const rows = (await strapi.db.query(ARTICLE).findMany({
    where: { locale, importKey: { $notNull: true } },
    select: ['id', 'documentId', 'importKey', 'contentHash', 'publishedAt', 'title', 'publicationDate', 'textFingerprint'],
  })) as ArticleRow[];
  const published = new Set(rows.filter((row) => row.publishedAt !== null).map((row) => row.documentId));
  const drafts = rows.filter((row) => row.publishedAt === null);
  const computed = await fingerprintsFromText(strapi, locale, drafts.filter((row) => decodeSignature(row.textFingerprint) === null).map((row) => row.documentId));
  for (const row of drafts) {
    const key = row.importKey;
    rememberArticle(index, {
      key,
      contentHash: row.contentHash,
      documentId: row.documentId,
      published: published.has(row.documentId),
      headline: { title: row.title ?? '', date: row.publicationDate, source: null, url: key.startsWith('url:') ? key.slice('url:'.length) : null },
      signature: decodeSignature(row.textFingerprint) ?? computed.get(row.documentId) ?? null,
      importedBy: null,
    });
  }
};

type MergedRow = { type_uid: string; removed_document_id: string; kept_document_id: string; removed_name: string; removed_import_key: string | null };

/**
 * The keys of records editors merged away, each mapped to the record it lives on as now (a record
 * merged into one merged away later lives on the last), so a page read again links to it instead
 * of creating the duplicate again.
 */
const loadMergedKeys = async (strapi: Core.Strapi, index: EntityIndex): Promise<void> => {
  const rows = (await strapi.db.connection(MERGED_TABLE).select(['type_uid', 'removed_document_id', 'kept_document_id', 'removed_name', 'removed_import_key']).orderBy('id')) as MergedRow[];
  if (rows.length === 0) return;
  const keyOfDocument = new Map<string, string>();
  for (const [uid, records] of [[ORGANISATION, index.organisations], [PERSON, index.persons]] as const) {
    for (const record of records.values()) if (record.documentId !== null) keyOfDocument.set(`${uid} ${record.documentId}`, record.key);
  }
  // The index holds only the persons editors made (loadPersons); the others are known here by their import key.
  const keptPersons = [...new Set(rows.filter((row) => row.type_uid === PERSON).map((row) => row.kept_document_id))];
  for (const chunk of chunksOf(keptPersons, 500)) {
    const found = (await strapi.db.query(PERSON).findMany({ where: { publishedAt: null, documentId: { $in: chunk }, importKey: { $notNull: true } }, select: ['documentId', 'importKey'] })) as Row[];
    for (const row of found) if (asString(row.importKey) !== null) keyOfDocument.set(`${PERSON} ${row.documentId}`, String(row.importKey));
  }
  const keptOf = new Map(rows.map((row) => [`${row.type_uid} ${row.removed_document_id}`, `${row.type_uid} ${row.kept_document_id}`]));
  for (const row of rows) {
    let kept = `${row.type_uid} ${row.kept_document_id}`;
    for (let hops = 0; !keyOfDocument.has(kept) && keptOf.has(kept) && hops < rows.length; hops += 1) kept = keptOf.get(kept) as string;
    const keptKey = keyOfDocument.get(kept);
    if (keptKey === undefined) continue;
    const isOrganisation = row.type_uid === ORGANISATION;
    const removedKeys = [asString(row.removed_import_key), isOrganisation ? organisationKey(row.removed_name) : null];
    for (const removedKey of removedKeys) if (removedKey !== null && removedKey !== keptKey) index.mergedKeys.set(removedKey, keptKey);
    // The name as printed finds the kept record as its own name would: a person's key has the
    // organisation in it, which may itself have been merged, so the key alone would miss them.
    addName(isOrganisation ? index.organisationNames : index.personNames, normaliseName(row.removed_name), keptKey);
  }
};

/**
 * Reads what the database already holds into memory, once per run, so documents are matched
 * without a query per name. Records editors made by hand have no import key; they are keyed by
 * name the same way, so an import links to them instead of duplicating them.
 */
export const loadIndex = async (strapi: Core.Strapi, locale: string): Promise<EntityIndex> => {
  const index = emptyIndex();
  await loadOrganisations(strapi, index);
  await loadPersons(strapi, index);
  await loadInitiatives(strapi, index);
  await loadArticles(strapi, index, locale);
  await loadMergedKeys(strapi, index);
  return index;
};

/**
 * Reads an article's current draft back into the importer's canonical form, with what the importer
 * last wrote. Linked records editors made have no import key: they are keyed as the index keys them.
 */
export const readStoredArticle = async (strapi: Core.Strapi, documentId: string, locale: string): Promise<StoredArticle | null> => {
  const entry = (await strapi.documents(ARTICLE).findOne({
    documentId,
    locale,
    status: 'draft',
    populate: {
      source: { populate: { publisher: true } },
      quotes: { populate: { speaker: { populate: { positions: { populate: { organisation: true } } } } } },
      amounts: true,
      mentionedOrganisations: true,
      mentionedPersons: { populate: { positions: { populate: { organisation: true } } } },
      mentionedInitiatives: true,
      seo: { populate: { shareImage: { fields: ['id'] } } },
    },
  })) as Record<string, unknown> | null;
  if (entry === null) return null;
  const source = (entry.source ?? null) as { publisherName?: string | null; url?: string | null; publisher?: OrganisationRow | null } | null;
  const fields: ArticleFields = {
    title: String(entry.title ?? ''),
    summary: asString(entry.summary),
    publicationDate: asString(entry.publicationDate),
    body: canonicalBody(entry.body),
    source: {
      publisherName: source?.publisherName ?? null,
      publisherKey: source?.publisher === null || source?.publisher === undefined ? null : keyOfOrganisation(source.publisher),
      url: source?.url ?? null,
    },
    reporter: asString(entry.reporter),
    correspondent: asString(entry.correspondent),
    editor: asString(entry.editor),
    quotes: asRows(entry.quotes).map((quote) => ({
      text: String(quote.text ?? ''),
      speakerKey: quote.speaker === null || quote.speaker === undefined ? null : keyOfPerson(quote.speaker as PersonRow, ''),
      speakerTitle: asString(quote.speakerTitle),
    })),
    amounts: asMoney(entry.amounts),
    mentionedOrganisations: asRows(entry.mentionedOrganisations).map((row) => keyOfOrganisation(row as OrganisationRow)).sort(),
    mentionedPersons: asRows(entry.mentionedPersons).map((row) => keyOfPerson(row as PersonRow, '')).sort(),
    mentionedInitiatives: asRows(entry.mentionedInitiatives).map((row) => keyOfInitiative(row as InitiativeRow, '')).sort(),
    seo: storedSeo(entry.seo),
  };
  const imported = entry.importedValues;
  return {
    documentId,
    fields,
    importedValues: imported !== null && typeof imported === 'object' ? (imported as StoredArticle['importedValues']) : {},
    importedLinks: importedLinksOf(entry.importedLinks),
    rawText: asString(entry.rawText),
  };
};

const importedLinksOf = (value: unknown): ImportedLinks | null => {
  if (value === null || typeof value !== 'object') return null;
  const links: ImportedLinks = {};
  for (const [field, ids] of Object.entries(value as Record<string, unknown>)) {
    if (Array.isArray(ids) && ids.every((id) => typeof id === 'string')) Object.assign(links, { [field]: ids });
  }
  return links;
};
