import fs from 'fs';
import os from 'os';
import path from 'path';
import { koaBody } from 'koa-body';
import { errors } from '@strapi/utils';
import type { Core } from '@strapi/strapi';

/**
 * Multipart parsing in place of strapi::body's (which config/middlewares.ts keeps for JSON, forms
 * and text, with multipart turned off). strapi::body writes parts into the shared temp directory
 * with the umask's mode (0644), removes only the field named `files`, and only when the request
 * ends without an exception; a malformed body or an oversized part comes out as a 500.
 *
 * Here each request gets a directory of its own (mkdtemp: 0700), every part is created 0600 before
 * formidable opens it, and the directory goes in `finally`, whatever happened. A kill leaves the
 * directory behind, private; the next start of the app removes those whose process is gone.
 */
export type MultipartConfig = {
  /** Parent of the per-request directories; the system temp directory by default. */
  directory?: string;
  /** Largest single part, in bytes; the upload routes use the upload plugin's sizeLimit. */
  maxPartBytes: number;
  /** Largest total of all file parts of one request, in bytes. */
  maxTotalBytes: number;
  maxFields: number;
  maxFieldsBytes: number;
};

type Context = Parameters<Core.MiddlewareHandler>[0];
type UploadedPart = {
  filepath: string;
  mimetype?: string | null;
  type?: string;
  write: (buffer: Buffer, done: () => void) => void;
  emit: (event: string, ...args: unknown[]) => boolean;
};

export const DIRECTORY_PREFIX = 'newsroom-multipart-';
const UPLOAD_ROUTE = /^\/(api\/)?upload(\/|$)/;

/** A too-large error formidable recognises as its own: it stops the parse and deletes the parts. */
const partTooLarge = (limit: number): Error => Object.assign(new Error(`A file is larger than ${limit} bytes`), { httpCode: 413 });

/** formidable's own errors carry the HTTP status it means; a system error (ENOSPC, EACCES) stays a 500. */
export const toClientError = (error: unknown): Error => {
  const httpCode = (error as { httpCode?: unknown } | null)?.httpCode;
  const systemCode = (error as { code?: unknown } | null)?.code;
  if (httpCode === 413) {
    const message = error instanceof Error && /maxFields/.test(error.message) ? 'Too many form fields, or fields too large' : 'A file, or the files together, are larger than this route accepts';
    return new errors.PayloadTooLargeError(message);
  }
  if (typeof systemCode === 'string' && httpCode === undefined) return error instanceof Error ? error : new Error(String(error));
  return new errors.ValidationError('Malformed multipart body');
};

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Removes the request directories of processes that were killed before their `finally` ran. */
export const sweepStaleDirectories = (parent: string): string[] => {
  const removed: string[] = [];
  const entries = fs.existsSync(parent) ? fs.readdirSync(parent) : [];
  for (const name of entries) {
    const match = new RegExp(`^${DIRECTORY_PREFIX}(\\d+)-`).exec(name);
    if (match === null) continue;
    const pid = Number(match[1]);
    if (pid === process.pid || isAlive(pid)) continue;
    fs.rmSync(path.join(parent, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
};

const active = new Set<string>();
let exitHookInstalled = false;
const installExitHook = (): void => {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => active.forEach((directory) => fs.rmSync(directory, { recursive: true, force: true })));
};

/**
 * Creates the part's file 0600 before formidable opens it (its write stream keeps an existing
 * file's mode), and bounds the part: formidable 2 only bounds all parts together. The count is
 * taken in `write`, which formidable calls as the bytes arrive; an error it hears from the file
 * stops the parse, deletes the parts and lets the rest of the body drain.
 */
const privatePart = (maxPartBytes: number) => (_field: string, file: UploadedPart) => {
  fs.closeSync(fs.openSync(file.filepath, 'wx', 0o600));
  let received = 0;
  const write = file.write.bind(file);
  file.write = (buffer, done) => {
    received += buffer.length;
    if (received <= maxPartBytes) return write(buffer, done);
    file.emit('error', partTooLarge(maxPartBytes));
    done();
  };
};

const partsOf = (ctx: Context): UploadedPart[] => {
  const files = (ctx.request as unknown as { files?: Record<string, UploadedPart | UploadedPart[]> }).files ?? {};
  return Object.values(files).flatMap((value) => (Array.isArray(value) ? value : [value]));
};

const parse = async (ctx: Context, directory: string, config: MultipartConfig, maxPartBytes: number): Promise<void> => {
  const parser = koaBody({
    multipart: true,
    patchKoa: true,
    json: false,
    urlencoded: false,
    text: false,
    formidable: {
      uploadDir: directory,
      maxFileSize: config.maxTotalBytes,
      maxFields: config.maxFields,
      maxFieldsSize: config.maxFieldsBytes,
      onFileBegin: privatePart(maxPartBytes) as unknown as never,
    },
  });
  try {
    await parser(ctx as never, async () => undefined);
  } catch (error) {
    throw toClientError(error);
  }
  // As strapi::body does: a part sent without a type is stored with a generic one.
  for (const part of partsOf(ctx)) part.type ??= part.mimetype ?? 'application/octet-stream';
};

export default (config: MultipartConfig, { strapi }: { strapi: Core.Strapi }): Core.MiddlewareHandler => {
  const parentOf = (): string => config.directory ?? os.tmpdir();
  const removed = sweepStaleDirectories(parentOf());
  if (removed.length > 0) strapi.log.info(`Removed ${removed.length} multipart directories left by stopped processes`);
  installExitHook();
  const graphqlEndpoint = strapi.plugin('graphql') !== undefined ? String(strapi.plugin('graphql').config('endpoint')) : undefined;

  return async (ctx, next) => {
    if (!['POST', 'PUT', 'PATCH'].includes(ctx.method) || ctx.is('multipart') === false || ctx.is('multipart') === null || ctx.path === graphqlEndpoint) {
      return next();
    }
    const uploadLimit = Number(strapi.config.get('plugin::upload.sizeLimit', config.maxPartBytes));
    const maxPartBytes = UPLOAD_ROUTE.test(ctx.path) ? uploadLimit : config.maxPartBytes;
    const directory = await fs.promises.mkdtemp(path.join(parentOf(), `${DIRECTORY_PREFIX}${process.pid}-`));
    active.add(directory);
    try {
      await parse(ctx, directory, config, maxPartBytes);
      await next();
    } finally {
      await fs.promises.rm(directory, { recursive: true, force: true });
      active.delete(directory);
    }
  };
};
