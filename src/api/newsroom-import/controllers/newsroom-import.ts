import type { Core } from '@strapi/strapi';
import { ImportRequestError } from '../../../import/errors';
import type { UploadedFile } from '../services/newsroom-import';

type Context = Parameters<Core.MiddlewareHandler>[0];

const MAX_FILES = 500;

const uploadedFiles = (ctx: Context): UploadedFile[] => {
  const files = (ctx.request as unknown as { files?: Record<string, UploadedFile | UploadedFile[]> }).files ?? {};
  return Object.values(files).flatMap((value) => (Array.isArray(value) ? value : [value]));
};

/** Strapi's error shape, with a message for the editor and never a stack or a server path. */
const fail = (ctx: Context, status: number, name: string, message: string): void => {
  ctx.status = status;
  ctx.body = { data: null, error: { status, name, message, details: {} } };
};

/**
 * Who imports, as an editor whose upload has to wait reads it: the administrator's name and e-mail
 * for the admin panel, the token's name for the API.
 */
const holderOf = (ctx: Context): string => {
  const state = ctx.state as { user?: { email?: string; firstname?: string | null; lastname?: string | null }; auth?: { credentials?: { name?: string } } };
  const user = state.user;
  if (user?.email !== undefined) {
    const name = [user.firstname, user.lastname].filter((part) => typeof part === 'string' && part !== '').join(' ');
    return `${name === '' ? '' : `${name} `}${user.email} (admin panel)`;
  }
  const token = state.auth?.credentials?.name;
  return token === undefined ? 'the import API' : `the API token "${token}"`;
};

const handle = (dryRun: boolean) => async (ctx: Context) => {
  const files = uploadedFiles(ctx);
  try {
    if (files.length === 0) return ctx.badRequest('Send one or more pages as multipart form data (field "files").');
    if (files.length > MAX_FILES) return ctx.badRequest(`At most ${MAX_FILES} pages per upload; use the command line for more.`);
    const body = (ctx.request.body ?? {}) as Record<string, unknown>;
    const locale = typeof body.locale === 'string' && body.locale !== '' ? body.locale : 'zh-Hans';
    const publish = body.publish === 'true' || body.publish === true;
    ctx.body = await strapi.service('api::newsroom-import.newsroom-import').importUploads(files, { dryRun, publish: publish && !dryRun, locale, holder: holderOf(ctx) });
  } catch (error) {
    if (error instanceof ImportRequestError) {
      return fail(ctx, error.status, error.status === 409 ? 'ConflictError' : 'ValidationError', error.message);
    }
    strapi.log.error(`newsroom import: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return fail(ctx, 500, 'InternalServerError', 'The import stopped on a server error (it is in the server log). Pages written before it stay imported; run it again to finish.');
  }
};

/** Bulk import from the browser: `analyse` is the dry-run plan, `run` imports. */
export default {
  analyse: handle(true),
  run: handle(false),
};
