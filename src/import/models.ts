import type { Core } from '@strapi/strapi';

/**
 * The schemas the importer's own writer works from (bulk.ts, guarantees.ts), looked up once per
 * Strapi: `strapi.contentTypes` builds a new object on every read, and the writer asks for a model's
 * attributes for every record, field by field.
 */

export type SchemaAttribute = {
  type: string;
  relation?: string;
  target?: string;
  component?: string;
  components?: string[];
  repeatable?: boolean;
  mappedBy?: string;
};

type Model = { attributes: Record<string, SchemaAttribute>; localized: boolean };

const models = new WeakMap<Core.Strapi, Map<string, Model>>();

const modelOf = (strapi: Core.Strapi, uid: string): Model => {
  const known = models.get(strapi) ?? new Map<string, Model>();
  models.set(strapi, known);
  const cached = known.get(uid);
  if (cached !== undefined) return cached;
  type Schema = { attributes: unknown; pluginOptions?: { i18n?: { localized?: boolean } } };
  const contentType = (strapi.contentTypes as unknown as Record<string, Schema | undefined>)[uid];
  const schema = contentType ?? (strapi.components as unknown as Record<string, Schema | undefined>)[uid];
  if (schema === undefined) throw new Error(`unknown model ${uid}`);
  const model = { attributes: schema.attributes as Record<string, SchemaAttribute>, localized: contentType?.pluginOptions?.i18n?.localized === true };
  known.set(uid, model);
  return model;
};

/** A content type's or component's attributes, as its schema declares them. */
export const schemaAttributes = (strapi: Core.Strapi, uid: string): Record<string, SchemaAttribute> => modelOf(strapi, uid).attributes;

/** Whether a content type has a version per locale (components never do). */
export const isLocalized = (strapi: Core.Strapi, uid: string): boolean => modelOf(strapi, uid).localized;
