import type { Core } from '@strapi/strapi';
import type { ChangeScope } from './content-version';
import { documentIdsIn } from './response-subject';
import { deepPopulate, type LeafPopulate, type SchemaAttribute } from '../utils/deep-populate';

/**
 * Which cached public responses a write to one document can change, beyond every list and search:
 * - those that show the document (they hold its documentId);
 * - those of a document it was linked to or unlinked from, in either version and any locale: that
 *   document's page lists it, or stops listing it, without holding its documentId before;
 * - a detail read by slug whose slug the document had or has now (the read may find it, or stop).
 * A link that stayed as it was changes nothing the first rule does not already cover.
 */

export type DocumentLinks = { links: Set<string>; slugs: Set<string> };

/** Each link's documentId; editors (createdBy, updatedBy) are not content, and morph relations hold no documentId to match. */
const linkedDocumentId: LeafPopulate = (attribute) =>
  attribute.type === 'relation' && !(attribute.target ?? '').startsWith('admin::') && !(attribute.relation ?? '').startsWith('morph') ? { select: ['documentId'] } : undefined;

/** The document's links (by version, locale and linked documentId) and slugs, as stored now. */
export const documentLinks = async (strapi: Core.Strapi, uid: string, documentId: string): Promise<DocumentLinks> => {
  const attributes = (strapi.getModel(uid as never) as unknown as { attributes: Record<string, SchemaAttribute> }).attributes;
  const hasSlug = attributes.slug !== undefined;
  const rows = (await strapi.db.query(uid as 'api::organisation.organisation').findMany({
    where: { documentId },
    select: ['id', 'documentId', 'publishedAt', ...(attributes.locale === undefined ? [] : ['locale']), ...(hasSlug ? ['slug'] : [])],
    populate: deepPopulate(strapi, uid, linkedDocumentId) as never,
  })) as Array<Record<string, unknown>>;
  const links = new Set<string>();
  const slugs = new Set<string>();
  for (const row of rows) {
    const version = row.publishedAt === null || row.publishedAt === undefined ? 'draft' : 'published';
    const linked = new Set<string>();
    for (const [key, value] of Object.entries(row)) if (key !== 'documentId') documentIdsIn(value, linked);
    for (const target of linked) links.add(`${version}|${String(row.locale ?? '')}|${target}`);
    if (typeof row.slug === 'string' && row.slug !== '') slugs.add(`${uid} ${row.slug}`);
  }
  return { links, slugs };
};

/** The scope of a write to `documentId`, from its links before and after (null: it did not exist). */
export const writtenScope = (documentId: string, before: DocumentLinks | null, after: DocumentLinks | null): ChangeScope => {
  const documents = new Set<string>([documentId]);
  const beforeLinks = before?.links ?? new Set<string>();
  const afterLinks = after?.links ?? new Set<string>();
  for (const link of beforeLinks) if (!afterLinks.has(link)) documents.add(link.slice(link.lastIndexOf('|') + 1));
  for (const link of afterLinks) if (!beforeLinks.has(link)) documents.add(link.slice(link.lastIndexOf('|') + 1));
  return { documents: [...documents], slugs: [...new Set([...(before?.slugs ?? []), ...(after?.slugs ?? [])])] };
};
