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
