/**
 * Document Service calls made by the importer's bulk writer. They pass through every document
 * middleware like any other write, but the importer stores the rows and the relations they imply
 * itself, so middlewares that derive or copy relations after the write leave these alone.
 */
const importerWrites = new WeakSet<object>();

export const markImporterWrite = <T extends object>(params: T): T => {
  importerWrites.add(params);
  return params;
};

export const isImporterWrite = (params: unknown): boolean => typeof params === 'object' && params !== null && importerWrites.has(params);

import type { Core } from '@strapi/strapi';

/**
 * Slugs the bulk writers of a Strapi have taken but not committed. A writer stages several pages
 * before it writes them, and its rows stay invisible to every other transaction until its batch
 * commits, so until then the slug middleware must read those slugs as taken: for the writer's own
 * later pages, and for anyone else creating an article meanwhile (an editor, a second import). Each
 * writer keeps its own set, registered with its Strapi while its transaction is open.
 */
export type StagedSlugs = {
  stage: (uid: string, locale: string | null, slug: string) => void;
  /** The writer's transaction is over (committed or rolled back): its slugs are in the database, or were never written. */
  release: () => void;
};

const openSlugs = new WeakMap<Core.Strapi, Set<Set<string>>>();

const slugKey = (uid: string, locale: string | null, slug: string) => `${uid}\u0000${locale ?? ''}\u0000${slug}`;

export const openStagedSlugs = (strapi: Core.Strapi): StagedSlugs => {
  const own = new Set<string>();
  const open = openSlugs.get(strapi) ?? new Set<Set<string>>();
  openSlugs.set(strapi, open);
  open.add(own);
  return {
    stage: (uid, locale, slug) => {
      own.add(slugKey(uid, locale, slug));
    },
    release: () => {
      open.delete(own);
    },
  };
};

export const isStagedSlug = (strapi: Core.Strapi, uid: string, locale: string | null, slug: string): boolean => {
  const key = slugKey(uid, locale, slug);
  for (const staged of openSlugs.get(strapi) ?? []) if (staged.has(key)) return true;
  return false;
};
