import type { Core } from '@strapi/strapi';
import { ImportRequestError } from '../../../import/errors';
import { MERGE_TYPES, MergeError, isMergeType, type MergeType } from '../../../merge/merge';

type Context = Parameters<Core.MiddlewareHandler>[0];

type Ability = { can: (action: string, subject: string) => boolean };

const fail = (ctx: Context, status: number, name: string, message: string): void => {
  ctx.status = status;
  ctx.body = { data: null, error: { status, name, message, details: {} } };
};

/** A merge edits the kept record and deletes the other: the editor needs both rights on the type. */
const mayMerge = (ctx: Context, type: MergeType): boolean => {
  const ability = (ctx.state as { userAbility?: Ability }).userAbility;
  const uid = MERGE_TYPES[type];
  return ability !== undefined && ability.can('plugin::content-manager.explorer.update', uid) && ability.can('plugin::content-manager.explorer.delete', uid);
};

const editorOf = (ctx: Context): string => {
  const user = (ctx.state as { user?: { email?: string; id?: number } }).user;
  return user?.email ?? `admin ${String(user?.id ?? '?')}`;
};

const handle = (dryRun: boolean) => async (ctx: Context) => {
  const body = (ctx.request.body ?? {}) as Record<string, unknown>;
  const { type, keep, remove } = body;
  if (!isMergeType(type)) return fail(ctx, 400, 'ValidationError', `"type" is one of ${Object.keys(MERGE_TYPES).join(', ')}.`);
  if (typeof keep !== 'string' || keep === '' || typeof remove !== 'string' || remove === '') {
    return fail(ctx, 400, 'ValidationError', '"keep" and "remove" are the documentIds of the two records.');
  }
  if (!mayMerge(ctx, type)) return fail(ctx, 403, 'ForbiddenError', 'Merging needs the rights to update and to delete this type.');
  try {
    const report = await strapi.service('api::newsroom-merge.newsroom-merge').merge({ type, keep, remove, dryRun, by: editorOf(ctx), waitForImport: false });
    ctx.body = { data: report };
  } catch (error) {
    if (error instanceof MergeError || error instanceof ImportRequestError) return fail(ctx, error.status, error.status === 409 ? 'ConflictError' : 'ValidationError', error.message);
    strapi.log.error(`newsroom merge: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return fail(ctx, 500, 'InternalServerError', 'The merge failed on a server error (it is in the server log); nothing was changed.');
  }
};

/** `preview` says what would move; `run` merges. */
export default {
  preview: handle(true),
  run: handle(false),
};
