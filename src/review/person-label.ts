import type { Core, Modules } from '@strapi/strapi';
import { isImporterWrite } from '../documents/importer-writes';
import { resultDocumentId } from '../documents/relation-sync';
import { ORGANISATION, PERSON } from '../content-types';

/** Positions shown in a label: enough to tell namesakes apart, short enough for a relation picker. */
const LABEL_POSITIONS = 2;

/**
 * How a person is named in lists and relation pickers: the name, then where they hold which title
 * (张三 · 某某商会 副会长), so that namesakes can be told apart. Stored as the person's `listLabel`,
 * the content manager's main field for persons.
 */
export const personListLabel = (name: string, positions: Array<{ title: string | null; organisation: string | null }>): string => {
  const posts = [...new Set(positions.map((position) => [position.organisation, position.title].filter((part) => part !== null && part !== '').join(' ')).filter((post) => post !== ''))];
  return [name, ...posts.slice(0, LABEL_POSITIONS)].join(' · ') + (posts.length > LABEL_POSITIONS ? ' …' : '');
};

type PersonRow = { name?: string | null; positions?: Array<{ title?: string | null; organisation?: { name?: string | null } | null }> | null };

/** Writes the label of a person's every version from their draft as stored. */
export const refreshPersonLabel = async (strapi: Core.Strapi, documentId: string): Promise<void> => {
  const row = (await strapi.db.query(PERSON).findOne({
    where: { documentId, publishedAt: null },
    select: ['name'],
    populate: { positions: { populate: { organisation: { select: ['name'] } } } },
  })) as PersonRow | null;
  if (row === null || typeof row.name !== 'string') return;
  const listLabel = personListLabel(row.name, (row.positions ?? []).map((position) => ({ title: position.title ?? null, organisation: position.organisation?.name ?? null })));
  await strapi.db.query(PERSON).updateMany({ where: { documentId }, data: { listLabel } });
};

/** Relabels everyone holding a position at the organisation: their labels carry its name. */
const refreshLabelsAt = async (strapi: Core.Strapi, organisationDocumentId: string): Promise<void> => {
  const rows = (await strapi.db.query(PERSON).findMany({
    where: { publishedAt: null, positions: { organisation: { documentId: organisationDocumentId } } },
    select: ['documentId'],
  })) as Array<{ documentId: string }>;
  for (const documentId of new Set(rows.map((row) => row.documentId))) await refreshPersonLabel(strapi, documentId);
};

const renames = (params: unknown): boolean => {
  const data = (params as { data?: unknown }).data;
  return typeof data === 'object' && data !== null && 'name' in data;
};

/** What a write makes stale: a person's own label, or the labels of everyone at a renamed organisation. */
const staleLabels = (context: Parameters<Modules.Documents.Middleware.Middleware>[0]): typeof refreshPersonLabel | null => {
  if (context.uid === ORGANISATION && context.action === 'update' && renames(context.params)) return refreshLabelsAt;
  if (context.uid === PERSON && (context.action === 'create' || context.action === 'update') && !isImporterWrite(context.params)) return refreshPersonLabel;
  return null;
};

/**
 * Document middleware: a person's label follows every write of their name or positions, and every
 * rename of an organisation they hold a position at. The importer's bulk writer gives new persons
 * their label itself (their rows are written later).
 */
export const personLabelMiddleware =
  (strapi: Core.Strapi): Modules.Documents.Middleware.Middleware =>
  async (context, next) => {
    const refresh = staleLabels(context);
    if (refresh === null) return next();
    const result = await next();
    const documentId = resultDocumentId(result) ?? (context.params as { documentId?: string }).documentId;
    if (documentId !== undefined) await refresh(strapi, documentId);
    return result;
  };

/** Persons stored before labels were kept get theirs at boot. */
export const ensurePersonLabels = async (strapi: Core.Strapi): Promise<void> => {
  const rows = (await strapi.db.query(PERSON).findMany({ where: { listLabel: null, publishedAt: null }, select: ['documentId'] })) as Array<{ documentId: string }>;
  for (const row of rows) await refreshPersonLabel(strapi, row.documentId);
};
