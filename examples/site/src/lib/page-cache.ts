/**
 * The site's rendered pages, kept in memory by URL until the content they show changes.
 *
 * Each page says which records it shows (its tags: documentIds) and which lists it shows (a tag per
 * content type: a page that lists a person's articles changes whenever any article is published).
 * Strapi's webhook names the changed record and its type (src/pages/api/revalidate.ts); every page
 * tagged with either is dropped and rendered afresh on its next request.
 *
 * One process, one cache: a site run as several processes needs a shared store (or a CDN purge) instead.
 */

export const ARTICLE_UID = 'api::news-article.news-article';
export const ORGANISATION_UID = 'api::organisation.organisation';
export const PERSON_UID = 'api::person.person';

/** The tag of every page that lists records of a content type. */
export const listTag = (uid: string): string => `list:${uid}`;

export type CachedPage = { body: string; status: number; headers: Array<[string, string]>; tags: ReadonlySet<string> };

/** Enough for every page of a small site; past it the page cached longest ago goes first. */
const MAX_PAGES = 2000;

const pages = new Map<string, CachedPage>();
/** Moves on with every purge, so a page rendered from data read before a purge is never stored after it. */
let generation = 0;

export const currentGeneration = (): number => generation;

export const readPage = (key: string): CachedPage | undefined => pages.get(key);

/** Stores a page unless a purge happened while it was being rendered (it may show the old content). */
export const storePage = (key: string, page: CachedPage, renderedAt: number): boolean => {
  if (renderedAt !== generation) return false;
  pages.delete(key);
  pages.set(key, page);
  while (pages.size > MAX_PAGES) {
    const oldest = pages.keys().next();
    if (oldest.done === true) break;
    pages.delete(oldest.value);
  }
  return true;
};

/** Drops the pages carrying any of the tags, or every page when `tags` is null. Returns how many went. */
export const purgePages = (tags: readonly string[] | null): number => {
  generation += 1;
  if (tags === null) {
    const count = pages.size;
    pages.clear();
    return count;
  }
  let count = 0;
  for (const [key, page] of pages) {
    if (tags.some((tag) => page.tags.has(tag))) {
      pages.delete(key);
      count += 1;
    }
  }
  return count;
};

type WebhookPayload = { event?: unknown; uid?: unknown; entry?: { documentId?: unknown } | null };

/**
 * The tags a Strapi webhook payload invalidates: the changed record's documentId and the lists of
 * its type. Null (purge everything) for a payload that names no content type and record, such as a
 * media event: the site cannot tell which pages show it.
 */
export const tagsForWebhook = (payload: unknown): string[] | null => {
  if (typeof payload !== 'object' || payload === null) return null;
  const { uid, entry } = payload as WebhookPayload;
  const documentId = typeof entry === 'object' && entry !== null ? entry.documentId : undefined;
  if (typeof uid !== 'string' || typeof documentId !== 'string' || documentId === '') return null;
  return [documentId, listTag(uid)];
};
