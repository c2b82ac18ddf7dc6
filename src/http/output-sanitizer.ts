import path from 'path';
import type { Core } from '@strapi/strapi';
import { contentTypes, sanitize } from '@strapi/utils';
import { perInstance } from '../utils/per-instance';
import { UPLOAD_FILE, findDecisionsOf, isMorph } from './find-decisions';

/**
 * Strapi's content-API output sanitizer in one pass, for the newsroom types' REST controllers.
 *
 * `strapi.contentAPI.sanitize.output` walks every entry of a response three times with an async
 * visitor at every key: once to drop password and private fields, once to drop relations the
 * caller may not `find`, and once for the users-permissions plugin, which drops a role's users.
 * On a page of 25 articles with their components and linked records that was about half of an
 * uncached request's CPU. What the walks remove depends only on the schema (which keys are
 * private, which attributes are relations to what) and on which `find` scopes the caller holds, so
 * here that is decided once per model and once per request, and the entries are walked once,
 * without a promise per key.
 *
 * The import's document events (src/import/events.ts) use the same walk for the part of it the
 * Document Service applies to an event's entry (`defaultSanitizeOutput`: password and private fields).
 *
 * It removes exactly what Strapi's would, and nothing else; `tests/api/output-sanitizer.test.ts`
 * compares the two on real entries for several callers. Anything it was not written for is handed
 * to Strapi's own sanitizer whole: a morph relation (its allowed targets depend on each element's
 * type), or an output sanitizer in `strapi.sanitizers` other than the users-permissions one, whose
 * rule this applies itself. Sanitizers added there by this app (public media URLs) run afterwards,
 * as Strapi runs them.
 */

type Attribute = { type: string; relation?: string; target?: string; component?: string; private?: boolean };
type Model = { uid: string; attributes: Record<string, Attribute>; options?: { populateCreatorFields?: boolean } };
type Entry = Record<string | symbol, unknown>;
type Sanitizer = (schema: unknown) => (data: unknown) => unknown;

/**
 * What a walk removes besides password and private fields: relations to the targets the caller may
 * not `find` (none when `decisions` is null, as Strapi checks none without an auth object), and the
 * users-permissions rule when its sanitizer is in the registry being stood in for.
 */
type Rules = { decisions: Map<string, boolean> | null; usersPermissions: boolean };

/** What to do with one attribute's key, decided from the schema alone. */
type Step =
  | { kind: 'drop' }
  | { kind: 'relation'; target: string; creatorKept: boolean; dropForRole: boolean }
  | { kind: 'morph' }
  | { kind: 'media' }
  | { kind: 'component'; component: string }
  | { kind: 'dynamiczone' }
  | { kind: 'scalar' };

const USERS_PERMISSIONS_ROLE = 'plugin::users-permissions.role';
const USERS_PERMISSIONS_USER = 'plugin::users-permissions.user';
const CREATOR_FIELDS = new Set([contentTypes.constants.CREATED_BY_ATTRIBUTE, contentTypes.constants.UPDATED_BY_ATTRIBUTE]);

/** An entry shape this sanitizer leaves to Strapi's. */
class Unhandled extends Error {}

const stepOf = (model: Model, key: string, attribute: Attribute): Step => {
  // remove-password and remove-private (Strapi's defaultSanitizeOutput).
  if (attribute.type === 'password' || attribute.private === true || contentTypes.isPrivateAttribute(model as never, key)) return { kind: 'drop' };
  if (attribute.type === 'relation') {
    if (isMorph(attribute)) return { kind: 'morph' };
    return {
      kind: 'relation',
      target: String(attribute.target),
      // remove-restricted-relations keeps the creator fields of a model that asks to populate them.
      creatorKept: CREATOR_FIELDS.has(key) && model.options?.populateCreatorFields === true,
      // users-permissions' remove-user-relation-from-role-entities.
      dropForRole: model.uid === USERS_PERMISSIONS_ROLE && attribute.target === USERS_PERMISSIONS_USER,
    };
  }
  if (attribute.type === 'media') return { kind: 'media' };
  if (attribute.type === 'component') return { kind: 'component', component: String(attribute.component) };
  if (attribute.type === 'dynamiczone') return { kind: 'dynamiczone' };
  return { kind: 'scalar' };
};

/**
 * The users-permissions plugin's output sanitizer, the one other sanitizer in the registry whose
 * rule is applied here. It is found by identity: the plugin registers the very function its module
 * exports. The plugin does not export the module, so it is required by its file; when that fails
 * (another version of the plugin), the registry is not recognised and Strapi's sanitizer is used.
 */
const usersPermissionsSanitizer = (): unknown => {
  try {
    const root = path.dirname(require.resolve('@strapi/plugin-users-permissions/package.json'));
    const loaded = require(path.join(root, 'dist', 'server', 'utils', 'sanitize', 'sanitizers.js')) as { __require?: () => { defaultSanitizeOutput?: unknown } };
    return loaded.__require?.().defaultSanitizeOutput ?? null;
  } catch {
    return null;
  }
};

export type OutputSanitizer = {
  /** `strapi.contentAPI.sanitize.output(data, model, { auth })`. */
  contentApi: (data: unknown, uid: string, auth: unknown) => Promise<unknown>;
  /** `sanitize.sanitizers.defaultSanitizeOutput`, which the Document Service applies to an event's entry. */
  defaultOutput: (data: unknown, uid: string) => Promise<unknown>;
};

/** The app's sanitizers of this instance: one live set, shared by the registry calls and the walk. */
const appSanitizers = perInstance(() => new Set<unknown>());

/**
 * Adds one of this app's output sanitizers to Strapi's registry, where Strapi's own sanitizer runs
 * it, and marks it as the app's, so the one-pass sanitizer runs it too instead of giving way.
 */
export const addAppOutputSanitizer = (strapi: Core.Strapi, sanitizer: Sanitizer): void => {
  appSanitizers(strapi).add(sanitizer);
  // Strapi types a sanitizer as a lodash curried function; a plain (schema) => (data) => … is what it calls.
  strapi.sanitizers.add('content-api.output', sanitizer as unknown as Parameters<Core.Strapi['sanitizers']['add']>[1]);
};

/** The one-pass sanitizer of this Strapi instance. */
export const outputSanitizerOf = perInstance((strapi): OutputSanitizer => createOutputSanitizer(strapi, appSanitizers(strapi)));

/**
 * A core controller's `sanitizeOutput`, answered by the one-pass sanitizer with the auth Strapi's
 * controller would pass (`ctx.state.auth`, or an empty object).
 */
export const sanitizeOutputWith =
  (uid: string) =>
  ({ strapi }: { strapi: Core.Strapi }) => ({
    async sanitizeOutput(data: unknown, ctx: { state?: { auth?: unknown } }): Promise<unknown> {
      return outputSanitizerOf(strapi).contentApi(data, uid, ctx.state?.auth ?? {});
    },
  });

const createOutputSanitizer = (strapi: Core.Strapi, ownSanitizers: ReadonlySet<unknown>): OutputSanitizer => {
  const plans = new Map<string, Map<string, Step>>();
  const usersPermissions = usersPermissionsSanitizer();
  const modelOf = (uid: string): Model | undefined => strapi.getModel(uid as never) as unknown as Model | undefined;

  const planOf = (model: Model): Map<string, Step> => {
    const known = plans.get(model.uid);
    if (known !== undefined) return known;
    const plan = new Map(Object.entries(model.attributes).map(([key, attribute]) => [key, stepOf(model, key, attribute)] as const));
    plans.set(model.uid, plan);
    return plan;
  };

  /** One entry, as traverseEntity visits it: a shallow copy, each key decided, then its children. */
  const walk = (value: unknown, model: Model | undefined, rules: Rules): unknown => {
    if (value === null || (typeof value !== 'object' && typeof value !== 'function') || model === undefined) return value;
    const copy: Entry = Array.isArray(value) ? ([...value] as unknown as Entry) : { ...(value as Entry) };
    const plan = planOf(model);
    for (const key of Object.keys(copy)) {
      const step = plan.get(key);
      if (step === undefined || step.kind === 'scalar') continue;
      if (step.kind === 'drop') {
        delete copy[key];
        continue;
      }
      const child = copy[key];
      if (step.kind === 'morph') {
        if (child === null || child === undefined) continue;
        throw new Unhandled(`${model.uid}.${key}`);
      }
      if (step.kind === 'relation') {
        const allowed = step.creatorKept || rules.decisions === null || rules.decisions.get(step.target) === true;
        if (!allowed || (step.dropForRole && rules.usersPermissions)) {
          delete copy[key];
          continue;
        }
        if (child !== null && child !== undefined) copy[key] = walkEach(child, modelOf(step.target), rules);
        continue;
      }
      if (child === null || child === undefined) continue;
      if (step.kind === 'media') copy[key] = walkEach(child, modelOf(UPLOAD_FILE), rules);
      else if (step.kind === 'component') copy[key] = walkEach(child, modelOf(step.component), rules);
      else if (Array.isArray(child)) {
        copy[key] = child.map((item: unknown) =>
          item === null || item === undefined ? item : walk(item, modelOf(String((item as { __component?: unknown }).__component)), rules)
        );
      }
    }
    return copy;
  };

  const walkEach = (value: unknown, model: Model | undefined, rules: Rules): unknown =>
    Array.isArray(value) ? value.map((item: unknown) => walk(item, model, rules)) : walk(value, model, rules);

  const defaultOutput = async (data: unknown, uid: string): Promise<unknown> => {
    const model = modelOf(uid);
    const byStrapi = () => sanitize.sanitizers.defaultSanitizeOutput({ schema: model as never, getModel: (target: string) => strapi.getModel(target as never) as never }, data as never);
    if (model === undefined) return byStrapi();
    try {
      return walkEach(data, model, { decisions: null, usersPermissions: false });
    } catch (error) {
      if (error instanceof Unhandled) return byStrapi();
      throw error;
    }
  };

  const contentApi = async (data: unknown, uid: string, auth: unknown): Promise<unknown> => {
    const model = modelOf(uid);
    const registry = strapi.sanitizers.get('content-api.output') as unknown as Sanitizer[];
    const foreign = registry.filter((sanitizer) => sanitizer !== usersPermissions && !ownSanitizers.has(sanitizer));
    const byStrapi = () => strapi.contentAPI.sanitize.output(data as never, model as never, { auth } as never);
    if (model === undefined || foreign.length > 0) return byStrapi();
    let sanitized: unknown;
    try {
      // Strapi checks relations only when the caller has an auth object; a controller always passes one.
      const decisions = auth === null || auth === undefined ? null : await findDecisionsOf(strapi).decide(auth, uid);
      sanitized = walkEach(data, model, { decisions, usersPermissions: true });
    } catch (error) {
      if (error instanceof Unhandled) return byStrapi();
      throw error;
    }
    // The app's own sanitizers, in the order they were added, as Strapi runs the registry.
    for (const sanitizer of registry) if (ownSanitizers.has(sanitizer)) sanitized = await sanitizer(model)(sanitized);
    return sanitized;
  };

  return { contentApi, defaultOutput };
};
