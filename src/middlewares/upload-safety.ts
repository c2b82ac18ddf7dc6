import fs from 'fs';
import path from 'path';
import sharp from 'sharp';
import { Worker } from 'worker_threads';
import { errors } from '@strapi/utils';
import type { Core } from '@strapi/strapi';

/**
 * What the upload plugin's own check (plugin::upload.security, configured in config/plugins.ts)
 * lacks, for the multipart upload routes (/upload for the admin, /api/upload for tokens):
 *
 * - It trusts the extension when the content matches no known signature, so an HTML page named
 *   .png is stored as image/png. Here the content must be recognised as an allowed type.
 * - It accepts an image with markup after its header (a polyglot). Here the part of an image that
 *   a browser would sniff must hold no markup, no `<script` may appear anywhere in it, and it must
 *   decode as an image.
 * - A `fileInfo` that is not JSON makes the controller throw a 500; here it is a 400.
 *
 * SVG is refused rather than sanitised: it is a document that can carry script, and a newsroom
 * gets its pictures as JPEG, PNG, WebP, AVIF or GIF.
 */
export type Verdict = { ok: true; mime: string } | { ok: false; reason: string };

type Context = Parameters<Core.MiddlewareHandler>[0];
type Part = { filepath: string; originalFilename?: string | null; mimetype?: string | null };

const UPLOAD_ROUTE = /^\/(api\/)?upload(\/|$)/;

/** Containers whose real type only the extension tells: file-type sees OLE2 (CFB) for the old Office formats. */
const CONTAINER_EXTENSIONS: Record<string, Record<string, string>> = {
  'application/x-cfb': { '.doc': 'application/msword', '.xls': 'application/vnd.ms-excel', '.ppt': 'application/vnd.ms-powerpoint' },
};

const RASTER_IMAGES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/gif']);

/** Browsers sniff at most the first 1,445 bytes (WHATWG MIME Sniffing); markup there is what could render. */
export const SNIFF_WINDOW = 1445;
const MARKUP_IN_HEAD = /<(script|html|body|head|iframe|svg|object|embed|!doctype|meta|a\s|img\s|style|link|form|xml)/i;
/** Long enough that compressed image data matches it by chance about never (2^-49 per byte at 7 bytes). */
const SCRIPT_ANYWHERE = /<script/i;

export const hasMarkup = (content: Buffer): boolean =>
  MARKUP_IN_HEAD.test(content.subarray(0, SNIFF_WINDOW).toString('latin1')) || SCRIPT_ANYWHERE.test(content.toString('latin1'));

/** The stored type of a file from its sniffed type and its name, or why it is refused. */
export const judgeUpload = (detected: string | undefined, fileName: string, allowedTypes: string[]): Verdict => {
  if (detected === undefined) return { ok: false, reason: 'its content is not a recognised image, PDF or office document' };
  const extension = path.extname(fileName).toLowerCase();
  const container = CONTAINER_EXTENSIONS[detected];
  const mime = container !== undefined ? container[extension] : detected;
  if (mime === undefined) return { ok: false, reason: `its content (${detected}) does not match its name` };
  if (!allowedTypes.includes(mime)) return { ok: false, reason: `files of type ${mime} are not accepted` };
  return { ok: true, mime };
};

export const isRasterImage = (mime: string): boolean => RASTER_IMAGES.has(mime);

/**
 * file-type (the sniffer the upload plugin uses) is ESM only. It runs on a short-lived worker
 * thread, which loads it with Node's own loader whatever module system the app runs under (a test
 * runner's cannot load it), and keeps its parsing off the event loop. One worker per request.
 */
const SNIFFER = `
const { parentPort, workerData } = require('worker_threads');
const load = require('module').createRequire(workerData.from);
Promise.resolve()
  .then(() => Promise.all(workerData.files.map((file) => load('file-type').fileTypeFromFile(file))))
  .then((results) => parentPort.postMessage({ mimes: results.map((result) => (result === undefined ? null : result.mime)) }))
  .catch((error) => parentPort.postMessage({ error: String(error) }));
`;

const sniff = (files: string[]): Promise<Array<string | undefined>> =>
  new Promise((resolve, reject) => {
    const worker = new Worker(SNIFFER, { eval: true, workerData: { from: __filename, files } });
    worker.once('message', (message: { mimes?: Array<string | null>; error?: string }) => {
      void worker.terminate();
      if (message.mimes !== undefined) resolve(message.mimes.map((mime) => mime ?? undefined));
      else reject(new Error(`Content sniffing failed: ${message.error ?? 'no answer'}`));
    });
    worker.once('error', reject);
  });

const decodesAsImage = async (file: string): Promise<boolean> => {
  try {
    const metadata = await sharp(file).metadata();
    return metadata.width !== undefined && metadata.width > 0;
  } catch {
    return false;
  }
};

const checkPart = async (part: Part, detected: string | undefined, allowedTypes: string[]): Promise<string | undefined> => {
  const verdict = judgeUpload(detected, part.originalFilename ?? '', allowedTypes);
  if (!verdict.ok) return verdict.reason;
  if (!isRasterImage(verdict.mime)) return undefined;
  if (hasMarkup(await fs.promises.readFile(part.filepath))) return 'the image carries markup or script';
  if (!(await decodesAsImage(part.filepath))) return 'the image does not decode';
  return undefined;
};

const partsOf = (ctx: Context): Part[] => {
  const files = (ctx.request as unknown as { files?: Record<string, Part | Part[]> }).files ?? {};
  return Object.values(files).flatMap((value) => (Array.isArray(value) ? value : [value]));
};

const checkFileInfo = (body: unknown): void => {
  const fileInfo = (body as { fileInfo?: unknown } | undefined)?.fileInfo;
  const entries = Array.isArray(fileInfo) ? fileInfo : [fileInfo];
  for (const entry of entries) {
    if (typeof entry !== 'string') continue;
    try {
      JSON.parse(entry);
    } catch {
      throw new errors.ValidationError('fileInfo must be JSON');
    }
  }
};

export default (_config: unknown, { strapi }: { strapi: Core.Strapi }): Core.MiddlewareHandler => async (ctx, next) => {
  if (ctx.method !== 'POST' || !UPLOAD_ROUTE.test(ctx.path)) return next();
  const parts = partsOf(ctx);
  if (parts.length === 0) return next();
  checkFileInfo(ctx.request.body);
  const allowedTypes = strapi.config.get('plugin::upload.security.allowedTypes', []) as string[];
  const detected = await sniff(parts.map((part) => part.filepath));
  for (const [index, part] of parts.entries()) {
    const reason = await checkPart(part, detected[index], allowedTypes);
    if (reason !== undefined) throw new errors.ValidationError(`${path.basename(part.originalFilename ?? 'file')} is refused: ${reason}`);
  }
  return next();
};
