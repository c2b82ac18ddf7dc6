import type { Core } from '@strapi/strapi';
import { initiativeKey, normaliseName, organisationKey, personKey } from './keys';
import type { ArticleFields, DocumentPlan, StoredArticle } from './plan';
import { addName, emptyIndex, isDistinctiveAlias, type EntityIndex, type ResolvedPosition } from './resolve';
import type { BlockType } from './types';
import type { BulkWriter } from './bulk';

/** The load stage: the only one that touches Strapi. */

export const ARTICLE = 'api::news-article.news-article';
export const ORGANISATION = 'api::organisation.organisation';
export const PERSON = 'api::person.person';
export const INITIATIVE = 'api::initiative.initiative';

type Row = Record<string, unknown> & { id: number; documentId: string };

const asString = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const asRows = (value: unknown): Row[] => (Array.isArray(value) ? (value as Row[]) : []);

type OrganisationRow = Row & { name: string; importKey: string | null };
type PersonRow = Row & { name: string; importKey: string | null; positions?: Array<{ title: string; organisation: OrganisationRow | null }> };
type InitiativeRow = Row & { name: string; kind: string; importKey: string | null };

const keyOfOrganisation = (row: OrganisationRow): string => asString(row.importKey) ?? organisationKey(row.name);

const positionsOf = (row: PersonRow): ResolvedPosition[] =>
  (row.positions ?? []).map((position) => ({
    title: position.title,
    organisationKey: position.organisation === null || position.organisation === undefined ? null : keyOfOrganisation(position.organisation),
  }));

const keyOfPerson = (row: PersonRow, articleKey: string): string =>
  asString(row.importKey) ?? personKey(row.name, positionsOf(row).find((p) => p.organisationKey !== null)?.organisationKey ?? null, articleKey);

const keyOfInitiative = (row: InitiativeRow, articleKey: string): string => asString(row.importKey) ?? initiativeKey(row.name, row.kind, articleKey);

/**
 * Reads what the database already holds into memory, once per run, so documents are matched
 * without a query per name. Records editors made by hand have no import key; they are keyed by
 * name the same way, so an import links to them instead of duplicating them.
 */
export const loadIndex = async (strapi: Core.Strapi, locale: string): Promise<EntityIndex> => {
  const index = emptyIndex();
  const draft = { publishedAt: null };
  const publishedIds = async (uid: string): Promise<Set<string>> =>
    new Set(
      ((await strapi.db.query(uid as typeof ORGANISATION).findMany({ where: { publishedAt: { $notNull: true } }, select: ['documentId'] })) as Row[]).map(
        (row) => row.documentId
      )
    );
  const publishedOrganisations = await publishedIds(ORGANISATION);
  const publishedPersons = await publishedIds(PERSON);
  const publishedInitiatives = await publishedIds(INITIATIVE);
  const organisations = (await strapi.db.query(ORGANISATION).findMany({
    where: draft,
    select: ['id', 'documentId', 'name', 'aliases', 'importKey'],
    populate: { parent: { select: ['id', 'name', 'importKey'] } },
  })) as Array<OrganisationRow & { aliases: unknown; parent: OrganisationRow | null }>;
  const persons = (await strapi.db.query(PERSON).findMany({
    where: draft,
    select: ['id', 'documentId', 'name', 'importKey'],
    populate: { positions: { populate: { organisation: { select: ['id', 'name', 'importKey'] } } } },
  })) as PersonRow[];
  const initiatives = (await strapi.db.query(INITIATIVE).findMany({
    where: draft,
    select: ['id', 'documentId', 'name', 'kind', 'importKey'],
    populate: { organisers: { select: ['id', 'name', 'importKey'] }, people: { select: ['id', 'name', 'importKey'] } },
  })) as Array<InitiativeRow & { organisers: OrganisationRow[]; people: PersonRow[] }>;
  const articles = (await strapi.db.query(ARTICLE).findMany({
    where: { locale, importKey: { $notNull: true } },
    select: ['id', 'documentId', 'importKey', 'contentHash', 'publishedAt', 'title', 'publicationDate'],
  })) as Array<Row & { importKey: string; contentHash: string | null; publishedAt: string | null; title: string | null; publicationDate: string | null }>;

  for (const row of organisations) {
    const key = keyOfOrganisation(row);
    const aliases = Array.isArray(row.aliases) ? (row.aliases as unknown[]).filter((a): a is string => typeof a === 'string') : [];
    const parentKey = row.parent === null || row.parent === undefined ? null : keyOfOrganisation(row.parent);
    index.organisations.set(key, { key, name: row.name, aliases, parentKey, documentId: row.documentId, published: publishedOrganisations.has(row.documentId) });
    for (const name of [row.name, ...aliases.filter(isDistinctiveAlias)]) addName(index.organisationNames, normaliseName(name), key);
  }
  for (const row of persons) {
    const key = keyOfPerson(row, '');
    index.persons.set(key, { key, name: row.name, positions: positionsOf(row), documentId: row.documentId, published: publishedPersons.has(row.documentId) });
    addName(index.personNames, normaliseName(row.name), key);
  }
  for (const row of initiatives) {
    const key = keyOfInitiative(row, '');
    index.initiatives.set(key, {
      key,
      organiserKeys: asRows(row.organisers).map((o) => keyOfOrganisation(o as OrganisationRow)),
      personKeys: asRows(row.people).map((p) => keyOfPerson(p as PersonRow, '')),
      documentId: row.documentId,
      published: publishedInitiatives.has(row.documentId),
    });
  }
  const publishedArticles = new Set(articles.filter((row) => row.publishedAt !== null).map((row) => row.documentId));
  for (const row of articles.filter((candidate) => candidate.publishedAt === null)) {
    index.articles.set(row.importKey, {
      key: row.importKey,
      contentHash: row.contentHash,
      documentId: row.documentId,
      published: publishedArticles.has(row.documentId),
      headline: { title: row.title ?? '', date: row.publicationDate, source: null, url: row.importKey.startsWith('url:') ? row.importKey.slice('url:'.length) : null },
    });
    if (row.contentHash !== null) index.articleHashes.set(row.contentHash, row.importKey);
  }
  return index;
};

const BODY_COMPONENT: Record<BlockType, string> = { paragraph: 'body.paragraph', subheading: 'body.subheading', caption: 'body.photo' };

/**
 * An import can multiply the rows of every content table, and the query planner chooses its indexes
 * by statistics gathered before: on SQLite without them a list page reads every component row of a
 * type. Fresh (sampled) statistics after the run keep reads as fast as before it; other connections,
 * such as a running server's, pick them up with their next statement.
 */
export const refreshPlannerStatistics = async (strapi: Core.Strapi): Promise<void> => {
  const client = strapi.db.dialect.client;
  if (client === 'sqlite') {
    await strapi.db.connection.raw('PRAGMA analysis_limit = 1000');
    await strapi.db.connection.raw('PRAGMA optimize = 0x10002');
  } else if (client === 'postgres') {
    await strapi.db.connection.raw('ANALYZE');
  }
};

/** Reads an article's current draft back into the importer's canonical form. */
export const readStoredArticle = async (strapi: Core.Strapi, documentId: string, locale: string, articleKey: string): Promise<StoredArticle | null> => {
  const entry = (await strapi.documents(ARTICLE).findOne({
    documentId,
    locale,
    status: 'draft',
    populate: {
      body: true,
      source: { populate: { publisher: true } },
      quotes: { populate: { speaker: { populate: { positions: { populate: { organisation: true } } } } } },
      amounts: true,
      mentionedOrganisations: true,
      mentionedPersons: { populate: { positions: { populate: { organisation: true } } } },
      mentionedInitiatives: true,
    },
  })) as Record<string, unknown> | null;
  if (entry === null) return null;
  const body = asRows(entry.body).map((block) => {
    const component = String(block.__component);
    const type: BlockType = component === 'body.subheading' ? 'subheading' : component === 'body.photo' ? 'caption' : 'paragraph';
    return { type, text: String((type === 'caption' ? block.caption : block.text) ?? '') };
  });
  const source = (entry.source ?? null) as { publisherName?: string | null; url?: string | null; publisher?: OrganisationRow | null } | null;
  const fields: ArticleFields = {
    title: String(entry.title ?? ''),
    summary: asString(entry.summary),
    publicationDate: asString(entry.publicationDate),
    body,
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
      speakerKey: quote.speaker === null || quote.speaker === undefined ? null : keyOfPerson(quote.speaker as PersonRow, articleKey),
      speakerTitle: asString(quote.speakerTitle),
    })),
    amounts: asRows(entry.amounts).map((amount) => ({
      text: String(amount.text ?? ''),
      value: Number(amount.value),
      currency: String(amount.currency),
      approximate: amount.approximate === true,
    })),
    mentionedOrganisations: asRows(entry.mentionedOrganisations).map((row) => keyOfOrganisation(row as OrganisationRow)).sort(),
    mentionedPersons: asRows(entry.mentionedPersons).map((row) => keyOfPerson(row as PersonRow, articleKey)).sort(),
    mentionedInitiatives: asRows(entry.mentionedInitiatives).map((row) => keyOfInitiative(row as InitiativeRow, articleKey)).sort(),
  };
  const imported = entry.importedValues;
  return {
    documentId,
    fields,
    importedValues: imported !== null && typeof imported === 'object' ? (imported as StoredArticle['importedValues']) : {},
  };
};

type PublishableUid = typeof ORGANISATION | typeof PERSON | typeof INITIATIVE;

export type LoadOptions = { locale: string; publish: boolean };

/** documentIds of what a document wrote, by natural key. */
export type Written = Map<string, string>;

const bodyData = (blocks: ArticleFields['body']) =>
  blocks.map((block) =>
    block.type === 'caption' ? { __component: BODY_COMPONENT.caption, caption: block.text } : { __component: BODY_COMPONENT[block.type], text: block.text }
  );

/**
 * Stages one document's plan with the caller's bulk writer, whose `flush` writes it inside the
 * caller's transaction (one per page, or one per batch of pages). New organisations, persons,
 * initiatives and articles are created through the bulk writer (see bulk.ts). Changes to records
 * that exist go through the Document Service, deferred until the new rows they may link to are
 * written: updates first, then publishing, targets before the article, because Strapi drops a
 * published entry's relation to a target that has no published version. The published relations of
 * the new records come last, so they point at the final published rows of everything they link.
 */
export const writeDocument = async (strapi: Core.Strapi, plan: DocumentPlan, index: EntityIndex, options: LoadOptions, bulk: BulkWriter): Promise<Written> => {
  const written: Written = new Map();
  const idOf = (key: string | null): string | null => {
    if (key === null) return null;
    return written.get(key) ?? index.organisations.get(key)?.documentId ?? index.persons.get(key)?.documentId ?? index.initiatives.get(key)?.documentId ?? null;
  };
  const ids = (keys: string[]): string[] => keys.map(idOf).filter((id): id is string => id !== null);
  const uniqueIds = (keys: Array<string | null>): string[] => [...new Set(keys.map(idOf).filter((id): id is string => id !== null))];

  // New records were written with their published version. Of the others, one that is unchanged
  // and already published is left alone: publishing it again would rewrite its published version
  // (and publish an editor's unfinished draft of it).
  const needsPublishing = (record: { action: string }, known: { published: boolean } | undefined) =>
    options.publish && (record.action === 'update' || (record.action === 'unchanged' && known?.published !== true));
  const toPublish: Array<[PublishableUid, string[]]> = [
    [
      ORGANISATION,
      plan.organisations
        .filter((o) => needsPublishing(o, index.organisations.get(o.key)))
        // Parents first: a published child keeps its parent only if the parent is published.
        .sort((a, b) => Number(plan.organisations.some((o) => o.parentKey === b.key)) - Number(plan.organisations.some((o) => o.parentKey === a.key)))
        .map((o) => o.key),
    ],
    [PERSON, plan.persons.filter((p) => needsPublishing(p, index.persons.get(p.key))).map((p) => p.key)],
    [INITIATIVE, plan.initiatives.filter((i) => needsPublishing(i, index.initiatives.get(i.key))).map((i) => i.key)],
  ];
  const updates = {
    organisations: plan.organisations.filter((o) => o.action === 'update' && o.documentId !== null),
    persons: plan.persons.filter((p) => p.action === 'update' && p.documentId !== null),
    initiatives: plan.initiatives.filter((i) => i.action === 'update' && i.documentId !== null),
  };
  const article = plan.article;

  const newOrganisations = plan.organisations.filter((o) => o.action === 'create');
  for (const organisation of newOrganisations) {
    const data = { name: organisation.name, kind: organisation.kind, aliases: organisation.aliases, importKey: organisation.key };
    written.set(organisation.key, await bulk.create(ORGANISATION, { data }));
  }
  // A parent may be created by this very document, so parents are linked once every organisation has its id.
  for (const organisation of newOrganisations) {
    const parentId = idOf(organisation.parentKey);
    if (parentId !== null) bulk.dataOf(ORGANISATION, written.get(organisation.key) as string).parent = parentId;
  }
  for (const person of plan.persons.filter((p) => p.action === 'create')) {
    const positions = person.positions.map((position) => ({ title: position.title, organisation: idOf(position.organisationKey) }));
    const review = person.reviewReason === null ? {} : { needsReview: true, reviewReason: person.reviewReason };
    const data = { name: person.name, positions, importKey: person.key, ...review, organisations: uniqueIds(person.positions.map((p) => p.organisationKey)) };
    written.set(person.key, await bulk.create(PERSON, { data }));
  }
  for (const initiative of plan.initiatives.filter((i) => i.action === 'create')) {
    const data = {
      name: initiative.name,
      kind: initiative.kind,
      amounts: initiative.amounts,
      importKey: initiative.key,
      organisers: ids(initiative.organiserKeys),
      people: ids(initiative.personKeys),
    };
    written.set(initiative.key, await bulk.create(INITIATIVE, { data }));
  }

  const data = articleData(article, idOf, ids);
  let articleId = article.documentId;
  if (article.action === 'create') {
    if (article.fields.quotes !== undefined) data.quotedPersons = uniqueIds(article.fields.quotes.map((quote) => quote.speakerKey));
    articleId = await bulk.create(ARTICLE, { locale: options.locale, data });
  }
  if (articleId === null) throw new Error(`article ${article.key} has no documentId to write to`);
  written.set(article.key, articleId);
  // Everything the deferred work needs is worked out now: by the time it runs, later pages of the
  // batch may have taught the index more.
  type Change = { uid: PublishableUid | typeof ARTICLE; documentId: string; locale?: string; data: Record<string, unknown> };
  type Publication = Omit<Change, 'data'>;
  const changes: Change[] = [
    ...updates.organisations.map((organisation): Change => {
      const parentId = idOf(organisation.parentKey);
      const knownParent = index.organisations.get(organisation.key)?.parentKey ?? null;
      const parent = parentId !== null && knownParent === null ? { parent: parentId } : {};
      return { uid: ORGANISATION, documentId: organisation.documentId as string, data: { aliases: organisation.aliases, importKey: organisation.key, ...parent } };
    }),
    ...updates.persons.map((person): Change => ({
      uid: PERSON,
      documentId: person.documentId as string,
      data: { positions: person.positions.map((position) => ({ title: position.title, organisation: idOf(position.organisationKey) })), importKey: person.key },
    })),
    ...updates.initiatives.map((initiative): Change => ({
      uid: INITIATIVE,
      documentId: initiative.documentId as string,
      data: { organisers: ids(initiative.organiserKeys), people: ids(initiative.personKeys), importKey: initiative.key },
    })),
    ...(article.action === 'update' ? [{ uid: ARTICLE, documentId: articleId, locale: options.locale, data } satisfies Change] : []),
  ];
  const publications: Publication[] = [
    ...toPublish.flatMap(([uid, keys]) => ids(keys).map((documentId): Publication => ({ uid, documentId }))),
    ...(options.publish && article.action !== 'create' ? [{ uid: ARTICLE, documentId: articleId, locale: options.locale } satisfies Publication] : []),
  ];
  if (changes.length === 0 && publications.length === 0) return written;
  bulk.defer(async () => {
    for (const { uid, documentId, locale, data: changed } of changes) {
      await strapi.documents(uid).update({ documentId, ...(locale === undefined ? {} : { locale }), data: changed as never });
    }
    for (const { uid, documentId, locale } of publications) {
      await strapi.documents(uid).publish({ documentId, ...(locale === undefined ? {} : { locale }) });
    }
  });
  return written;
};

/** The article fields the plan says to write, in the Document Service's input form. */
const articleData = (
  article: DocumentPlan['article'],
  idOf: (key: string | null) => string | null,
  ids: (keys: string[]) => string[]
): Record<string, unknown> => {
  const fields = article.fields;
  const data: Record<string, unknown> = {
    importKey: article.key,
    importedValues: article.importedValues,
    rawText: article.rawText,
    contentHash: article.contentHash,
    needsReview: article.reviewReasons.length > 0,
    reviewReason: article.reviewReasons.length > 0 ? article.reviewReasons.join('\n') : null,
  };
  // Written whenever the raw text and content hash are, so all three describe the same version of the page.
  if (article.evidence !== undefined) data.importEvidence = article.evidence;
  if (fields.title !== undefined) data.title = fields.title;
  if (fields.summary !== undefined) data.summary = fields.summary;
  if (fields.publicationDate !== undefined) data.publicationDate = fields.publicationDate;
  if (fields.body !== undefined) data.body = bodyData(fields.body);
  if (fields.source !== undefined) {
    data.source = { publisherName: fields.source.publisherName, publisher: idOf(fields.source.publisherKey), url: fields.source.url };
  }
  if (fields.reporter !== undefined) data.reporter = fields.reporter;
  if (fields.correspondent !== undefined) data.correspondent = fields.correspondent;
  if (fields.editor !== undefined) data.editor = fields.editor;
  if (fields.quotes !== undefined) {
    data.quotes = fields.quotes.map((quote) => ({ text: quote.text, speaker: idOf(quote.speakerKey), speakerTitle: quote.speakerTitle }));
  }
  if (fields.amounts !== undefined) data.amounts = fields.amounts;
  if (fields.mentionedOrganisations !== undefined) data.mentionedOrganisations = ids(fields.mentionedOrganisations);
  if (fields.mentionedPersons !== undefined) data.mentionedPersons = ids(fields.mentionedPersons);
  if (fields.mentionedInitiatives !== undefined) data.mentionedInitiatives = ids(fields.mentionedInitiatives);
  return data;
};
