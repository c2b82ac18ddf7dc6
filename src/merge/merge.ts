import type { Core } from '@strapi/strapi';
import { bumpContentVersion } from '../cache/content-version';
import { processLabel, withImportLock } from '../import/lock';
import { reindexDocuments } from '../search/indexer';
import { emitEntryEvents } from '../import/events';
import { MERGED_TABLE } from './merged-records';
import { combinedAliases, combinedMemory, filledFields, repeatedComponents } from './fields';
import { holdsOne, linkAttributes, linkKind, repeatableComponents, type LinkAttribute, type Schemas } from './links';
import { ORGANISATION, PERSON } from '../content-types';

/**
 * Merging two organisations or two persons: every link to or from the record merged away moves to
 * the kept one, version by version (a link on the published version moves on the published
 * version, whatever the linking article's locale), its name joins the kept record's aliases, the
 * kept record's empty fields are filled from it, and it is deleted and remembered (see
 * MERGED_TABLE), all in one transaction.
 *
 * Links are rows of Strapi's link tables, moved with the transaction's knex: the Document Service
 * can only write a draft, and publishing it to move a published link would publish whatever else
 * the draft holds. So the merge does what the document middlewares would have done: it reindexes
 * the documents it changed, moves the content version on, and emits `entry.update` for each of
 * them once the transaction has committed. The record merged away is deleted through the Document
 * Service, which emits its `entry.delete` itself.
 */

export { MERGED_TABLE };

export const MERGE_TYPES = { organisation: ORGANISATION, person: PERSON } as const;
export type MergeType = keyof typeof MERGE_TYPES;

export const isMergeType = (value: unknown): value is MergeType => typeof value === 'string' && Object.prototype.hasOwnProperty.call(MERGE_TYPES, value);

export class MergeError extends Error {
  readonly status: number;

  constructor(message: string, status: number) {
    super(message);
    this.name = 'MergeError';
    this.status = status;
  }
}

export type MergeRequest = { type: MergeType; keep: string; remove: string; dryRun: boolean; by: string; waitForImport: boolean };

export type RecordSummary = { documentId: string; name: string; published: boolean };

export type MergeReport = {
  type: MergeType;
  dryRun: boolean;
  keep: RecordSummary;
  remove: RecordSummary;
  /** Per kind of link (see linkKind), how many move. */
  links: Array<{ kind: string; count: number }>;
  /** The kept record's aliases after the merge (organisations). */
  aliases: string[];
  /** The kept record's empty fields the other fills. */
  filled: string[];
  /** The kept record is published by the merge: the other was, and published articles link to it. */
  publishesKept: boolean;
};

type Knex = Core.Strapi['db']['connection'];
type Row = Record<string, unknown> & { id: number; documentId: string; publishedAt: unknown; locale?: string | null };
type JoinTable = { name: string; joinColumn: { name: string }; inverseJoinColumn: { name: string }; orderColumnName?: string; on?: Record<string, unknown> };
type DbAttribute = { type: string; target?: string; joinTable?: JoinTable };
type Versions = { draft: Row | null; published: Row | null };

const schemasOf = (strapi: Core.Strapi): Schemas => ({ ...(strapi.contentTypes as unknown as Schemas), ...(strapi.components as unknown as Schemas) });

const dbAttribute = (strapi: Core.Strapi, owner: string, attribute: string): DbAttribute =>
  (strapi.db.metadata.get(owner as never) as unknown as { attributes: Record<string, DbAttribute> }).attributes[attribute];

const tableOf = (strapi: Core.Strapi, uid: string): string => strapi.db.metadata.get(uid as never).tableName;

const joinTableOf = (strapi: Core.Strapi, owner: string, attribute: string): JoinTable => {
  const joinTable = dbAttribute(strapi, owner, attribute)?.joinTable;
  if (joinTable === undefined) throw new Error(`${owner}.${attribute} stores its links without a link table; the merge cannot move them`);
  return joinTable;
};

/** Which column of a link table holds the merged type's row, and which the other end. */
const columnsOf = (joinTable: JoinTable, link: LinkAttribute): { own: string; other: string } =>
  link.direction === 'incoming'
    ? { own: joinTable.inverseJoinColumn.name, other: joinTable.joinColumn.name }
    : { own: joinTable.joinColumn.name, other: joinTable.inverseJoinColumn.name };

const mediaPopulate = (strapi: Core.Strapi, uid: string): Record<string, true> =>
  Object.fromEntries(Object.entries(schemasOf(strapi)[uid].attributes).filter(([, attribute]) => attribute.type === 'media').map(([name]) => [name, true]));

const readVersions = async (strapi: Core.Strapi, uid: string, documentId: string): Promise<Versions> => {
  const rows = (await strapi.db.query(uid as typeof ORGANISATION).findMany({ where: { documentId }, populate: mediaPopulate(strapi, uid) as never })) as Row[];
  return { draft: rows.find((row) => row.publishedAt === null) ?? null, published: rows.find((row) => row.publishedAt !== null) ?? null };
};

const summary = (versions: Versions): RecordSummary => {
  const row = versions.draft ?? versions.published;
  return { documentId: String(row?.documentId), name: String(row?.name ?? ''), published: versions.published !== null };
};

const rowIds = (versions: Versions): number[] => [versions.draft?.id, versions.published?.id].filter((id): id is number => id !== undefined);

/** How many documents link to the record (or it links to) by each kind: an article quoting a person twice, in two locales, counts once. */
const countLinks = async (strapi: Core.Strapi, knex: Knex, uid: string, removed: Versions): Promise<MergeReport['links']> => {
  const counts: MergeReport['links'] = [];
  const ids = rowIds(removed);
  for (const link of linkAttributes(schemasOf(strapi), uid)) {
    const joinTable = joinTableOf(strapi, link.owner, link.attribute);
    const { own, other } = columnsOf(joinTable, link);
    const others = ((await knex(joinTable.name).whereIn(own, ids).distinct(other)) as Array<Record<string, number>>).map((row) => row[other]);
    const target = link.direction === 'incoming' ? link.owner : (dbAttribute(strapi, link.owner, link.attribute).target ?? link.owner);
    const count = link.component ? await countComponentOwners(strapi, knex, link.owner, others) : await countDocuments(strapi, knex, target, others);
    if (count > 0) counts.push({ kind: linkKind(link), count });
  }
  for (const field of repeatableComponents(schemasOf(strapi), uid)) {
    const joinTable = joinTableOf(strapi, uid, field);
    const rows = (await knex(joinTable.name).where(joinTable.joinColumn.name, removed.draft?.id ?? removed.published?.id ?? -1).andWhere('field', field).count({ n: '*' }).first()) as { n: number | string };
    if (Number(rows.n) > 0) counts.push({ kind: `outgoing:${uid}.${field}`, count: Number(rows.n) });
  }
  return counts;
};

const countComponentOwners = async (strapi: Core.Strapi, knex: Knex, component: string, ids: number[]): Promise<number> => {
  const owners: Touched = new Map();
  await componentOwners(strapi, knex, component, ids, owners);
  let count = 0;
  for (const [uid, rows] of owners) count += await countDocuments(strapi, knex, uid, [...rows]);
  return count;
};

const countDocuments = async (strapi: Core.Strapi, knex: Knex, uid: string, ids: number[]): Promise<number> => {
  let documents = new Set<string>();
  for (let start = 0; start < ids.length; start += 500) {
    const rows = (await knex(tableOf(strapi, uid)).whereIn('id', ids.slice(start, start + 500)).distinct('document_id')) as Array<{ document_id: string }>;
    documents = new Set([...documents, ...rows.map((row) => row.document_id)]);
  }
  return documents.size;
};

const load = async (strapi: Core.Strapi, request: Pick<MergeRequest, 'type' | 'keep' | 'remove'>) => {
  const uid = MERGE_TYPES[request.type];
  if (request.keep === request.remove) throw new MergeError('A record cannot be merged with itself.', 400);
  const kept = await readVersions(strapi, uid, request.keep);
  const removed = await readVersions(strapi, uid, request.remove);
  if (kept.draft === null && kept.published === null) throw new MergeError(`No ${request.type} ${request.keep} (the record to keep).`, 404);
  if (removed.draft === null && removed.published === null) throw new MergeError(`No ${request.type} ${request.remove} (the record to merge away).`, 404);
  return { uid, kept, removed };
};

/** What the kept row's own fields become, given the row of the other record in the same state. */
const keptFields = (strapi: Core.Strapi, uid: string, kept: Row, removed: Row): Record<string, unknown> => {
  const attributes = schemasOf(strapi)[uid].attributes;
  const data: Record<string, unknown> = filledFields(attributes, kept, removed);
  if ('aliases' in attributes) data.aliases = combinedAliases({ name: String(kept.name), aliases: kept.aliases }, { name: String(removed.name), aliases: removed.aliases });
  if ('importedValues' in attributes) data.importedValues = combinedMemory(kept.importedValues, removed.importedValues);
  return data;
};

const preview = async (strapi: Core.Strapi, request: MergeRequest): Promise<MergeReport> => {
  const { uid, kept, removed } = await load(strapi, request);
  const keptRow = (kept.draft ?? kept.published) as Row;
  const removedRow = (removed.draft ?? removed.published) as Row;
  const data = keptFields(strapi, uid, keptRow, removedRow);
  return {
    type: request.type,
    dryRun: request.dryRun,
    keep: summary(kept),
    remove: summary(removed),
    links: await countLinks(strapi, strapi.db.connection, uid, removed),
    aliases: Array.isArray(data.aliases) ? (data.aliases as string[]) : [],
    filled: Object.keys(data).filter((field) => field !== 'aliases' && field !== 'importedValues'),
    publishesKept: removed.published !== null && kept.published === null,
  };
};

/** Rows whose links changed, by type: the documents to reindex and report. */
type Touched = Map<string, Set<number>>;

const touch = (touched: Touched, uid: string, ids: number[]): void => {
  const set = touched.get(uid) ?? new Set<number>();
  for (const id of ids) set.add(id);
  touched.set(uid, set);
};

/**
 * Moves one relation's links from one row to another. A link the kept row already has is dropped;
 * so is a single-valued link of its own (a parent) when it has one already: the kept record's win.
 */
const moveRelation = async (knex: Knex, joinTable: JoinTable, link: LinkAttribute, from: number, to: number): Promise<number[]> => {
  const { own, other } = columnsOf(joinTable, link);
  const table = joinTable.name;
  const others = ((await knex(table).where(own, from).select(other)) as Array<Record<string, number>>).map((row) => row[other]);
  if (others.length === 0) return [];
  const keptHasOne = link.direction === 'outgoing' && holdsOne(link.relation) && (await knex(table).where(own, to).first(other)) !== undefined;
  if (keptHasOne) await knex(table).where(own, from).del();
  else {
    await knex(table).where(own, from).whereIn(other, knex(table).select(other).where(own, to)).del();
    await knex(table).where(own, from).update({ [own]: to });
  }
  return others;
};

/** The entries (of some type) whose components are these rows. */
const componentOwners = async (strapi: Core.Strapi, knex: Knex, component: string, ids: number[], touched: Touched): Promise<void> => {
  if (ids.length === 0) return;
  for (const [uid, schema] of Object.entries(strapi.contentTypes as unknown as Schemas)) {
    for (const [field, attribute] of Object.entries(schema.attributes)) {
      if (attribute.type !== 'component' || attribute.component !== component) continue;
      const joinTable = joinTableOf(strapi, uid, field);
      const rows = (await knex(joinTable.name).whereIn(joinTable.inverseJoinColumn.name, ids).where('component_type', component).select(joinTable.joinColumn.name)) as Array<Record<string, number>>;
      touch(touched, uid, rows.map((row) => row[joinTable.joinColumn.name]));
    }
  }
};

const moveLinks = async (strapi: Core.Strapi, knex: Knex, uid: string, pairs: Array<[number, number]>, touched: Touched): Promise<void> => {
  const links = linkAttributes(schemasOf(strapi), uid);
  // Links to the record first, then its own: a child merged into its parent has lost the self-link before its parent is compared.
  for (const direction of ['incoming', 'outgoing'] as const) {
    for (const link of links.filter((candidate) => candidate.direction === direction)) {
      const joinTable = joinTableOf(strapi, link.owner, link.attribute);
      for (const [from, to] of pairs) {
        const others = await moveRelation(knex, joinTable, link, from, to);
        if (link.direction === 'outgoing') {
          const target = dbAttribute(strapi, link.owner, link.attribute).target ?? link.owner;
          touch(touched, target, others);
        } else if (link.component) await componentOwners(strapi, knex, link.owner, others, touched);
        else touch(touched, link.owner, others);
        // A record is never linked to itself: a parent merged into its child leaves the child without it.
        if (link.owner === uid && dbAttribute(strapi, link.owner, link.attribute).target === uid) {
          const { own, other } = columnsOf(joinTable, link);
          await knex(joinTable.name).where(own, to).andWhere(other, to).del();
        }
      }
    }
  }
  for (const field of repeatableComponents(schemasOf(strapi), uid)) {
    const joinTable = joinTableOf(strapi, uid, field);
    const entity = joinTable.joinColumn.name;
    for (const [from, to] of pairs) {
      const last = (await knex(joinTable.name).where(entity, to).andWhere('field', field).max({ n: 'order' }).first()) as { n: number | string | null } | undefined;
      const offset = Number(last?.n ?? 0) + 1;
      await knex(joinTable.name).where(entity, from).andWhere('field', field).update({ [entity]: to, order: knex.raw('?? + ?', ['order', offset]) });
      await dropRepeatedComponents(strapi, knex, uid, field, to);
    }
  }
};

/** A position both records held is kept once (see repeatedComponents). */
const dropRepeatedComponents = async (strapi: Core.Strapi, knex: Knex, uid: string, field: string, entityId: number): Promise<void> => {
  const joinTable = joinTableOf(strapi, uid, field);
  const component = String(schemasOf(strapi)[uid].attributes[field].component);
  const ids = ((await knex(joinTable.name).where(joinTable.joinColumn.name, entityId).andWhere('field', field).orderBy('order').select(joinTable.inverseJoinColumn.name)) as Array<Record<string, number>>).map(
    (row) => row[joinTable.inverseJoinColumn.name]
  );
  const linked = Object.entries(schemasOf(strapi)[component].attributes).filter(([, attribute]) => attribute.type === 'relation' || attribute.type === 'media');
  const rows = (await strapi.db.query(component as never).findMany({ where: { id: { $in: ids } }, populate: Object.fromEntries(linked.map(([name]) => [name, { select: ['id'] }])) as never })) as Array<
    Record<string, unknown> & { id: number }
  >;
  const ordered = ids.map((id) => rows.find((row) => row.id === id)).filter((row): row is Record<string, unknown> & { id: number } => row !== undefined);
  for (const id of repeatedComponents(ordered)) {
    await knex(joinTable.name).where(joinTable.inverseJoinColumn.name, id).andWhere('field', field).del();
    await strapi.db.query(component as never).delete({ where: { id } });
  }
};

/** The versions of the two records that correspond: draft to draft, published to published. */
const versionPairs = (kept: Versions, removed: Versions): Array<[number, number]> => {
  const pairs: Array<[number, number]> = [];
  if (removed.draft !== null && kept.draft !== null) pairs.push([removed.draft.id, kept.draft.id]);
  if (removed.published !== null && kept.published !== null) pairs.push([removed.published.id, kept.published.id]);
  return pairs;
};

type TouchedDocument = { uid: string; documentId: string; locale: string | null; id: number };

/** One entry per document and locale, its draft's row preferred, as the Document Service reports an update. */
const touchedDocuments = async (strapi: Core.Strapi, knex: Knex, touched: Touched): Promise<TouchedDocument[]> => {
  const found: TouchedDocument[] = [];
  for (const [uid, ids] of touched) {
    if (!uid.startsWith('api::') || ids.size === 0) continue;
    const table = tableOf(strapi, uid);
    const hasLocale = 'locale' in (strapi.db.metadata.get(uid as never) as unknown as { attributes: Record<string, unknown> }).attributes;
    const rows = (await knex(table).whereIn('document_id', knex(table).select('document_id').whereIn('id', [...ids])).select(['id', 'document_id', 'published_at', ...(hasLocale ? ['locale'] : [])])) as Array<{
      id: number;
      document_id: string;
      published_at: unknown;
      locale?: string | null;
    }>;
    const byVersion = new Map<string, TouchedDocument>();
    for (const row of rows.sort((a, b) => Number(a.published_at !== null) - Number(b.published_at !== null))) {
      const key = `${row.document_id}|${row.locale ?? ''}`;
      if (!byVersion.has(key)) byVersion.set(key, { uid, documentId: row.document_id, locale: row.locale ?? null, id: row.id });
    }
    found.push(...byVersion.values());
  }
  return found;
};

const fill = async (strapi: Core.Strapi, uid: string, kept: Row | null, removed: Row | null): Promise<void> => {
  if (kept === null || removed === null) return;
  await strapi.db.query(uid as typeof ORGANISATION).update({ where: { id: kept.id }, data: keptFields(strapi, uid, kept, removed) as never });
};

const remember = async (knex: Knex, uid: string, removed: Versions, keep: string, by: string): Promise<void> => {
  const row = (removed.draft ?? removed.published) as Row;
  await knex(MERGED_TABLE).insert({
    type_uid: uid,
    removed_document_id: row.documentId,
    kept_document_id: keep,
    removed_name: String(row.name),
    removed_import_key: typeof row.importKey === 'string' && row.importKey !== '' ? row.importKey : null,
    merged_by: by,
    merged_at: Date.now(),
  });
};

const mergeInTransaction = async (strapi: Core.Strapi, request: MergeRequest, report: MergeReport): Promise<TouchedDocument[]> =>
  strapi.db.transaction(async ({ trx }) => {
    const knex = trx as unknown as Knex;
    const { uid, kept: before, removed } = await load(strapi, request);
    await fill(strapi, uid, before.draft, removed.draft ?? removed.published);
    if (report.publishesKept) await strapi.documents(uid).publish({ documentId: request.keep });
    else await fill(strapi, uid, before.published, removed.published ?? removed.draft);
    const kept = await readVersions(strapi, uid, request.keep);
    const touched: Touched = new Map([[uid, new Set(rowIds(kept))]]);
    await moveLinks(strapi, knex, uid, versionPairs(kept, removed), touched);
    const documents = (await touchedDocuments(strapi, knex, touched)).filter((document) => document.documentId !== request.remove);
    await strapi.documents(uid).delete({ documentId: request.remove });
    await remember(knex, uid, removed, request.keep, request.by);
    // The index and the content version commit with the merge, as the document middlewares' would.
    for (const type of new Set(documents.map((document) => document.uid))) {
      await reindexDocuments(strapi, type, documents.filter((document) => document.uid === type).map((document) => document.documentId));
    }
    await bumpContentVersion(strapi);
    return documents;
  });

/** Previews a merge (`dryRun`) or carries it out, holding the import lock so no import links to the record meanwhile. */
export const mergeRecords = async (strapi: Core.Strapi, request: MergeRequest): Promise<MergeReport> => {
  const report = await preview(strapi, request);
  if (request.dryRun) return report;
  return withImportLock(strapi, { holder: `merge by ${request.by} (${processLabel()})`, wait: request.waitForImport }, async () => {
    const checked = await preview(strapi, request);
    const documents = await mergeInTransaction(strapi, request, checked);
    await emitEntryEvents(strapi, documents.map((document) => ({ event: 'entry.update' as const, uid: document.uid, id: document.id })));
    return checked;
  });
};
