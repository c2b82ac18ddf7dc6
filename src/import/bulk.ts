import type { Core, Modules } from '@strapi/strapi';
import { markImporterWrite, openStagedSlugs } from '../documents/importer-writes';
import type { ImportEvents } from './events';
import { createRows, validateStaged } from './guarantees';
import { isLocalized, schemaAttributes, type SchemaAttribute } from './models';

/**
 * The importer's write path for new documents. The Document Service spends most of an import on
 * work the importer does not need: a deep read-back of every entry for the event it emits, and, on
 * publish, a deep read of the draft, a lookup of every relation and a second write of everything.
 * Here a new document is still created through `strapi.documents(uid).create`, so every document
 * middleware sees it (the article slug is set there, and a middleware that throws still fails the
 * document), but the rows are written in a few multi-row inserts per document: the draft and,
 * when publishing, the published row, their components through the `*_cmps` join tables, and the
 * relation link tables with their order columns, exactly as Strapi lays them out.
 *
 * Existing documents keep going through the Document Service: updates are rarer, and Strapi's
 * publish re-points the links other published entries hold to them.
 *
 * What the Document Service would guarantee is kept (guarantees.ts): each staged record is checked
 * by Strapi's entity validator, and the rows go through the database lifecycles. The Document Service
 * would emit `entry.create` (and `entry.publish`) for each new document; the writer reports every row
 * it writes to the run's events (events.ts), which emits them once the batch has committed. Its
 * staged slugs are its own (importer-writes.ts), held until its transaction ends.
 */

type Data = Record<string, unknown>;
export type Version = 'draft' | 'published';

/** An existing document the Document Service publishes when the writer flushes (see `publish`). */
export type Publication = { uid: string; documentId: string; locale?: string };

/** One document in one locale: what the writer updates and publishes once per flush. */
const documentKey = ({ uid, documentId, locale }: Publication): string => `${uid}\u0000${documentId}\u0000${locale ?? ''}`;

type JoinTable = {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn?: { name: string };
  morphColumn?: { idColumn: { name: string }; typeColumn: { name: string } };
  on?: { field: string };
  orderColumnName?: string;
  inverseOrderColumnName?: string;
};
type DbAttribute = { joinTable?: JoinTable };

/** A new document the importer wants written, as the middlewares left its data. */
export type Staged = {
  uid: string;
  documentId: string;
  locale: string | null;
  /** The locale its links to localized documents are looked up in: its own, or the one it was created with (a person citing an article). */
  linkLocale: string | null;
  data: Data;
  ids: Partial<Record<Version, number>>;
};

type Capture = (params: { locale?: string; data: Data }) => { documentId: string };

const captures = new WeakMap<object, Capture>();

/**
 * The innermost document middleware while an import runs: it takes over the create calls the bulk
 * writer staged and leaves every other call alone. It is registered per run, after whatever other
 * code registered, so that every other middleware runs first.
 */
const interceptStaged: Modules.Documents.Middleware.Middleware = async (context, next) => {
  const capture = context.action === 'create' ? captures.get(context.params as object) : undefined;
  if (capture === undefined) return next();
  // Only the documentId is known before the rows are written, and only the importer reads the result.
  return capture(context.params as { locale?: string; data: Data }) as unknown as Awaited<ReturnType<typeof next>>;
};

export const withBulkWrites = async <T>(strapi: Core.Strapi, run: () => Promise<T>): Promise<T> => {
  // At runtime `use` returns the function that removes the middleware again; its type says otherwise.
  const remove = strapi.documents.use(interceptStaged) as unknown;
  try {
    return await run();
  } finally {
    if (typeof remove === 'function') (remove as () => void)();
  }
};

const metadataOf = (strapi: Core.Strapi, uid: string): { tableName: string; attributes: Record<string, DbAttribute> } =>
  strapi.db.metadata.get(uid) as unknown as { tableName: string; attributes: Record<string, DbAttribute> };

const isRelationToDocument = (attribute: SchemaAttribute): boolean => attribute.type === 'relation' && attribute.mappedBy === undefined;

const documentIdsIn = (value: unknown): string[] => {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return [];
};

const asItems = (value: unknown): Data[] => {
  if (Array.isArray(value)) return value as Data[];
  if (value !== null && value !== undefined && typeof value === 'object') return [value as Data];
  return [];
};

const scalarsOf = (attributes: Record<string, SchemaAttribute>, data: Data): Data => {
  const row: Data = {};
  for (const [name, attribute] of Object.entries(attributes)) {
    if (!(name in data)) continue;
    if (attribute.type === 'relation' || attribute.type === 'component' || attribute.type === 'dynamiczone') continue;
    if (attribute.type === 'media') throw new Error(`the bulk writer does not write media (${name})`);
    row[name] = data[name];
  }
  return row;
};

/**
 * `trx` is the transaction the writer's documents are written in (`strapi.db.transaction`'s `trx`):
 * one page's, or a batch of pages'. New documents are staged by `create`, changes to existing ones
 * are deferred with `defer`, and `flush` writes them all.
 */
export const createBulkWriter = (strapi: Core.Strapi, trx: unknown, now: Date, events: Pick<ImportEvents, 'wrote'>) => {
  const slugs = openStagedSlugs(strapi);
  /** Documents created but not yet written, or written but without their relations yet. */
  let staged: Staged[] = [];
  const byKey = new Map<string, Staged>();
  const stagedKey = (uid: string, documentId: string) => `${uid}\u0000${documentId}`;

  /** Creates a document through the Document Service's middlewares; `flush` writes its rows. */
  const create = async (uid: string, params: { locale?: string; data: Data }): Promise<string> => {
    const own = markImporterWrite({ ...params });
    let captured: Staged | null = null;
    captures.set(own, (final) => {
      const defaultId = (metadataOf(strapi, uid).attributes.documentId as { default?: unknown }).default;
      if (typeof defaultId !== 'function') throw new Error(`${uid} has no documentId generator`);
      const documentId = String((defaultId as () => unknown)());
      captured = { uid, documentId, locale: isLocalized(strapi, uid) ? (final.locale ?? null) : null, linkLocale: final.locale ?? null, data: final.data, ids: {} };
      if (typeof final.data.slug === 'string') slugs.stage(uid, captured.locale, final.data.slug);
      return { documentId };
    });
    await strapi.documents(uid as 'api::organisation.organisation').create(own as never);
    const record = captured as Staged | null;
    if (record === null) throw new Error(`a document middleware replaced the parameters of the import's ${uid} create`);
    staged.push(record);
    byKey.set(stagedKey(uid, record.documentId), record);
    return record.documentId;
  };

  /** The draft and (when publishing) published rows of every staged document, without relations. */
  const writeRows = async (versions: Version[]): Promise<void> => {
    const uids = [...new Set(staged.map((record) => record.uid))];
    for (const uid of uids) {
      const records = staged.filter((record) => record.uid === uid);
      const attributes = schemaAttributes(strapi, uid);
      for (const record of records) await validateStaged(strapi, uid, record.data, { isDraft: !versions.includes('published'), locale: record.locale });
      const rows = records.flatMap((record) =>
        versions.map((version) => ({
          ...scalarsOf(attributes, record.data),
          documentId: record.documentId,
          locale: record.locale,
          createdAt: now,
          updatedAt: now,
          publishedAt: version === 'published' ? now : null,
        }))
      );
      const ids = await createRows(strapi, uid, rows);
      records.forEach((record, index) => {
        versions.forEach((version, offset) => {
          record.ids[version] = ids[index * versions.length + offset];
        });
        events.wrote(uid, record.ids);
      });
    }
  };

  /** Row ids of the given documents in one version, from what this writer staged or from the database. */
  const resolveIds = async (wanted: Map<string, Set<string>>, version: Version, locale: string | null): Promise<Map<string, number>> => {
    const found = new Map<string, number>();
    for (const [uid, documentIds] of wanted) {
      const missing: string[] = [];
      for (const documentId of documentIds) {
        const id = byKey.get(stagedKey(uid, documentId))?.ids[version];
        if (id === undefined) missing.push(documentId);
        else found.set(stagedKey(uid, documentId), id);
      }
      if (missing.length === 0) continue;
      const where: Data = { documentId: { $in: missing }, publishedAt: version === 'published' ? { $notNull: true } : null };
      if (isLocalized(strapi, uid)) where.locale = locale;
      const rows = (await strapi.db.query(uid as 'api::organisation.organisation').findMany({ where, select: ['id', 'documentId'] })) as Array<{ id: number; documentId: string }>;
      for (const row of rows) found.set(stagedKey(uid, row.documentId), row.id);
    }
    return found;
  };

  /**
   * Components, component relations and relations of one version of every staged document. Targets
   * are looked up in the same version: a published entry links to published entries only, as
   * Strapi's publish does, and a target without that version is left out.
   */
  const writeRelations = async (version: Version): Promise<void> => {
    const links = new Map<string, { table: JoinTable; rows: Data[] }>();
    const addLink = (table: JoinTable, row: Data) => {
      const entry = links.get(table.name) ?? { table, rows: [] };
      entry.rows.push(row);
      links.set(table.name, entry);
    };
    type PendingComponent = { componentUid: string; data: Data; tableName: string; join: (cmpId: number) => Data };
    const joinRows: Array<{ tableName: string; row: Data }> = [];
    const components: PendingComponent[] = [];

    for (const locale of [...new Set(staged.map((record) => record.linkLocale))]) {
      const records = staged.filter((record) => record.linkLocale === locale && record.ids[version] !== undefined);
      const wanted = new Map<string, Set<string>>();
      const want = (uid: string, value: unknown) => {
        const set = wanted.get(uid) ?? new Set<string>();
        for (const documentId of documentIdsIn(value)) set.add(documentId);
        wanted.set(uid, set);
      };
      const visitRelations = (uid: string, data: Data) => {
        for (const [name, attribute] of Object.entries(schemaAttributes(strapi, uid))) {
          if (!(name in data)) continue;
          if (isRelationToDocument(attribute) && attribute.target !== undefined) want(attribute.target, data[name]);
          if (attribute.type === 'component' && attribute.component !== undefined) {
            for (const item of asItems(data[name])) visitRelations(attribute.component, item);
          }
          if (attribute.type === 'dynamiczone') {
            for (const item of asItems(data[name])) visitRelations(String(item.__component), item);
          }
        }
      };
      for (const record of records) visitRelations(record.uid, record.data);
      const ids = await resolveIds(wanted, version, locale);
      const idOf = (uid: string, documentId: string) => ids.get(stagedKey(uid, documentId));

      const relate = (uid: string, ownerId: number, data: Data) => {
        const dbAttributes = metadataOf(strapi, uid).attributes;
        for (const [name, attribute] of Object.entries(schemaAttributes(strapi, uid))) {
          if (!(name in data) || !isRelationToDocument(attribute) || attribute.target === undefined) continue;
          const table = dbAttributes[name]?.joinTable;
          if (table === undefined || table.inverseJoinColumn === undefined) throw new Error(`the bulk writer cannot store ${uid}.${name}`);
          const targetIds = [...new Set(documentIdsIn(data[name]).map((documentId) => idOf(attribute.target as string, documentId)))].filter(
            (id): id is number => id !== undefined
          );
          targetIds.forEach((targetId, index) => {
            const row: Data = { [table.joinColumn.name]: ownerId, [(table.inverseJoinColumn as { name: string }).name]: targetId };
            if (table.orderColumnName !== undefined) row[table.orderColumnName] = index + 1;
            addLink(table, row);
          });
        }
      };

      for (const record of records) {
        const ownerId = record.ids[version] as number;
        relate(record.uid, ownerId, record.data);
        const dbAttributes = metadataOf(strapi, record.uid).attributes;
        for (const [name, attribute] of Object.entries(schemaAttributes(strapi, record.uid))) {
          if (!(name in record.data) || (attribute.type !== 'component' && attribute.type !== 'dynamiczone')) continue;
          const table = dbAttributes[name]?.joinTable;
          if (table === undefined) throw new Error(`the bulk writer cannot store ${record.uid}.${name}`);
          const ordered = attribute.type === 'dynamiczone' || attribute.repeatable === true;
          asItems(record.data[name]).forEach((item, index) => {
            const componentUid = attribute.type === 'dynamiczone' ? String(item.__component) : (attribute.component as string);
            components.push({
              componentUid,
              data: item,
              tableName: table.name,
              join: (cmpId) => ({
                [table.joinColumn.name]: ownerId,
                [table.morphColumn?.idColumn.name ?? table.inverseJoinColumn?.name ?? 'cmp_id']: cmpId,
                [table.morphColumn?.typeColumn.name ?? 'component_type']: componentUid,
                field: table.on?.field ?? name,
                [table.orderColumnName ?? 'order']: ordered ? index + 1 : null,
              }),
            });
          });
        }
      }

      const componentUids = [...new Set(components.map((component) => component.componentUid))];
      for (const componentUid of componentUids) {
        const pending = components.filter((component) => component.componentUid === componentUid);
        const attributes = schemaAttributes(strapi, componentUid);
        const cmpIds = await createRows(strapi, componentUid, pending.map((component) => scalarsOf(attributes, component.data)));
        pending.forEach((component, index) => {
          joinRows.push({ tableName: component.tableName, row: component.join(cmpIds[index]) });
          relate(componentUid, cmpIds[index], component.data);
        });
      }
      components.length = 0;
    }
    await insertJoinRows(strapi, trx, joinRows);
    // Every owner here is a row this writer has just inserted, so in the draft version no link of
    // theirs exists yet. In the published version Strapi may have written some already, when this
    // document published an existing target through the Document Service.
    await insertLinks(strapi, trx, [...links.values()], version === 'published');
  };

  /** The data of a staged document, as the middlewares left it, to add what was not known when it was created. */
  const dataOf = (uid: string, documentId: string): Data => {
    const record = byKey.get(stagedKey(uid, documentId));
    if (record === undefined) throw new Error(`${uid} ${documentId} was not created by this writer`);
    return record.data;
  };

  /** Document Service work on records that exist, run by `flush` once the staged rows are written. */
  let deferred: Array<() => Promise<void>> = [];

  const defer = (work: () => Promise<void>): void => {
    deferred.push(work);
  };

  /**
   * Existing documents to update through the Document Service when the writer flushes, each once,
   * in the order first asked for. Pages of a batch often change the same record (an initiative
   * that recurs gains an organiser on each page). Each page's data sets whole fields, worked out
   * from what the pages before it taught the index, so applying a record's updates one after
   * another leaves the same draft as one update with their fields merged in page order, the later
   * page's value of a field winning. One update is one `entry.update` for the webhooks, and one
   * read and write of a record whose relations grow with the site, not one per page.
   */
  let updates = new Map<string, Publication & { data: Data }>();

  const update = (change: Publication & { data: Data }): void => {
    const key = documentKey(change);
    const asked = updates.get(key);
    if (asked === undefined) updates.set(key, { ...change, data: { ...change.data } });
    else Object.assign(asked.data, change.data);
  };

  /**
   * Existing documents to publish through the Document Service once all deferred work has run:
   * each once per flush, in the order first asked for. Pages of a batch often change the same record
   * (an initiative that recurs gains an organiser on each page); publishing it after every page's
   * update would rewrite its published version, and read it with every article that mentions it
   * for the event, once per page, where the final draft needs publishing once. A record asked for
   * by a later page stays where it was first asked for, so it is still published before the
   * article of that later page, which comes after it.
   */
  let publications = new Map<string, Publication>();

  const publish = (publication: Publication): void => {
    const key = documentKey(publication);
    if (!publications.has(key)) publications.set(key, publication);
  };

  /**
   * Writes everything staged: the rows, their draft relations, then the updates of existing records
   * and the deferred Document Service work in the order it was deferred (they may link to the new
   * rows), then the publications (existing targets are published before the published relations
   * point at them), then the published relations.
   */
  const flush = async (versions: Version[]): Promise<void> => {
    if (staged.length === 0 && updates.size === 0 && deferred.length === 0 && publications.size === 0) return;
    for (const record of staged) created.push({ uid: record.uid, documentId: record.documentId });
    await writeRows(versions);
    await writeRelations('draft');
    const updating = [...updates.values()];
    updates = new Map();
    for (const { uid, documentId, locale, data } of updating) {
      await strapi.documents(uid as 'api::organisation.organisation').update({ documentId, ...(locale === undefined ? {} : { locale }), data: data as never });
    }
    const work = deferred;
    deferred = [];
    for (const step of work) await step();
    const publishing = [...publications.values()];
    publications = new Map();
    for (const { uid, documentId, locale } of publishing) {
      await strapi.documents(uid as 'api::organisation.organisation').publish({ documentId, ...(locale === undefined ? {} : { locale }) });
    }
    if (versions.includes('published')) {
      if (publishing.length > 0) await forgetRepublished();
      await writeRelations('published');
    }
    staged = [];
  };

  /**
   * A later page of the batch may have published a document this writer staged, through the
   * Document Service: Strapi then replaced its published row (a new id) with one that already holds
   * the draft's components and relations. Such a document's published relations are not written
   * again, and links to it are looked up by its new id.
   */
  const forgetRepublished = async (): Promise<void> => {
    for (const uid of [...new Set(staged.map((record) => record.uid))]) {
      const records = staged.filter((record) => record.uid === uid && record.ids.published !== undefined);
      if (records.length === 0) continue;
      const rows = (await strapi.db.query(uid as 'api::organisation.organisation').findMany({
        where: { id: { $in: records.map((record) => record.ids.published as number) } },
        select: ['id'],
      })) as Array<{ id: number }>;
      const present = new Set(rows.map((row) => row.id));
      for (const record of records) if (!present.has(record.ids.published as number)) delete record.ids.published;
    }
  };

  /** Every document this writer has written, for work that must follow the commit (the search index). */
  const created: Array<{ uid: string; documentId: string }> = [];

  return {
    create,
    dataOf,
    defer,
    update,
    publish,
    flush,
    created: (): ReadonlyArray<{ uid: string; documentId: string }> => created,
    /** Once the writer's transaction has committed or rolled back: its slugs are in the database now, or nowhere. */
    close: (): void => slugs.release(),
  };
};

export type BulkWriter = ReturnType<typeof createBulkWriter>;

/**
 * Inserts link rows; each target's inverse order continues after the links it already has. A link
 * that exists already is left as it is: publishing a target that was linked from a new draft has
 * Strapi write the published pair itself.
 */
const insertLinks = async (strapi: Core.Strapi, trx: unknown, links: Array<{ table: JoinTable; rows: Data[] }>, mayExist: boolean): Promise<void> => {
  for (const { table, rows: candidates } of links) {
    const inverseOrder = table.inverseOrderColumnName;
    const targetColumn = table.inverseJoinColumn?.name;
    const ownerColumn = table.joinColumn.name;
    if (targetColumn === undefined) throw new Error(`${table.name} has no target column`);
    const pair = (row: Data) => `${String(row[ownerColumn])}:${String(row[targetColumn])}`;
    const existing = new Set<string>();
    const owners = mayExist ? [...new Set(candidates.map((row) => row[ownerColumn] as number))] : [];
    for (let start = 0; start < owners.length; start += 500) {
      const found = (await strapi.db
        .getConnection(table.name)
        .select(ownerColumn, targetColumn)
        .whereIn(ownerColumn, owners.slice(start, start + 500))
        .transacting(trx as never)) as Data[];
      for (const row of found) existing.add(pair(row));
    }
    // A pair Strapi already wrote keeps its row but takes its place in the importer's order, so no
    // two links of one owner share an order value (readers would then see an arbitrary order).
    const orderColumn = table.orderColumnName;
    if (orderColumn !== undefined) {
      for (const row of candidates.filter((candidate) => existing.has(pair(candidate)))) {
        await strapi.db
          .getConnection(table.name)
          .where({ [ownerColumn]: row[ownerColumn], [targetColumn]: row[targetColumn] })
          .update({ [orderColumn]: row[orderColumn] })
          .transacting(trx as never);
      }
    }
    const rows = candidates.filter((row) => !existing.has(pair(row)));
    if (rows.length === 0) continue;
    if (inverseOrder !== undefined) {
      const targets = [...new Set(rows.map((row) => row[targetColumn] as number))];
      const next = new Map<number, number>();
      for (let start = 0; start < targets.length; start += 500) {
        const existing = (await strapi.db
          .getConnection(table.name)
          .select(targetColumn)
          .max(inverseOrder, { as: 'max' })
          .whereIn(targetColumn, targets.slice(start, start + 500))
          .groupBy(targetColumn)
          .transacting(trx as never)) as Array<Record<string, unknown>>;
        for (const row of existing) next.set(Number(row[targetColumn]), Number(row.max ?? 0));
      }
      for (const row of rows) {
        const target = row[targetColumn] as number;
        const order = (next.get(target) ?? 0) + 1;
        next.set(target, order);
        row[inverseOrder] = order;
      }
    }
    await insertChunks(strapi, trx, table.name, rows);
  }
};

const insertJoinRows = async (strapi: Core.Strapi, trx: unknown, rows: Array<{ tableName: string; row: Data }>): Promise<void> => {
  for (const tableName of [...new Set(rows.map((entry) => entry.tableName))]) {
    await insertChunks(
      strapi,
      trx,
      tableName,
      rows.filter((entry) => entry.tableName === tableName).map((entry) => entry.row)
    );
  }
};

const insertChunks = async (strapi: Core.Strapi, trx: unknown, tableName: string, rows: Data[]): Promise<void> => {
  const size = strapi.db.dialect.getBatchInsertSize();
  for (let start = 0; start < rows.length; start += size) {
    await strapi.db.getConnection(tableName).insert(rows.slice(start, start + size)).transacting(trx as never);
  }
};
