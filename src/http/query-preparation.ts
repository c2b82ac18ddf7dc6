import type { Core } from '@strapi/strapi';
import { ALLOWED_QUERY_PARAM_KEYS, hasSort } from '@strapi/utils';
import { perInstance } from '../utils/per-instance';
import { findDecisionsOf } from './find-decisions';

/**
 * Strapi's content-API query validation and sanitizing (`validateQuery`, `sanitizeQuery` of a core
 * controller), with the result for a query's populate, sort and fields remembered.
 *
 * Every public read carries the route's default populate (route middlewares): a tree of some
 * thirty nodes that Strapi validates and sanitizes again on every request with async visitors at
 * every key. On an uncached list of 25 articles that was about a fifth of the request's CPU, and
 * every list page and every article read by slug carries the same tree.
 *
 * What those passes make of a populate, sort or fields value depends on the value, the schema
 * (fixed while the server runs) and on one thing about the caller: which relation targets it may
 * `find` (remove-restricted-relations; the other visitors do not look at the caller). So the
 * result is remembered under the value and those decisions (find-decisions.ts, asked once per
 * request). Two cases are left to Strapi every time:
 * - a value that names a morph relation of a model it can reach, or uses `*` where one can be
 *   reached: a morph's allowed targets depend on the types named in the data, not on the schema;
 * - filters: they hold the reader's values (a slug, a date), so they rarely repeat.
 * Only successes are remembered: an invalid value is validated again and refused again.
 */

type Query = Record<string, unknown>;
type Part = 'sort' | 'fields' | 'populate';
type Context = { query: Query; state?: { auth?: unknown; route?: unknown } };

// In the order Strapi validates and sanitizes them, so the first error is the one Strapi would throw.
const PARTS: Part[] = ['sort', 'fields', 'populate'];
const MAX_REMEMBERED = 500;

type ContentApi = {
  validate: {
    query: (query: Query, schema: unknown, options: unknown) => Promise<void>;
    sort: (sort: unknown, schema: unknown, options: unknown) => Promise<void>;
    fields: (fields: unknown, schema: unknown) => Promise<void>;
    populate: (populate: unknown, schema: unknown) => Promise<void>;
  };
  sanitize: {
    query: (query: Query, schema: unknown, options: unknown) => Promise<Query>;
    sort: (sort: unknown, schema: unknown, options: unknown) => Promise<unknown>;
    fields: (fields: unknown, schema: unknown) => Promise<unknown>;
    populate: (populate: unknown, schema: unknown, options: unknown) => Promise<unknown>;
  };
};

/** Strapi's own options for the content API from a request (core-api/controller: getContentAPIOptions). */
const optionsOf = (strapi: Core.Strapi, ctx: Context): { auth: unknown; route: unknown; strictParams?: boolean } => {
  const options: { auth: unknown; route: unknown; strictParams?: boolean } = { auth: ctx.state?.auth ?? {}, route: ctx.state?.route };
  const strict: unknown = strapi.config.get('api.rest.strictParams');
  if (typeof strict === 'boolean') options.strictParams = strict;
  return options;
};

/** Whether Strapi would validate and sanitize this part of the query at all. */
const isPresent = (part: Part, value: unknown): boolean => (part === 'sort' ? hasSort(value as never) : Boolean(value));

/** Every name a value could use for an attribute: its keys and the segments of its strings. */
const namesIn = (value: unknown, names: Set<string>): Set<string> => {
  if (typeof value === 'string') for (const segment of value.split(/[.,:\s]/)) names.add(segment);
  else if (Array.isArray(value)) for (const item of value) namesIn(item, names);
  else if (typeof value === 'object' && value !== null)
    for (const [key, item] of Object.entries(value)) {
      namesIn(key, names);
      namesIn(item, names);
    }
  return names;
};

export type QueryPreparation = {
  validate: (ctx: Context, uid: string) => Promise<void>;
  sanitize: (ctx: Context, uid: string) => Promise<Query>;
};

export const queryPreparationOf = perInstance((strapi): QueryPreparation => createQueryPreparation(strapi));

const createQueryPreparation = (strapi: Core.Strapi): QueryPreparation => {
  const contentApi = strapi.contentAPI as unknown as ContentApi;
  const remembered = new Map<string, unknown>();
  const decisionsOf = findDecisionsOf(strapi);

  const recall = (key: string): { found: boolean; value: unknown } => {
    if (!remembered.has(key)) return { found: false, value: undefined };
    const value = remembered.get(key);
    // Most recently used last, so the oldest is the first key when the map is full.
    remembered.delete(key);
    remembered.set(key, value);
    return { found: true, value };
  };

  const remember = (key: string, value: unknown): void => {
    remembered.set(key, value);
    if (remembered.size > MAX_REMEMBERED) remembered.delete(remembered.keys().next().value as string);
  };

  /** The key a part is remembered under, or null when it must go to Strapi every time. */
  const keyOf = async (ctx: Context, uid: string, part: Part, value: unknown): Promise<string | null> => {
    const names = namesIn(value, new Set());
    const morphs = decisionsOf.morphNamesOf(uid);
    if (morphs.size > 0 && names.has('*')) return null;
    for (const name of morphs) if (names.has(name)) return null;
    const decisions = await decisionsOf.decide(ctx.state?.auth ?? {}, uid);
    const allowed = [...decisions].map(([target, may]) => `${target}=${may ? 1 : 0}`).join(',');
    return `${uid}\u0000${part}\u0000${allowed}\u0000${JSON.stringify(value)}`;
  };

  /** The query with the parts that can be remembered taken out, and those parts with their keys. */
  const split = async (ctx: Context, uid: string): Promise<{ rest: Query; parts: Array<{ part: Part; value: unknown; key: string }> }> => {
    const rest: Query = { ...ctx.query };
    const parts: Array<{ part: Part; value: unknown; key: string }> = [];
    for (const part of PARTS) {
      const value = ctx.query[part];
      if (!isPresent(part, value)) continue;
      const key = await keyOf(ctx, uid, part, value);
      if (key === null) continue;
      delete rest[part];
      parts.push({ part, value, key });
    }
    return { rest, parts };
  };

  const validatePart = async (part: Part, value: unknown, schema: unknown, auth: unknown): Promise<void> => {
    if (part === 'sort') return contentApi.validate.sort(value, schema, { auth });
    if (part === 'fields') return contentApi.validate.fields(value, schema);
    // Strapi does not validate a wildcard populate.
    if (value === '*') return;
    return contentApi.validate.populate(value, schema);
  };

  const sanitizePart = (part: Part, value: unknown, schema: unknown, auth: unknown): Promise<unknown> => {
    if (part === 'sort') return contentApi.sanitize.sort(value, schema, { auth });
    if (part === 'fields') return contentApi.sanitize.fields(value, schema);
    return contentApi.sanitize.populate(value, schema, { auth });
  };

  const validate = async (ctx: Context, uid: string): Promise<void> => {
    const schema = strapi.getModel(uid as never);
    const options = optionsOf(strapi, ctx);
    const { rest, parts } = await split(ctx, uid);
    // Filters (and the strict-parameter and publication checks) first, as Strapi orders them.
    await contentApi.validate.query(rest, schema, options);
    for (const { part, value, key } of parts) {
      if (recall(`valid\u0000${key}`).found) continue;
      await validatePart(part, value, schema, options.auth);
      remember(`valid\u0000${key}`, true);
    }
  };

  const sanitize = async (ctx: Context, uid: string): Promise<Query> => {
    const schema = strapi.getModel(uid as never);
    const options = optionsOf(strapi, ctx);
    const { rest, parts } = await split(ctx, uid);
    const sanitizedRest = await contentApi.sanitize.query(rest, schema, options);
    const sanitizedParts = new Map<string, unknown>();
    for (const { part, value, key } of parts) {
      const known = recall(`sanitized\u0000${key}`);
      const sanitized = known.found ? known.value : await sanitizePart(part, value, schema, options.auth);
      if (!known.found) remember(`sanitized\u0000${key}`, sanitized);
      // The document service may change what it is given: each request gets its own copy.
      sanitizedParts.set(part, structuredClone(sanitized));
    }
    // The query's own key order, as Strapi's deep copy of it keeps.
    const merged: Query = {};
    for (const key of Object.keys(ctx.query)) {
      if (sanitizedParts.has(key)) merged[key] = sanitizedParts.get(key);
      else if (key in sanitizedRest) merged[key] = sanitizedRest[key];
    }
    for (const [key, value] of Object.entries(sanitizedRest)) if (!(key in merged)) merged[key] = value;
    if (options.strictParams !== true) return merged;
    // With strict parameters Strapi picks the allowed keys, in their order, then the route's own.
    const result: Query = {};
    for (const key of ALLOWED_QUERY_PARAM_KEYS) if (key in merged) result[key] = merged[key];
    for (const key of Object.keys(sanitizedRest)) if (!(key in result)) result[key] = sanitizedRest[key];
    return result;
  };

  return { validate, sanitize };
};

/** A core controller's `validateQuery` and `sanitizeQuery`, prepared as above. */
export const preparedQueriesWith =
  (uid: string) =>
  ({ strapi }: { strapi: Core.Strapi }) => ({
    async validateQuery(ctx: Context): Promise<void> {
      return queryPreparationOf(strapi).validate(ctx, uid);
    },
    async sanitizeQuery(ctx: Context): Promise<Query> {
      return queryPreparationOf(strapi).sanitize(ctx, uid);
    },
  });
