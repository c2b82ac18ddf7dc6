import type { Core } from '@strapi/strapi';
import type { Candidates } from './changes';
import { forget, initiativeValues, organisationValues, personValues, type EntityIndex } from './known';
import { fingerprint } from './keys';
import { editedFields, type RecordMemory } from './memory';
import { asString } from './read';
import { INITIATIVE, ORGANISATION, PERSON } from '../content-types';

/**
 * Records the importer created that nothing links to any more, after a run re-read the pages that
 * named them (a person a page now ties to another organisation, an organisation only that person's
 * old position named). One no editor touched is removed: it was the importer's reading, and the
 * importer reads otherwise now. One an editor touched (a field changed or filled in, a position
 * added) is kept, as a draft or as it is, flagged for review: what to do with an editor's work is
 * an editor's call. Records editors made (no import key) are never candidates.
 *
 * Only this run's candidates are looked at: a record that loses its last link some other way (an
 * editor unlinking it, say) is left alone. A record still linked from a published version (an
 * article whose new draft no longer names it, in a run that does not publish) is linked.
 */

export type OrphanReport = { removed: string[]; flagged: string[] };

export const ORPHAN_REASON = '导入程序重新分析后，已没有文章或记录引用此条目；它有编辑改动，因此保留，请核对是否删除';

type Kind = 'persons' | 'initiatives' | 'organisations';

const UIDS: Record<Kind, string> = { persons: PERSON, initiatives: INITIATIVE, organisations: ORGANISATION };

/** What this run planned each record to link to, by key, with the document it is (null for one a dry run only pretends to create). */
export type PlannedLinks = Map<string, { documentId: string | null; links: string[] }>;

type JoinTable = {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn?: { name: string };
  morphColumn?: { idColumn: { name: string }; typeColumn: { name: string } };
};
type Model = {
  uid: string;
  tableName: string;
  attributes: Record<string, { type: string; target?: string; mappedBy?: string; component?: string; components?: string[]; joinTable?: JoinTable }>;
};

const modelsOf = (strapi: Core.Strapi): Model[] => [...(strapi.db.metadata as unknown as Map<string, Model>).values()];

const run = <T>(query: T, trx: unknown): T => (trx === null ? query : ((query as unknown as { transacting: (t: never) => T }).transacting(trx as never)));

/** Document ids of rows of a content type, or of the entries that own rows of a component. */
const documentIdsOf = async (strapi: Core.Strapi, trx: unknown, owner: Model, ids: number[]): Promise<string[]> => {
  if (!owner.uid.includes('::')) {
    const found: string[] = [];
    for (const model of modelsOf(strapi)) {
      for (const attribute of Object.values(model.attributes)) {
        const holds = attribute.component === owner.uid || (attribute.components ?? []).includes(owner.uid);
        if ((attribute.type !== 'component' && attribute.type !== 'dynamiczone') || !holds || attribute.joinTable === undefined) continue;
        const table = attribute.joinTable;
        const cmpColumn = table.morphColumn?.idColumn.name ?? table.inverseJoinColumn?.name ?? 'cmp_id';
        const typeColumn = table.morphColumn?.typeColumn.name ?? 'component_type';
        const rows = (await run(strapi.db.getConnection(table.name).select(table.joinColumn.name).whereIn(cmpColumn, ids).where(typeColumn, owner.uid), trx)) as Array<Record<string, number>>;
        if (rows.length > 0) found.push(...(await documentIdsOf(strapi, trx, model, rows.map((row) => row[table.joinColumn.name]))));
      }
    }
    return found;
  }
  const rows = (await run(strapi.db.getConnection(owner.tableName).select('document_id').whereIn('id', ids), trx)) as Array<{ document_id: string }>;
  return rows.map((row) => row.document_id);
};

/** The documents that link to a record, in any version, whether the link is an entry's or one of its components'. */
const linkersOf = async (strapi: Core.Strapi, trx: unknown, uid: string, documentId: string): Promise<string[]> => {
  const ids = ((await run(strapi.db.getConnection(strapi.db.metadata.get(uid as typeof PERSON).tableName).select('id').where('document_id', documentId), trx)) as Array<{ id: number }>).map((row) => row.id);
  const linkers = new Set<string>();
  for (const model of modelsOf(strapi)) {
    for (const attribute of Object.values(model.attributes)) {
      const table = attribute.joinTable;
      // The other side of a link (an organisation's people, its children) is the record's own links seen from there.
      if (attribute.type !== 'relation' || attribute.target !== uid || attribute.mappedBy !== undefined || table?.inverseJoinColumn === undefined) continue;
      const rows = (await run(strapi.db.getConnection(table.name).select(table.joinColumn.name).whereIn(table.inverseJoinColumn.name, ids), trx)) as Array<Record<string, number>>;
      if (rows.length === 0) continue;
      for (const linker of await documentIdsOf(strapi, trx, model, rows.map((row) => row[table.joinColumn.name]))) linkers.add(linker);
    }
  }
  return [...linkers];
};

const filled = (value: unknown): boolean => value !== null && value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0);

/** Fields the importer never writes: an editor who filled one in has worked on the record. */
const EDITORS_FIELDS: Record<Kind, string[]> = {
  persons: ['nameEn', 'biography', 'photo'],
  initiatives: ['nameEn', 'description', 'startDate', 'endDate', 'location'],
  organisations: ['nameEn', 'region', 'website', 'contact', 'description', 'logo'],
};

/**
 * Whether an editor filled in one of the fields the importer does not write. A person's English
 * name is the importer's too when it is the one the importer wrote (its fingerprint in the memory).
 */
const editorsFieldsFilled = async (strapi: Core.Strapi, kind: Kind, documentId: string, memory: RecordMemory): Promise<boolean> => {
  const media = kind === 'persons' ? { photo: true } : kind === 'organisations' ? { logo: true } : {};
  const row = (await strapi.db.query(UIDS[kind] as typeof PERSON).findOne({ where: { documentId, publishedAt: null }, populate: media })) as Record<string, unknown> | null;
  const importers = (field: string) => memory.fields[field] !== undefined && memory.fields[field] === fingerprint(row?.[field] ?? null);
  return row !== null && EDITORS_FIELDS[kind].some((field) => filled(row[field]) && !importers(field));
};

/** The importer's fields of a known record, as this run leaves them. */
const valuesOf = (index: EntityIndex, kind: Kind, key: string): { values: Record<string, unknown>; memory: RecordMemory } | null => {
  if (kind === 'persons') {
    const known = index.persons.get(key);
    return known === undefined ? null : { values: personValues(known), memory: known.memory };
  }
  if (kind === 'initiatives') {
    const known = index.initiatives.get(key);
    return known === undefined ? null : { values: initiativeValues(known), memory: known.memory };
  }
  const known = index.organisations.get(key);
  return known === undefined ? null : { values: organisationValues(known), memory: known.memory };
};

const flag = async (strapi: Core.Strapi, uid: string, documentId: string): Promise<void> => {
  const current = (await strapi.db.query(uid as typeof PERSON).findOne({ where: { documentId, publishedAt: null }, select: ['reviewReason'] })) as { reviewReason?: unknown } | null;
  const reason = asString(current?.reviewReason);
  if (reason !== null && reason.includes(ORPHAN_REASON)) return;
  await strapi.db.query(uid as typeof PERSON).updateMany({ where: { documentId }, data: { needsReview: true, reviewReason: reason === null ? ORPHAN_REASON : `${reason}\n${ORPHAN_REASON}` } });
};

/**
 * This run's orphans, persons first (their positions are what links most organisations), then
 * initiatives, then organisations. After a real run (`planned` null) a record nothing links to is
 * removed or flagged, in one transaction. A dry run writes nothing: it says which records would be,
 * those whose every link is one this run replaces without them. `label` names a record for the report.
 */
export const sweepOrphans = async (strapi: Core.Strapi, index: EntityIndex, candidates: Candidates, label: (kind: Kind, key: string) => string, planned: PlannedLinks | null): Promise<OrphanReport> => {
  const report: OrphanReport = { removed: [], flagged: [] };
  // For a dry run: how many planned records link each key, and the documents the run rewrites.
  const linkedAfter = new Map<string, number>();
  for (const entry of planned?.values() ?? []) for (const link of entry.links) linkedAfter.set(link, (linkedAfter.get(link) ?? 0) + 1);
  const rewritten = new Set([...(planned?.values() ?? [])].map((entry) => entry.documentId).filter((id): id is string => id !== null));
  /** A record a dry run would remove links nothing any more: what only it linked may be orphaned in turn, as in a real run. */
  const wouldRemove = (key: string, documentId: string) => {
    for (const link of planned?.get(key)?.links ?? []) linkedAfter.set(link, (linkedAfter.get(link) ?? 1) - 1);
    planned?.set(key, { documentId, links: [] });
    rewritten.add(documentId);
  };
  const sweep = async (trx: unknown): Promise<void> => {
    for (const kind of ['persons', 'initiatives', 'organisations'] as const) {
      for (const key of candidates[kind]) {
        const documentId = index[kind].get(key)?.documentId ?? null;
        const record = valuesOf(index, kind, key);
        if (documentId === null || record === null || (planned !== null && (linkedAfter.get(key) ?? 0) > 0)) continue;
        const linkers = await linkersOf(strapi, trx, UIDS[kind], documentId);
        if (planned === null ? linkers.length > 0 : !linkers.every((linker) => rewritten.has(linker))) continue;
        const touched = editedFields(record.memory, record.values).length > 0 || (await editorsFieldsFilled(strapi, kind, documentId, record.memory));
        (touched ? report.flagged : report.removed).push(label(kind, key));
        if (planned !== null) {
          if (!touched) wouldRemove(key, documentId);
        } else if (touched) {
          await flag(strapi, UIDS[kind], documentId);
        } else {
          await strapi.documents(UIDS[kind] as typeof PERSON).delete({ documentId });
          forget(index, kind, key);
        }
      }
    }
  };
  if (planned !== null) await sweep(null);
  else await strapi.db.transaction(({ trx }) => sweep(trx));
  return report;
};
