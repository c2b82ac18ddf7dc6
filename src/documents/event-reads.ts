import type { Core } from '@strapi/strapi';
import { contentTypes } from '@strapi/utils';
import { deepPopulate, type LeafPopulate, type SchemaAttribute } from '../utils/deep-populate';
import { perInstance } from '../utils/per-instance';

/**
 * How a document event's entry is read.
 *
 * Strapi's document events (`entry.create`, `entry.update`, `entry.publish`) carry the entry read
 * back with every relation, component and media file, then sanitized for output. The read takes
 * every column of every related record, and the sanitizer throws the private ones away. A record
 * that thousands of articles mention is read with all of those articles, their page text and the
 * importer's evidence included: that read grew with the corpus, in time and in memory, for an
 * editor's save as much as for an import. Here it reads only what the payload keeps, so the payload
 * is the same (tests/api/output-sanitizer.test.ts and tests/api/document-events.test.ts hold it to
 * Strapi's own read and sanitizer).
 */

/** Each relation with all its fields and each media file whole, as the Document Service's events carry them. */
const eventLeaf: LeafPopulate = (attribute) => {
  if (attribute.type === 'relation' && attribute.unstable_virtual !== true) return { select: undefined };
  if (attribute.type === 'media') return { select: ['*'] };
  return undefined;
};

/**
 * What the Document Service populates for an event's entry (its `getDeepPopulate(uid, {})`, which
 * core does not export): every relation with all its fields, media, and components and dynamic
 * zones all the way down.
 */
export const eventPopulate = (strapi: Core.Strapi, uid: string): Record<string, unknown> => deepPopulate(strapi, uid, eventLeaf);

type Attributes = Record<string, SchemaAttribute & { private?: boolean }>;

/**
 * The fields of a type that survive Strapi's `defaultSanitizeOutput` when the entry is read without
 * populating anything: its scalars that are neither passwords nor private. Every other column of
 * the row is read only to be thrown away by the sanitizer.
 */
export const visibleFields = (strapi: Core.Strapi, uid: string): string[] => {
  const model = strapi.getModel(uid as never) as unknown as { attributes: Attributes };
  const visible = Object.entries(model.attributes)
    .filter(([name, attribute]) => contentTypes.isScalarAttribute(attribute) && attribute.type !== 'password' && !contentTypes.isPrivateAttribute(model as never, name))
    .map(([name]) => name);
  // The id and documentId are columns the database layer adds to a type, not attributes of its schema.
  const columns = strapi.db.metadata.get(uid).attributes;
  return [...['id', 'documentId'].filter((name) => columns[name] !== undefined && !visible.includes(name)), ...visible];
};

/**
 * `eventPopulate` reading only what the payload keeps: each related record's visible fields, not all
 * its columns. Media and components are read as the Document Service reads them.
 */
const visibleLeafOf = perInstance((strapi): LeafPopulate => (attribute) => {
  if (attribute.type === 'relation' && attribute.unstable_virtual !== true && attribute.target !== undefined) return { select: visibleFields(strapi, attribute.target) };
  return eventLeaf(attribute);
});

/** How an event's entry is read: its visible fields, and `eventPopulate` narrowed as above; sanitized for output, it is the Document Service's payload. */
export const eventRead = (strapi: Core.Strapi, uid: string): { select: string[]; populate: Record<string, unknown> } => ({
  select: visibleFields(strapi, uid),
  populate: deepPopulate(strapi, uid, visibleLeafOf(strapi)),
});

/** Two populates ask for the same thing: the same keys (an undefined value is no key) and the same values, all the way down. */
const samePopulate = (left: unknown, right: unknown): boolean => {
  if (left === right) return true;
  if (Array.isArray(left) || Array.isArray(right)) {
    return Array.isArray(left) && Array.isArray(right) && left.length === right.length && left.every((item, index) => samePopulate(item, right[index]));
  }
  if (typeof left !== 'object' || typeof right !== 'object' || left === null || right === null) return false;
  const keysOf = (value: object): string[] => Object.keys(value).filter((key) => (value as Record<string, unknown>)[key] !== undefined);
  const [leftKeys, rightKeys] = [keysOf(left), keysOf(right)];
  return leftKeys.length === rightKeys.length && leftKeys.every((key) => samePopulate((left as Record<string, unknown>)[key], (right as Record<string, unknown>)[key]));
};

type FindOneEvent = { model: { uid: string }; params: { where?: unknown; select?: unknown; fields?: unknown; populate?: unknown } };

/** Core's event read: one entry by its id, no fields chosen, a populate object (checked below). */
const looksLikeEventRead = ({ where, select, fields, populate }: FindOneEvent['params']): boolean =>
  select === undefined &&
  fields === undefined &&
  typeof populate === 'object' &&
  populate !== null &&
  typeof where === 'object' &&
  where !== null &&
  Object.keys(where).length === 1 &&
  'id' in where;

/**
 * Narrows the Document Service's event reads of the app's own types, and nothing else. Core reads an
 * event's entry with `findOne({ where: { id }, populate })`, no fields chosen, and that populate is
 * one object per type (cached by core), so it is recognised once by its shape and after that by its
 * identity. Every other read, the admin's and the API's included, chooses its own fields or
 * populates differently, and is left as it is. Plugins' and the admin's types (whose reads may need
 * a private field, such as a user's password) are never touched.
 */
export const narrowDocumentEventReads = (strapi: Core.Strapi): void => {
  const recognised = new WeakMap<object, boolean>();
  const isEventPopulate = (uid: string, populate: object): boolean => {
    const known = recognised.get(populate);
    if (known !== undefined) return known;
    const same = samePopulate(populate, eventPopulate(strapi, uid));
    recognised.set(populate, same);
    return same;
  };
  strapi.db.lifecycles.subscribe({
    beforeFindOne(event: FindOneEvent) {
      const { params, model } = event;
      if (!model.uid.startsWith('api::') || !looksLikeEventRead(params)) return;
      if (strapi.contentTypes[model.uid as never] === undefined || !isEventPopulate(model.uid, params.populate as object)) return;
      const { select, populate } = eventRead(strapi, model.uid);
      params.select = select;
      params.populate = populate;
    },
  } as never);
};
