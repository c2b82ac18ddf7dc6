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

/**
 * Slugs of documents the bulk writer has created but not written yet. Several pages are written in
 * one batch, so the slug middleware must see the slugs earlier pages of the batch took as taken.
 */
const stagedSlugs = new Set<string>();

const slugKey = (uid: string, locale: string | null, slug: string) => `${uid}\u0000${locale ?? ''}\u0000${slug}`;

export const stageSlug = (uid: string, locale: string | null, slug: string): void => {
  stagedSlugs.add(slugKey(uid, locale, slug));
};

export const isStagedSlug = (uid: string, locale: string | null, slug: string): boolean => stagedSlugs.has(slugKey(uid, locale, slug));

export const clearStagedSlugs = (): void => {
  stagedSlugs.clear();
};
