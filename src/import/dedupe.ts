import type { Core } from '@strapi/strapi';
import { NATURAL_KEY_TABLES, ensureNaturalKeyIndexes } from '../database/natural-keys';
import { processLabel, withImportLock } from './lock';

/**
 * Merges records that share an import key: what two imports racing each other created before the
 * natural keys were enforced. Of each group the record with a published version (else the oldest)
 * is kept; every link to or from the others (article mentions, positions, quotes, organisers,
 * parents) is moved onto it, version by version, then the others are deleted through the Document
 * Service, so their components go with them and the usual delete events fire.
 */

type Knex = Core.Strapi['db']['connection'];

type Row = { id: number; document_id: string; locale: string | null; published_at: unknown; import_key: string };

type LinkColumn = { table: string; column: string; other: string };

export type DedupeTypeReport = { table: string; groups: number; merged: number; linksMoved: number };
export type DedupeReport = { dryRun: boolean; types: DedupeTypeReport[]; indexesEnforced: boolean };

type Metadata = Map<string, { attributes: Record<string, { type: string; target?: string; joinTable?: { name: string; joinColumn: { name: string }; inverseJoinColumn?: { name: string } } }> }>;

/** Every link-table column that holds a row id of `uid`, with the column at the other end. */
const linkColumnsTo = (strapi: Core.Strapi, uid: string): LinkColumn[] => {
  const found = new Map<string, LinkColumn>();
  for (const [modelUid, model] of strapi.db.metadata as unknown as Metadata) {
    for (const attribute of Object.values(model.attributes)) {
      const joinTable = attribute.joinTable;
      if (attribute.type !== 'relation' || joinTable === undefined || joinTable.inverseJoinColumn === undefined) continue;
      const { name } = joinTable;
      const own = joinTable.joinColumn.name;
      const inverse = joinTable.inverseJoinColumn.name;
      if (attribute.target === uid) found.set(`${name}.${inverse}`, { table: name, column: inverse, other: own });
      if (modelUid === uid) found.set(`${name}.${own}`, { table: name, column: own, other: inverse });
    }
  }
  return [...found.values()];
};

const versionOf = (row: Row): string => `${row.locale ?? ''}|${row.published_at === null ? 'draft' : 'published'}`;

type Group = { keeper: string; duplicates: string[]; rows: Row[] };

/** Groups of documents sharing a key and locale; the keeper is published if any is, else the oldest. */
const duplicateGroups = (rows: Row[]): Group[] => {
  const byKey = new Map<string, Row[]>();
  for (const row of rows) {
    const key = `${row.import_key}|${row.locale ?? ''}`;
    byKey.set(key, [...(byKey.get(key) ?? []), row]);
  }
  const groups: Group[] = [];
  for (const members of byKey.values()) {
    const documents = [...new Set(members.map((row) => row.document_id))];
    if (documents.length < 2) continue;
    const published = new Set(members.filter((row) => row.published_at !== null).map((row) => row.document_id));
    const firstId = (documentId: string) => Math.min(...members.filter((row) => row.document_id === documentId).map((row) => row.id));
    const ranked = documents.sort((a, b) => Number(published.has(b)) - Number(published.has(a)) || firstId(a) - firstId(b));
    groups.push({ keeper: ranked[0], duplicates: ranked.slice(1), rows: members });
  }
  return groups;
};

/** Moves the links of one row onto another, dropping those the keeper already has. */
const moveLinks = async (knex: Knex, links: LinkColumn[], from: number, to: number): Promise<number> => {
  let moved = 0;
  for (const { table, column, other } of links) {
    const kept = knex(table).select(other).where(column, to);
    await knex(table).where(column, from).whereIn(other, kept).del();
    moved += Number(await knex(table).where(column, from).update({ [column]: to }));
  }
  return moved;
};

/** `knex` is the transaction's: Strapi's own knex instance would wait for the connection the transaction holds. */
const mergeGroup = async (strapi: Core.Strapi, knex: Knex, uid: string, links: LinkColumn[], group: Group): Promise<number> => {
  const keeperRows = new Map(group.rows.filter((row) => row.document_id === group.keeper).map((row) => [versionOf(row), row.id]));
  let moved = 0;
  for (const row of group.rows.filter((candidate) => candidate.document_id !== group.keeper)) {
    const target = keeperRows.get(versionOf(row));
    if (target !== undefined) moved += await moveLinks(knex, links, row.id, target);
  }
  for (const documentId of group.duplicates) {
    const locale = group.rows.find((row) => row.document_id === documentId)?.locale ?? undefined;
    await strapi.documents(uid as 'api::organisation.organisation').delete({ documentId, ...(locale === undefined || locale === null ? {} : { locale }) });
  }
  return moved;
};

export const dedupe = async (strapi: Core.Strapi, options: { dryRun: boolean }): Promise<DedupeReport> => {
  const knex = strapi.db.connection;
  const run = async (): Promise<DedupeReport> => {
    const types: DedupeTypeReport[] = [];
    for (const { uid, table } of NATURAL_KEY_TABLES) {
      const rows = (await knex(table).select('id', 'document_id', 'locale', 'published_at', 'import_key').whereNotNull('import_key').orderBy('id')) as Row[];
      const groups = duplicateGroups(rows);
      const report: DedupeTypeReport = { table, groups: groups.length, merged: 0, linksMoved: 0 };
      if (!options.dryRun && groups.length > 0) {
        const links = linkColumnsTo(strapi, uid);
        await strapi.db.transaction(async ({ trx }) => {
          for (const group of groups) {
            report.linksMoved += await mergeGroup(strapi, trx as unknown as Knex, uid, links, group);
            report.merged += group.duplicates.length;
          }
        });
      }
      types.push(report);
    }
    const statuses = options.dryRun ? [] : await ensureNaturalKeyIndexes(strapi);
    return { dryRun: options.dryRun, types, indexesEnforced: statuses.length > 0 && statuses.every((status) => status.enforced) };
  };
  // An import running meanwhile could create a record this pass is about to merge away.
  return withImportLock(strapi, { holder: `npm run dedupe (${processLabel()})`, wait: true }, run);
};
