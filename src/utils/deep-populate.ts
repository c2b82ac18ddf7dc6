import type { Core } from '@strapi/strapi';
import { perInstance } from './per-instance';

export type SchemaAttribute = { type: string; relation?: string; target?: string; component?: string; components?: string[]; unstable_virtual?: boolean };

/** How one relation or media attribute is populated, or undefined to leave it out. */
export type LeafPopulate = (attribute: SchemaAttribute) => Record<string, unknown> | undefined;

const built = perInstance(() => new WeakMap<LeafPopulate, Map<string, Record<string, unknown>>>());

/**
 * A populate that reaches every relation and media field of a type, at any depth of components and
 * dynamic zones, each as `leaf` says. Core builds such populates (its `getDeepPopulate`) but does not
 * export them. Built once per Strapi, leaf and type: pass a leaf defined once, not a new closure.
 */
export const deepPopulate = (strapi: Core.Strapi, uid: string, leaf: LeafPopulate): Record<string, unknown> => {
  const byLeaf = built(strapi);
  const cache = byLeaf.get(leaf) ?? new Map<string, Record<string, unknown>>();
  byLeaf.set(leaf, cache);
  const known = cache.get(uid);
  if (known !== undefined) return known;
  const populate: Record<string, unknown> = {};
  const attributes = (strapi.getModel(uid as never) as unknown as { attributes: Record<string, SchemaAttribute> }).attributes;
  for (const [name, attribute] of Object.entries(attributes)) {
    if (attribute.type === 'component' && attribute.component !== undefined) {
      populate[name] = { populate: deepPopulate(strapi, attribute.component, leaf) };
    } else if (attribute.type === 'dynamiczone') {
      populate[name] = { on: Object.fromEntries((attribute.components ?? []).map((component) => [component, { populate: deepPopulate(strapi, component, leaf) }])) };
    } else if (attribute.type === 'relation' || attribute.type === 'media') {
      const spec = leaf(attribute);
      if (spec !== undefined) populate[name] = spec;
    }
  }
  cache.set(uid, populate);
  return populate;
};
