import type { Core } from '@strapi/strapi';
import type { Candidates } from './changes';
import { forget, initiativeValues, organisationValues, personValues, type EntityIndex } from './known';
import { editedFields, type RecordMemory } from './memory';
import { asMoney, asRows, asString, INITIATIVE, keyOfOrganisation, keyOfPerson, ORGANISATION, PERSON, positionsOf } from './read';

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

type Metadata = Map<string, { attributes: Record<string, { type: string; target?: string; joinTable?: { name: string; inverseJoinColumn?: { name: string } } }> }>;

/** Every link-table column that holds a row id of `uid` as the target of a link, whoever owns it (an entry or a component). */
const columnsPointingAt = (strapi: Core.Strapi, uid: string): Array<{ table: string; column: string }> => {
  const found = new Map<string, { table: string; column: string }>();
  for (const model of (strapi.db.metadata as unknown as Metadata).values()) {
    for (const attribute of Object.values(model.attributes)) {
      const inverse = attribute.joinTable?.inverseJoinColumn?.name;
      if (attribute.type !== 'relation' || attribute.target !== uid || attribute.joinTable === undefined || inverse === undefined) continue;
      found.set(`${attribute.joinTable.name}.${inverse}`, { table: attribute.joinTable.name, column: inverse });
    }
  }
  return [...found.values()];
};

const isLinked = async (strapi: Core.Strapi, trx: unknown, uid: string, documentId: string): Promise<boolean> => {
  const rows = (await strapi.db.query(uid as typeof PERSON).findMany({ where: { documentId }, select: ['id'] })) as Array<{ id: number }>;
  const ids = rows.map((row) => row.id);
  for (const { table, column } of columnsPointingAt(strapi, uid)) {
    const link = (await strapi.db.getConnection(table).select(column).whereIn(column, ids).first().transacting(trx as never)) as unknown;
    if (link !== undefined) return true;
  }
  return false;
};

const filled = (value: unknown): boolean => value !== null && value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0);

/** The record's importer fields as stored, and whether an editor filled in a field the importer never writes. */
const readRecord = async (strapi: Core.Strapi, kind: Kind, documentId: string): Promise<{ values: Record<string, unknown>; editorFields: boolean } | null> => {
  const where = { documentId, publishedAt: null };
  const named = { select: ['id', 'name', 'importKey'] };
  if (kind === 'persons') {
    const row = (await strapi.db.query(PERSON).findOne({ where, populate: { photo: true, positions: { populate: { organisation: named } } } })) as Parameters<typeof positionsOf>[0] | null;
    if (row === null) return null;
    return { values: personValues({ name: row.name, positions: positionsOf(row) }), editorFields: [row.nameEn, row.biography, row.photo].some(filled) };
  }
  if (kind === 'initiatives') {
    const row = (await strapi.db.query(INITIATIVE).findOne({ where, populate: { organisers: named, people: named, amounts: true } })) as Record<string, unknown> | null;
    if (row === null) return null;
    const organiserKeys = asRows(row.organisers).map((o) => keyOfOrganisation(o as Parameters<typeof keyOfOrganisation>[0]));
    const personKeys = asRows(row.people).map((p) => keyOfPerson(p as Parameters<typeof keyOfPerson>[0], ''));
    const values = initiativeValues({ name: String(row.name), kind: String(row.kind), organiserKeys, personKeys, amounts: asMoney(row.amounts) });
    return { values, editorFields: [row.nameEn, row.description, row.startDate, row.endDate, row.location].some(filled) };
  }
  const row = (await strapi.db.query(ORGANISATION).findOne({ where, populate: { logo: true, parent: named } })) as Record<string, unknown> | null;
  if (row === null) return null;
  const aliases = Array.isArray(row.aliases) ? (row.aliases as unknown[]).filter((alias): alias is string => typeof alias === 'string') : [];
  const parentKey = row.parent === null || row.parent === undefined ? null : keyOfOrganisation(row.parent as Parameters<typeof keyOfOrganisation>[0]);
  const values = organisationValues({ name: String(row.name), kind: String(row.kind), aliases, parentKey });
  return { values, editorFields: [row.nameEn, row.region, row.website, row.contact, row.description, row.logo].some(filled) };
};

const touched = (memory: RecordMemory, record: { values: Record<string, unknown>; editorFields: boolean }): boolean =>
  record.editorFields || editedFields(memory, record.values).length > 0;

/**
 * Removes or flags this run's orphans, in one transaction: persons first, whose positions are what
 * links most organisations, then initiatives, then organisations. `label` names a record for the report.
 */
export const sweepOrphans = async (strapi: Core.Strapi, index: EntityIndex, candidates: Candidates, label: (kind: Kind, key: string) => string): Promise<OrphanReport> => {
  const report: OrphanReport = { removed: [], flagged: [] };
  await strapi.db.transaction(async ({ trx }) => {
    for (const kind of ['persons', 'initiatives', 'organisations'] as const) {
      for (const key of candidates[kind]) {
        const known = index[kind].get(key);
        if (known === undefined || known.documentId === null || (await isLinked(strapi, trx, UIDS[kind], known.documentId))) continue;
        const record = await readRecord(strapi, kind, known.documentId);
        if (record === null) continue;
        const name = label(kind, key);
        if (!touched(known.memory, record)) {
          await strapi.documents(UIDS[kind] as typeof PERSON).delete({ documentId: known.documentId });
          forget(index, kind, key);
          report.removed.push(name);
          continue;
        }
        const current = (await strapi.db.query(UIDS[kind] as typeof PERSON).findOne({ where: { documentId: known.documentId, publishedAt: null }, select: ['reviewReason'] })) as { reviewReason?: unknown } | null;
        const reason = asString(current?.reviewReason);
        if (reason === null || !reason.includes(ORPHAN_REASON)) {
          const reviewReason = reason === null ? ORPHAN_REASON : `${reason}\n${ORPHAN_REASON}`;
          await strapi.db.query(UIDS[kind] as typeof PERSON).updateMany({ where: { documentId: known.documentId }, data: { needsReview: true, reviewReason } });
        }
        report.flagged.push(name);
      }
    }
  });
  return report;
};
