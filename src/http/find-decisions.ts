import type { Core } from '@strapi/strapi';
import { perInstance } from '../utils/per-instance';

/**
 * Which relation targets a caller may `find`: the one question Strapi's content-API sanitizers
 * and validators ask about the caller (remove-restricted-relations and throw-restricted-relations
 * ask `strapi.auth.verify(auth, { scope: '<target>.find' })` for each relation they meet). Asked
 * here once per request for every target reachable from a model, and shared by the one-pass
 * output sanitizer and the query preparation of the same request.
 */

type Attribute = { type: string; relation?: string; target?: string; component?: string };
type Model = { uid: string; attributes: Record<string, Attribute> };

export const UPLOAD_FILE = 'plugin::upload.file';

export const isMorph = (attribute: Attribute): boolean => attribute.type === 'relation' && (attribute.relation ?? '').toLowerCase().startsWith('morph');

export type FindDecisions = {
  /** Every non-morph relation target an entry of `uid` can reach at any depth, through relations, components, media and dynamic zones. */
  targetsOf: (uid: string) => string[];
  /** Names of the morph relations of every model reachable from `uid`: a morph's targets depend on the data, not on the schema. */
  morphNamesOf: (uid: string) => ReadonlySet<string>;
  /** Target → may the caller `find` it, for every target reachable from `uid`; asked once per auth object. */
  decide: (auth: unknown, uid: string) => Promise<Map<string, boolean>>;
};

export const findDecisionsOf = perInstance((strapi): FindDecisions => createFindDecisions(strapi));

const createFindDecisions = (strapi: Core.Strapi): FindDecisions => {
  const modelOf = (uid: string): Model | undefined => strapi.getModel(uid as never) as unknown as Model | undefined;
  const reach = new Map<string, { targets: string[]; morphs: Set<string> }>();
  // Keyed by the auth object, which Strapi builds once per request: collected with the request.
  const asked = new WeakMap<object, Map<string, Promise<Map<string, boolean>>>>();

  const reachOf = (uid: string): { targets: string[]; morphs: Set<string> } => {
    const cached = reach.get(uid);
    if (cached !== undefined) return cached;
    const targets = new Set<string>();
    const morphs = new Set<string>();
    const seen = new Set<string>();
    const visit = (modelUid: string): void => {
      if (seen.has(modelUid)) return;
      seen.add(modelUid);
      const model = modelOf(modelUid);
      if (model === undefined) return;
      for (const [name, attribute] of Object.entries(model.attributes)) {
        if (isMorph(attribute)) morphs.add(name);
        else if (attribute.type === 'relation' && attribute.target !== undefined) {
          targets.add(attribute.target);
          visit(attribute.target);
        } else if (attribute.type === 'component' && attribute.component !== undefined) visit(attribute.component);
        else if (attribute.type === 'media') visit(UPLOAD_FILE);
        else if (attribute.type === 'dynamiczone') for (const component of Object.keys(strapi.components)) visit(component);
      }
    };
    visit(uid);
    const result = { targets: [...targets], morphs };
    reach.set(uid, result);
    return result;
  };

  const mayFind = async (auth: unknown, target: string): Promise<boolean> => {
    try {
      await strapi.auth.verify(auth as never, { scope: `${target}.find` } as never);
      return true;
    } catch {
      return false;
    }
  };

  const ask = async (auth: unknown, uid: string): Promise<Map<string, boolean>> => {
    const decisions = new Map<string, boolean>();
    for (const target of reachOf(uid).targets) decisions.set(target, await mayFind(auth, target));
    return decisions;
  };

  const decide = (auth: unknown, uid: string): Promise<Map<string, boolean>> => {
    if (typeof auth !== 'object' || auth === null) return ask(auth, uid);
    const byModel = asked.get(auth) ?? new Map<string, Promise<Map<string, boolean>>>();
    asked.set(auth, byModel);
    const pending = byModel.get(uid) ?? ask(auth, uid);
    byModel.set(uid, pending);
    return pending;
  };

  return { targetsOf: (uid) => reachOf(uid).targets, morphNamesOf: (uid) => reachOf(uid).morphs, decide };
};
