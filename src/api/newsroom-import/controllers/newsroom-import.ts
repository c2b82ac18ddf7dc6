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

const service = () => strapi.service('api::newsroom-import.newsroom-import');

/** The checks both kinds of upload share; the form's fields, or null when the request was answered. */
const uploadRequest = (ctx: Context): { files: UploadedFile[]; locale: string; publish: boolean } | null => {
  const files = uploadedFiles(ctx);
  if (files.length === 0) {
    ctx.badRequest('Send one or more pages as multipart form data (field "files").');
    return null;
  }
  if (files.length > MAX_FILES) {
    ctx.badRequest(`At most ${MAX_FILES} pages per upload; use the command line for more.`);
    return null;
  }
  const body = (ctx.request.body ?? {}) as Record<string, unknown>;
  const locale = typeof body.locale === 'string' && body.locale !== '' ? body.locale : 'zh-Hans';
  return { files, locale, publish: body.publish === 'true' || body.publish === true };
};

/** Refusals the editor can act on keep their status and words; anything else is logged and said plainly. */
const failWith = (ctx: Context, error: unknown, what: string): void => {
  if (error instanceof ImportRequestError) {
    return fail(ctx, error.status, error.status === 409 ? 'ConflictError' : 'ValidationError', error.message);
  }
  strapi.log.error(`newsroom import: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return fail(ctx, 500, 'InternalServerError', what);
};

const notFound = (ctx: Context): void => fail(ctx, 404, 'NotFoundError', 'No import job with this id.');

/**
 * Bulk import from the browser: `analyse` answers the dry-run plan; `run` stores the pages as a job
 * and answers 202 at once, and the `jobs` actions read and cancel jobs.
 */
export default {
  async analyse(ctx: Context) {
    const request = uploadRequest(ctx);
    if (request === null) return;
    try {
      ctx.body = await service().analyseUploads(request.files, { locale: request.locale, publish: false });
    } catch (error) {
      failWith(ctx, error, 'The plan could not be made because of a server error (it is in the server log).');
    }
  },

  async run(ctx: Context) {
    const request = uploadRequest(ctx);
    if (request === null) return;
    try {
      const job = await service().queueUploads(request.files, { locale: request.locale, publish: request.publish, holder: holderOf(ctx) });
      ctx.status = 202;
      ctx.body = { data: job };
    } catch (error) {
      failWith(ctx, error, 'The pages could not be queued because of a server error (it is in the server log). Nothing was imported.');
    }
  },

  async jobs(ctx: Context) {
    ctx.body = { data: await service().jobs() };
  },

  async job(ctx: Context) {
    const job = await service().job(String(ctx.params.id));
    if (job === null) return notFound(ctx);
    ctx.body = { data: job };
  },

  async cancel(ctx: Context) {
    const job = await service().cancel(String(ctx.params.id));
    if (job === null) return notFound(ctx);
    ctx.body = { data: job };
  },
};
