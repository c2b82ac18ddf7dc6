import type { ResponseSubject } from './response-cache';
import { ARTICLE, INITIATIVE, ORGANISATION, PERSON } from '../content-types';

/**
 * What a public REST response is about, so that a write elsewhere can leave it cached
 * (response-cache.ts). Only two shapes are narrowed down, the ones a site's pages read most:
 * - one document by its documentId, `/api/<collection>/<documentId>`: it shows that document and
 *   the ones it links, and nothing else can change it (a document linked to it or unlinked from it
 *   counts as changed; see written-scope.ts);
 * - a detail read by slug, `/api/<collection>?filters[slug][$eq]=…` and no other filter: it also
 *   changes when a document takes that slug or gives it up.
 * Everything else (lists, filters, search, GraphQL, feeds) may change with any write, and so may a
 * read whose populate filters or sorts a linked list: which linked documents it shows then depends
 * on fields of documents it does not show.
 */

const COLLECTIONS: Record<string, string> = {
  'news-articles': ARTICLE,
  organisations: ORGANISATION,
  people: PERSON,
  initiatives: INITIATIVE,
};

const ONE_DOCUMENT = /^\/api\/(news-articles|organisations|people|initiatives)\/([^/]+)$/;
const COLLECTION = /^\/api\/(news-articles|organisations|people|initiatives)$/;

/** The slug a query reads by, when that is its only filter. */
const slugFilter = (query: Record<string, unknown>): string | null => {
  const filters = query.filters;
  if (filters === null || typeof filters !== 'object' || Array.isArray(filters)) return null;
  const keys = Object.keys(filters);
  if (keys.length !== 1 || keys[0] !== 'slug') return null;
  const slug = (filters as { slug: unknown }).slug;
  if (slug === null || typeof slug !== 'object' || Array.isArray(slug)) return null;
  const operators = Object.keys(slug);
  const value = (slug as { $eq?: unknown }).$eq;
  return operators.length === 1 && typeof value === 'string' ? value : null;
};

/** Every documentId anywhere in a value (a response body, or rows read with their links). */
export const documentIdsIn = (value: unknown, into: Set<string>): void => {
  if (Array.isArray(value)) {
    for (const item of value) documentIdsIn(item, into);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value)) {
    if (key === 'documentId' && typeof child === 'string') into.add(child);
    else if (typeof child === 'object') documentIdsIn(child, into);
  }
};

/** Whether a populate parameter chooses or orders linked documents by their fields, at any depth. */
const choosesLinked = (populate: unknown): boolean => {
  if (Array.isArray(populate)) return populate.some(choosesLinked);
  if (populate === null || typeof populate !== 'object') return false;
  return Object.entries(populate).some(([key, value]) => key === 'filters' || key === 'sort' || choosesLinked(value));
};

export const subjectOf = (path: string, query: Record<string, unknown>, body: Buffer): ResponseSubject => {
  if (choosesLinked(query.populate)) return null;
  const one = ONE_DOCUMENT.exec(path);
  const collection = one === null ? COLLECTION.exec(path) : null;
  const slug = collection === null ? null : slugFilter(query);
  if (one === null && slug === null) return null;
  const documents = new Set<string>();
  try {
    documentIdsIn(JSON.parse(body.toString('utf8')) as unknown, documents);
  } catch {
    return null;
  }
  if (one !== null) {
    documents.add(decodeURIComponent(one[2]));
    return { documents, slug: null };
  }
  return { documents, slug: `${COLLECTIONS[(collection as RegExpExecArray)[1]]} ${String(slug)}` };
};
