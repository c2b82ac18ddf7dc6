import type { Core } from '@strapi/strapi';
import { positionIdentity, type EntityIndex, type StoredPosition } from './known';
import type { ArticleFields, DocumentPlan } from './plan';
import type { BlockImage } from '../body/blocks';
import { blockImageOf, bodyBlocks, placedImages } from './body';
import type { BulkWriter, Publication } from './bulk';
import { personListLabel } from '../review/person-label';
import { LINKED_UIDS, parentsFirst, type LinkedUid } from '../documents/publish-order';
import { ARTICLE, INITIATIVE, ORGANISATION, PERSON } from '../content-types';

/** The load stage: with read.ts, the only one that touches Strapi. */

export { loadIndex, readStoredArticle } from './read';

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

/** `images`: media library ids of the photos fetched for this run (`--fetch-images`), by source address. */
export type LoadOptions = { locale: string; publish: boolean; images?: ReadonlyMap<string, number> };

/** documentIds of what a document wrote, by natural key. */
export type Written = Map<string, string>;

type Images = ReadonlyMap<string, number>;

const NO_IMAGES: Images = new Map();

const FILE = 'plugin::upload.file';

/** The media library files of these ids, as image nodes show them. */
const filesByIds = async (strapi: Core.Strapi, ids: number[]): Promise<Map<number, BlockImage>> => {
  if (ids.length === 0) return new Map();
  const rows = (await strapi.db.query(FILE).findMany({ where: { id: { $in: ids } } })) as Array<Record<string, unknown> & { id: number }>;
  return new Map(rows.map((row) => [row.id, blockImageOf(row)]));
};

/** The media library id of a file an image node shows (nodes carry its hash, not its id). */
const fileIdOf = async (strapi: Core.Strapi, image: BlockImage | undefined): Promise<number | undefined> => {
  if (image === undefined || image.hash === '') return undefined;
  const row = (await strapi.db.query(FILE).findOne({ where: { hash: image.hash }, select: ['id'] })) as { id: number } | null;
  return row?.id;
};

type StoredMedia = { cover: number | null; photos: Map<string, BlockImage> };

type MediaRow = { cover?: { id: number } | null; body?: unknown };

/** The cover and the photos an article's draft shows now: a body written again keeps them. */
const storedMedia = async (strapi: Core.Strapi, documentId: string, locale: string): Promise<StoredMedia> => {
  const row = (await strapi.documents(ARTICLE).findOne({
    documentId,
    locale,
    status: 'draft',
    fields: ['body'],
    populate: { cover: { fields: ['id'] } },
  } as never)) as MediaRow | null;
  return { cover: row?.cover?.id ?? null, photos: placedImages(row?.body) };
};

/**
 * An article's media as written: photos get the images already in its body for their addresses
 * (an earlier fetch's) or fetched by this run, and an article without a cover gets the image of its
 * cover candidate when that was fetched.
 */
const withMedia = async (strapi: Core.Strapi, change: { documentId: string; locale: string }, blocks: ArticleFields['body'] | undefined, cover: string | null, images: Images) => {
  const stored = await storedMedia(strapi, change.documentId, change.locale);
  // Only this body's photos: `images` holds every photo the run fetched so far.
  const sources = new Set((blocks ?? []).flatMap((block) => (block.sourceUrl === undefined ? [] : [block.sourceUrl])));
  const wanted = [...images].filter(([source]) => sources.has(source));
  const fetched = await filesByIds(strapi, wanted.map(([, id]) => id));
  const known = new Map<string, BlockImage>(
    wanted.flatMap(([source, id]): Array<[string, BlockImage]> => {
      const image = fetched.get(id);
      return image === undefined ? [] : [[source, image]];
    }),
  );
  for (const [source, image] of stored.photos) known.set(source, image);
  const coverId = cover === null ? undefined : (images.get(cover) ?? (await fileIdOf(strapi, stored.photos.get(cover))));
  return {
    ...(blocks === undefined ? {} : { body: bodyBlocks(blocks, known) }),
    ...(stored.cover === null && coverId !== undefined ? { cover: coverId } : {}),
  };
};

type Resolver = { idOf: (key: string | null) => string | null; ids: (keys: string[]) => string[]; uniqueIds: (keys: Array<string | null>) => string[] };

const resolver = (index: EntityIndex, written: Written): Resolver => {
  const idOf = (key: string | null): string | null => {
    if (key === null) return null;
    return written.get(key) ?? index.organisations.get(key)?.documentId ?? index.persons.get(key)?.documentId ?? index.initiatives.get(key)?.documentId ?? null;
  };
  return {
    idOf,
    ids: (keys) => keys.map(idOf).filter((id): id is string => id !== null),
    uniqueIds: (keys) => [...new Set(keys.map(idOf).filter((id): id is string => id !== null))],
  };
};

type PersonPlan = DocumentPlan['persons'][number];

/** The article being written, which the positions it asserts cite as their evidence. */
type Citing = { key: string; documentId: string; locale: string };

/** A position this article asserts that cites no article yet (an editor's choice stays): it cites this one. */
const citesArticle = (person: PersonPlan, position: StoredPosition, article: Pick<Citing, 'key'>): boolean =>
  (position.evidence === undefined || position.evidence === null) && (person.memory.claims.positions?.[positionIdentity(position)] ?? []).includes(article.key);

const positionsData = (person: PersonPlan, { idOf }: Resolver, article: Citing) =>
  person.positions.map((position) => {
    const evidence = citesArticle(person, position, article) ? { documentId: article.documentId, locale: article.locale } : position.evidence;
    return {
      title: position.title,
      organisation: idOf(position.organisationKey),
      startDate: position.startDate,
      endDate: position.endDate,
      // The source article, by locale: a person has none of its own to point with.
      ...(evidence === undefined || evidence === null ? {} : { evidence: { set: [evidence] } }),
    };
  });

/**
 * The positions of the persons this document created cite the article, by its documentId: the bulk
 * writer links it in the locale the person was created with. Known once the article is created.
 */
const citeInCreated = (plan: DocumentPlan, bulk: BulkWriter, written: Written, articleId: string): void => {
  for (const person of plan.persons.filter((p) => p.action === 'create')) {
    const documentId = written.get(person.key);
    if (documentId === undefined) continue;
    const positions = bulk.dataOf(PERSON, documentId).positions as Array<Record<string, unknown>>;
    person.positions.forEach((position, index) => {
      if (citesArticle(person, position, plan.article)) positions[index].evidence = articleId;
    });
  }
};

/** Creates the document's new organisations, persons and initiatives with the bulk writer. */
/** The name of an organisation this document names or the index knows. */
const organisationName = (plan: DocumentPlan, index: EntityIndex, key: string | null): string | null =>
  key === null ? null : (plan.organisations.find((organisation) => organisation.key === key)?.name ?? index.organisations.get(key)?.name ?? null);

const createRecords = async (plan: DocumentPlan, index: EntityIndex, bulk: BulkWriter, written: Written, resolve: Resolver, locale: string): Promise<void> => {
  const newOrganisations = plan.organisations.filter((o) => o.action === 'create');
  for (const organisation of newOrganisations) {
    const data = { name: organisation.name, kind: organisation.kind, aliases: organisation.aliases, importKey: organisation.key, importedValues: organisation.memory };
    written.set(organisation.key, await bulk.create(ORGANISATION, { data }));
  }
  // A parent may be created by this very document, so parents are linked once every organisation has its id.
  for (const organisation of newOrganisations) {
    const parentId = resolve.idOf(organisation.parentKey);
    if (parentId !== null) bulk.dataOf(ORGANISATION, written.get(organisation.key) as string).parent = parentId;
  }
  for (const person of plan.persons.filter((p) => p.action === 'create')) {
    const review = person.reviewReason === null ? {} : { needsReview: true, reviewReason: person.reviewReason };
    const organisations = resolve.uniqueIds(person.positions.map((p) => p.organisationKey));
    const english = person.nameEn === undefined ? {} : { nameEn: person.nameEn };
    const positions = person.positions.map((position) => ({ title: position.title, organisation: resolve.idOf(position.organisationKey), startDate: position.startDate, endDate: position.endDate }));
    const listLabel = personListLabel(person.name, person.positions.map((position) => ({ title: position.title, organisation: organisationName(plan, index, position.organisationKey) })));
    const data = { name: person.name, ...english, listLabel, positions, importKey: person.key, importedValues: person.memory, ...review, organisations };
    // With the import's locale, in which the positions' evidence (the article) is linked.
    written.set(person.key, await bulk.create(PERSON, { locale, data }));
  }
  for (const initiative of plan.initiatives.filter((i) => i.action === 'create')) {
    const data = {
      name: initiative.name,
      kind: initiative.kind,
      amounts: initiative.amounts,
      importKey: initiative.key,
      importedValues: initiative.memory,
      organisers: resolve.ids(initiative.organiserKeys),
      people: resolve.ids(initiative.personKeys),
    };
    written.set(initiative.key, await bulk.create(INITIATIVE, { data }));
  }
};

type Change = { uid: LinkedUid | typeof ARTICLE; documentId: string; locale?: string; data: Record<string, unknown>; media?: boolean };

/** Document Service updates of existing records: what editors see changes (the importer's memory of it is written by `rememberLater`). */
const recordUpdates = (plan: DocumentPlan, index: EntityIndex, resolve: Resolver, article: Citing): Change[] => [
  ...plan.organisations
    .filter((o) => o.action === 'update' && o.documentId !== null)
    .map((organisation): Change => {
      const parentId = resolve.idOf(organisation.parentKey);
      const knownParent = index.organisations.get(organisation.key)?.parentKey ?? null;
      const parent = parentId !== null && knownParent === null ? { parent: parentId } : {};
      const data = { aliases: organisation.aliases, importKey: organisation.key, ...parent };
      return { uid: ORGANISATION, documentId: organisation.documentId as string, data };
    }),
  ...plan.persons
    .filter((p) => p.action === 'update' && p.documentId !== null)
    .map((person): Change => ({
      uid: PERSON,
      documentId: person.documentId as string,
      data: { positions: positionsData(person, resolve, article), importKey: person.key, ...(person.nameEn === undefined ? {} : { nameEn: person.nameEn }) },
    })),
  ...plan.initiatives
    .filter((i) => i.action === 'update' && i.documentId !== null)
    .map((initiative): Change => ({
      uid: INITIATIVE,
      documentId: initiative.documentId as string,
      data: { organisers: resolve.ids(initiative.organiserKeys), people: resolve.ids(initiative.personKeys), importKey: initiative.key },
    })),
];

/**
 * An article's provenance when the page was read again without changing a field: no reader sees
 * it, so it is written straight to the rows (every version and locale; the evidence in this locale).
 */
const refreshProvenance = (plan: DocumentPlan, articleId: string, locale: string): Array<{ where: Record<string, unknown>; data: Record<string, unknown> }> => {
  const { article } = plan;
  if (article.action !== 'unchanged' || !article.refresh) return [];
  // Review flags are left as editors left them: nothing an editor reads changed.
  return [
    { where: { documentId: articleId }, data: provenanceData(article, false) },
    ...(article.evidence === undefined ? [] : [{ where: { documentId: articleId, locale }, data: { importEvidence: article.evidence } }]),
  ];
};

/** Memories waiting for a writer's flush, one per record: the plan of the batch's last page that named it wins. */
const pendingMemories = new WeakMap<BulkWriter, Map<string, unknown>>();

/**
 * Writes a record's memory (`importedValues`) at the writer's flush, once per record however many
 * pages of the batch named it: a person on every page of a site gains a claim on each, and is
 * written once. Straight to the rows (both versions), as the Document Service would copy it on publishing.
 */
const rememberLater = (strapi: Core.Strapi, bulk: BulkWriter, uid: string, documentId: string, memory: unknown): void => {
  const pending = pendingMemories.get(bulk) ?? new Map<string, unknown>();
  pendingMemories.set(bulk, pending);
  const key = `${uid} ${documentId}`;
  const waiting = pending.has(key);
  pending.set(key, memory);
  if (waiting) return;
  bulk.defer(async () => {
    const latest = pending.get(key);
    pending.delete(key);
    await strapi.db.query(uid as typeof ARTICLE).updateMany({ where: { documentId }, data: { importedValues: latest } });
  });
};

/**
 * Stages one document's plan with the caller's bulk writer, whose `flush` writes it inside the
 * caller's transaction (one per page, or one per batch of pages). New organisations, persons,
 * initiatives and articles are created through the bulk writer (see bulk.ts). Changes to records
 * that exist go through the Document Service, deferred until the new rows they may link to are
 * written: updates first, then publishing (each document updated and published once per flush,
 * however many pages of the batch changed it), targets before the article, because Strapi drops a published entry's relation
 * to a target that has no published version. The published relations of the new records come last,
 * so they point at the final published rows of everything they link.
 */
export const writeDocument = async (strapi: Core.Strapi, plan: DocumentPlan, index: EntityIndex, options: LoadOptions, bulk: BulkWriter): Promise<Written> => {
  const written: Written = new Map();
  const resolve = resolver(index, written);
  await createRecords(plan, index, bulk, written, resolve, options.locale);
  const article = plan.article;
  const data = articleData(article, resolve);
  let articleId = article.documentId;
  if (article.action === 'create') {
    if (article.fields.quotes !== undefined) data.quotedPersons = resolve.uniqueIds(article.fields.quotes.map((quote) => quote.speakerKey));
    articleId = await bulk.create(ARTICLE, { locale: options.locale, data });
  }
  if (articleId === null) throw new Error(`article ${article.key} has no documentId to write to`);
  written.set(article.key, articleId);
  citeInCreated(plan, bulk, written, articleId);
  // Everything the deferred work needs is worked out now: by the time it runs, later pages of the
  // batch may have taught the index more.
  const images = options.images ?? NO_IMAGES;
  // The bulk writer writes no media: a new article's fetched photos are set by an update once it is written.
  const newWithImages = article.action === 'create' && hasImages(article, images);
  // A record several pages of the batch change is updated once, with every page's fields (bulk.ts).
  for (const change of recordUpdates(plan, index, resolve, { key: article.key, documentId: articleId, locale: options.locale })) bulk.update(change);
  const changes: Change[] =
    article.action === 'update' || newWithImages
      ? [{ uid: ARTICLE, documentId: articleId, locale: options.locale, data: newWithImages ? {} : data, media: newWithImages || article.fields.body !== undefined || hasImages(article, images) }]
      : [];
  const publications = options.publish ? publicationsOf(plan, index, articleId, options.locale, resolve, newWithImages) : [];
  const rows = refreshProvenance(plan, articleId, options.locale);
  if (changes.length > 0 || rows.length > 0) {
    bulk.defer(async () => {
      for (const { uid, documentId, locale, data: changed, media } of changes) {
        const withImages = media === true && locale !== undefined ? { ...changed, ...(await withMedia(strapi, { documentId, locale }, article.fields.body, article.cover ?? null, images)) } : changed;
        await strapi.documents(uid).update({ documentId, ...(locale === undefined ? {} : { locale }), data: withImages as never });
      }
      for (const { where, data: changed } of rows) await strapi.db.query(ARTICLE).updateMany({ where, data: changed });
    });
  }
  for (const publication of publications) bulk.publish(publication);
  for (const [uid, records] of [[ORGANISATION, plan.organisations], [PERSON, plan.persons], [INITIATIVE, plan.initiatives]] as const) {
    for (const record of records) {
      if (record.action !== 'create' && record.memoryChanged && record.documentId !== null) rememberLater(strapi, bulk, uid, record.documentId, record.memory);
    }
  }
  return written;
};

/** Whether this run fetched any photo of the article's body or its cover. */
const hasImages = (article: DocumentPlan['article'], images: Images): boolean =>
  (article.cover !== undefined && article.cover !== null && images.has(article.cover)) ||
  (article.fields.body ?? []).some((block) => block.sourceUrl !== undefined && images.has(block.sourceUrl));

/**
 * What to publish, targets before the article (see PUBLISH_ORDER). New records were written with their published
 * version. Of the others, one that is unchanged and already published is left alone: publishing it
 * again would rewrite its published version (and publish an editor's unfinished draft of it).
 */
const publicationsOf = (plan: DocumentPlan, index: EntityIndex, articleId: string, locale: string, resolve: Resolver, republishArticle: boolean): Publication[] => {
  const needsPublishing = (record: { action: string }, known: { published: boolean } | undefined) =>
    record.action === 'update' || (record.action === 'unchanged' && known?.published !== true);
  const keys: Record<LinkedUid, string[]> = {
    [ORGANISATION]: parentsFirst(
      plan.organisations.filter((o) => needsPublishing(o, index.organisations.get(o.key))),
      (o) => o.key,
      (o) => o.parentKey
    ).map((o) => o.key),
    [PERSON]: plan.persons.filter((p) => needsPublishing(p, index.persons.get(p.key))).map((p) => p.key),
    [INITIATIVE]: plan.initiatives.filter((i) => needsPublishing(i, index.initiatives.get(i.key))).map((i) => i.key),
  };
  return [
    ...LINKED_UIDS.flatMap((uid) => resolve.ids(keys[uid]).map((documentId): Publication => ({ uid, documentId }))),
    ...(plan.article.action !== 'create' || republishArticle ? [{ uid: ARTICLE, documentId: articleId, locale } satisfies Publication] : []),
  ];
};

/** The importer's provenance of an article: written with every write of it, so all of it describes the same reading of the same page. */
const provenanceData = (article: DocumentPlan['article'], withReview = true): Record<string, unknown> => ({
  importKey: article.key,
  importedValues: article.importedValues,
  importedLinks: article.importedLinks,
  rawText: article.rawText,
  contentHash: article.contentHash,
  textFingerprint: article.fingerprint === '' ? null : article.fingerprint,
  ...(withReview
    ? { needsReview: article.reviewReasons.length > 0, reviewReason: article.reviewReasons.length > 0 ? article.reviewReasons.join('\n') : null }
    : {}),
});

/** The article fields the plan says to write, in the Document Service's input form. */
const articleData = (article: DocumentPlan['article'], { idOf, ids }: Resolver): Record<string, unknown> => {
  const fields = article.fields;
  const data: Record<string, unknown> = provenanceData(article);
  if (article.evidence !== undefined) data.importEvidence = article.evidence;
  if (fields.title !== undefined) data.title = fields.title;
  if (fields.summary !== undefined) data.summary = fields.summary;
  if (fields.publicationDate !== undefined) data.publicationDate = fields.publicationDate;
  if (fields.body !== undefined) data.body = bodyBlocks(fields.body);
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
  if (fields.seo !== undefined) {
    // The importer never sets a share image (an editor's image makes the whole component the editor's).
    const { metaTitle, metaDescription, canonicalUrl } = fields.seo;
    data.seo = { metaTitle, metaDescription, canonicalUrl };
  }
  return data;
};
