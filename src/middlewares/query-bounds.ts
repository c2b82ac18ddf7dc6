import type { Core, UID } from '@strapi/strapi';
import { describeBytes, readPublicQueryLimits } from '../graphql/limits';

type Config = { uid?: UID.ContentType };

type Attribute = { type: string; relation?: string; target?: string; component?: string };

type Model = { attributes: Record<string, Attribute> };

type GetModel = (uid: string) => Model | undefined;

const TO_MANY = new Set(['oneToMany', 'manyToMany', 'morphToMany', 'morphMany']);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const targetOf = (attribute: Attribute | undefined): string | undefined => {
  if (attribute === undefined) return undefined;
  if (attribute.type === 'relation') return attribute.target;
  if (attribute.type === 'component') return attribute.component;
  if (attribute.type === 'media') return 'plugin::upload.file';
  return undefined;
};

type Walk = { getModel: GetModel; maxDepth: number; maxToMany: number };

const tooDeep = (path: string[], walk: Walk): string =>
  `populate reaches ${path.length} levels below the entry (${path.join('.')}); the limit is ${walk.maxDepth}. Populate fewer levels, or read the deeper records with a request of their own.`;

const isToMany = (attribute: Attribute | undefined): boolean => attribute?.type === 'relation' && TO_MANY.has(attribute.relation ?? '');

const listInList = (path: string[], walk: Walk): string =>
  `populate follows more than ${walk.maxToMany} to-many relation${walk.maxToMany === 1 ? '' : 's'} along ${path.join('.')}: ` +
  'each is loaded whole for every parent before it is cut, so a list inside a list can load the whole graph. Read the inner list with a request of its own.';

const wildcardBelowTop = (path: string[]): string =>
  `populate "*" is allowed only at the top level (populate=*); name the relations to populate below ${path.join('.')} instead.`;

/** A list of dotted paths (`populate=a,b.c` or `populate[0]=a.b`): each segment is one level down. */
const checkPaths = (paths: string[], model: Model | undefined, parents: string[], walk: Walk, toMany: number): string | undefined => {
  for (const dotted of paths) {
    let current = model;
    let lists = toMany;
    const path = [...parents];
    for (const segment of dotted.split('.').map((part) => part.trim())) {
      if (segment === '*' && path.length > 0) return wildcardBelowTop(path);
      path.push(segment);
      if (path.length > walk.maxDepth) return tooDeep(path, walk);
      if (isToMany(current?.attributes[segment])) lists += 1;
      if (lists > walk.maxToMany) return listInList(path, walk);
      const target = targetOf(current?.attributes[segment]);
      current = target === undefined ? undefined : walk.getModel(target);
    }
  }
  return undefined;
};

const checkEntry = (key: string, value: unknown, model: Model | undefined, parents: string[], walk: Walk, toMany: number): string | undefined => {
  const path = [...parents, key];
  if (path.length > walk.maxDepth) return tooDeep(path, walk);
  const attribute = model?.attributes[key];
  const lists = toMany + (isToMany(attribute) ? 1 : 0);
  if (lists > walk.maxToMany) return listInList(path, walk);
  if (!isRecord(value)) return undefined;
  if (value.populate !== undefined) {
    const target = targetOf(attribute);
    const problem = checkPopulate(value.populate, target === undefined ? undefined : walk.getModel(target), path, walk, lists);
    if (problem !== undefined) return problem;
  }
  // Dynamic zones and morph relations populate per component: `on[component][populate]`.
  if (isRecord(value.on)) {
    for (const [component, fragment] of Object.entries(value.on)) {
      if (!isRecord(fragment) || fragment.populate === undefined) continue;
      const problem = checkPopulate(fragment.populate, walk.getModel(component), path, walk, lists);
      if (problem !== undefined) return problem;
    }
  }
  return undefined;
};

/**
 * Why a populate parameter is refused, or undefined when it is within bounds: at most `maxDepth`
 * relation, component or media levels below the entry, at most `maxToMany` to-many relations along
 * any path (Strapi loads a populated relation whole for every parent, so lists inside lists grow
 * with the data, not with the page), and `*` only at the top, where it means one level. Unknown
 * keys are left to Strapi's own validation.
 */
export const checkPopulate = (populate: unknown, model: Model | undefined, parents: string[], walk: Walk, toMany = 0): string | undefined => {
  if (populate === undefined || populate === null) return undefined;
  if (typeof populate === 'string') return checkPaths(populate.split(','), model, parents, walk, toMany);
  if (Array.isArray(populate)) {
    const paths = populate.filter((item): item is string => typeof item === 'string').flatMap((item) => item.split(','));
    return checkPaths(paths, model, parents, walk, toMany);
  }
  if (!isRecord(populate)) return undefined;
  for (const [key, value] of Object.entries(populate)) {
    if (key === '*' && parents.length > 0) return wildcardBelowTop(parents);
    const problem = checkEntry(key, value, model, parents, walk, toMany);
    if (problem !== undefined) return problem;
  }
  return undefined;
};

/**
 * Keeps at most `limit` items of every populated to-many relation below the entry, per parent,
 * as the GraphQL API cuts nested lists. Strapi's populate cannot do it in the query: a `limit`
 * on a nested populate applies to the one query that loads the relation for every parent at once.
 */
export const cutNestedLists = (entry: unknown, model: Model | undefined, getModel: GetModel, limit: number): void => {
  if (!isRecord(entry) || model === undefined) return;
  for (const [key, value] of Object.entries(entry)) {
    const attribute = model.attributes[key];
    if (attribute === undefined || value === null || typeof value !== 'object') continue;
    if (attribute.type === 'dynamiczone' && Array.isArray(value)) {
      for (const block of value) if (isRecord(block) && typeof block.__component === 'string') cutNestedLists(block, getModel(block.__component), getModel, limit);
      continue;
    }
    const target = targetOf(attribute);
    if (target === undefined) continue;
    if (isToMany(attribute) && Array.isArray(value) && value.length > limit) {
      entry[key] = value.slice(0, limit);
    }
    const kept: unknown = entry[key];
    const targetModel = getModel(target);
    for (const item of Array.isArray(kept) ? kept : [kept]) cutNestedLists(item, targetModel, getModel, limit);
  }
};

type Context = Parameters<Core.MiddlewareHandler>[0];

/** Serialises the body here so its size is known; koa sends a string as it is. */
const enforceCeiling = (ctx: Context, maxBytes: number): void => {
  const body: unknown = ctx.body;
  if (!isRecord(body) && !Array.isArray(body)) return;
  const text = JSON.stringify(body);
  const bytes = Buffer.byteLength(text);
  if (bytes > maxBytes) {
    ctx.throw(
      413,
      `The response would be ${describeBytes(bytes)}, over the limit of ${describeBytes(maxBytes)}: ask for fewer items (pagination) or fewer relations (populate).`
    );
  }
  ctx.type = 'application/json';
  ctx.body = text;
};

/**
 * Route middleware for the public REST reads: refuses a populate deeper than the configured levels
 * or with `*` below the top (400, saying why), cuts populated to-many lists per parent, and refuses
 * a response over the size ceiling (413) rather than sending part of it.
 */
export default (config: Config, { strapi }: { strapi: Core.Strapi }): Core.MiddlewareHandler => {
  const limits = readPublicQueryLimits();
  const getModel: GetModel = (uid) => strapi.getModel(uid as UID.Schema) as Model | undefined;
  const walk: Walk = { getModel, maxDepth: limits.rest.maxPopulateDepth, maxToMany: limits.rest.maxToManyPerPath };
  return async (ctx, next) => {
    const model = config.uid === undefined ? undefined : getModel(config.uid);
    const problem = checkPopulate((ctx.query as Record<string, unknown>).populate, model, [], walk);
    if (problem !== undefined) ctx.throw(400, problem);
    await next();
    const body: unknown = ctx.body;
    if (isRecord(body)) {
      const data = Array.isArray(body.data) ? body.data : [body.data];
      for (const entry of data) cutNestedLists(entry, model, getModel, limits.rest.nestedListLimit);
    }
    enforceCeiling(ctx, limits.maxResponseBytes);
  };
};
