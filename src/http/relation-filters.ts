import type { Core } from '@strapi/strapi';

/**
 * "News mentioning this organisation" is a list every frontend has: `filters[mentionedOrganisations]
 * [documentId][$eq]=…`. Strapi turns a filter on a relation into LEFT JOINs from the entries to the
 * link table and the target, with the target's documentId in the WHERE clause. PostgreSQL reduces
 * those joins to inner joins and starts from the target; SQLite does not: it reads every entry of
 * the type and probes its links, so on 20,000 articles the list and its count took about 400 ms
 * each whichever organisation was asked for.
 *
 * A top-level filter of exactly that form (a relation stored in a link table, and a documentId with
 * `$eq`) is answered here first, from the link table and the target's documentId index: the ids of
 * the entry rows linked to any row of that document. The filter is then given to Strapi as
 * `id $in` those ids, which selects the same entries: Strapi's filter holds for an entry row exactly
 * when one of its links reaches a row with that documentId. Everything else in the query (locale,
 * status, other filters, sort, pagination) is still Strapi's. A document linked from more than
 * MAX_LINKED rows is left to Strapi's join, so a query never carries more parameters than every
 * database accepts.
 *
 * It runs after the query is sanitized, so only filters the caller may use reach it.
 */

const MAX_LINKED = 10000;

type JoinTable = { name: string; joinColumn: { name: string }; inverseJoinColumn?: { name: string }; morphColumn?: unknown };
type DbAttribute = { type?: string; relation?: string; target?: string; joinTable?: JoinTable };
type Filters = Record<string, unknown>;

/** The documentId a filter value of the form `{ documentId: { $eq: id } }` asks for, or null. */
const documentIdAskedFor = (value: unknown): string | null => {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const keys = Object.keys(value);
  if (keys.length !== 1 || keys[0] !== 'documentId') return null;
  const condition = (value as { documentId: unknown }).documentId;
  if (condition === null || typeof condition !== 'object' || Array.isArray(condition)) return null;
  const operators = Object.keys(condition);
  if (operators.length !== 1 || operators[0] !== '$eq') return null;
  const id = (condition as { $eq: unknown }).$eq;
  return typeof id === 'string' ? id : null;
};

/** The ids of the rows of the filtered type linked to any row of the document, or null when there are too many. */
const linkedRowIds = async (strapi: Core.Strapi, joinTable: JoinTable, targetUid: string, documentId: string): Promise<number[] | null> => {
  const inverse = joinTable.inverseJoinColumn?.name;
  if (inverse === undefined) return null;
  const targetTable = (strapi.db.metadata.get(targetUid as never) as unknown as { tableName: string }).tableName;
  const rows = (await strapi.db
    .connection(joinTable.name)
    .distinct(`${joinTable.name}.${joinTable.joinColumn.name} as id`)
    .join(targetTable, `${targetTable}.id`, `${joinTable.name}.${inverse}`)
    .where(`${targetTable}.document_id`, documentId)
    .limit(MAX_LINKED + 1)) as Array<{ id: number | string }>;
  return rows.length > MAX_LINKED ? null : rows.map((row) => Number(row.id));
};

/** The query with each top-level `relation.documentId $eq` filter on a link-table relation answered as `id $in`. */
export const narrowRelationFilters = async <Q extends { filters?: unknown }>(strapi: Core.Strapi, uid: string, query: Q): Promise<Q> => {
  const filters = query.filters;
  if (filters === null || typeof filters !== 'object' || Array.isArray(filters)) return query;
  const attributes = (strapi.db.metadata.get(uid as never) as unknown as { attributes: Record<string, DbAttribute> }).attributes;
  const kept: Filters = {};
  const narrowed: Filters[] = [];
  for (const [name, value] of Object.entries(filters as Filters)) {
    const attribute = attributes[name];
    const documentId = documentIdAskedFor(value);
    const joinTable = attribute?.type === 'relation' ? attribute.joinTable : undefined;
    const ids =
      documentId === null || joinTable === undefined || joinTable.morphColumn !== undefined || attribute?.target === undefined
        ? null
        : await linkedRowIds(strapi, joinTable, attribute.target, documentId);
    if (ids === null) kept[name] = value;
    else narrowed.push({ id: { $in: ids } });
  }
  if (narrowed.length === 0) return query;
  const and = Array.isArray(kept.$and) ? (kept.$and as Filters[]) : kept.$and === undefined ? [] : [kept.$and as Filters];
  return { ...query, filters: { ...kept, $and: [...and, ...narrowed] } };
};
