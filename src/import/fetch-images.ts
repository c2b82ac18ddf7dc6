import crypto from 'crypto';
import dns from 'dns';
import fs from 'fs';
import http from 'http';
import https from 'https';
import net from 'net';
import os from 'os';
import path from 'path';
import sharp from 'sharp';
import type { Core } from '@strapi/strapi';
import { placedImages } from './body';
import { ARTICLE } from '../content-types';

/**
 * `--fetch-images`: downloads the photos of imported pages into the media library. The addresses
 * come from scraped pages, so each download is held to what a photo is and where one may come from:
 * - http(s) only, and never an address in a private, loopback, link-local or otherwise internal
 *   range: every address a host resolves to is checked at connection time (the socket connects to
 *   the checked address, so a second DNS answer cannot swap it), and again for each redirect;
 * - a few redirects at most, a deadline for the whole download, and a size limit counted on the
 *   bytes received whatever Content-Length says;
 * - a raster image (JPEG, PNG, WebP, GIF, AVIF) by its content, not its name or declared type.
 * A photo that fails any of these is left out with a warning; the article is imported without it.
 */

export type ImageFetchOptions = {
  maxBytes: number;
  timeoutMs: number;
  maxRedirects: number;
  /** Hosts that may resolve to private addresses (an intranet mirror of the site); none by default. */
  privateHosts: string[];
};

export const DEFAULT_IMAGE_FETCH: ImageFetchOptions = { maxBytes: 10 * 1024 * 1024, timeoutMs: 15_000, maxRedirects: 3, privateHosts: [] };

/** Options from the environment: IMPORT_IMAGES_MAX_BYTES, IMPORT_IMAGES_TIMEOUT_MS, IMPORT_IMAGES_PRIVATE_HOSTS. */
export const imageFetchOptionsFrom = (env: NodeJS.ProcessEnv): ImageFetchOptions => {
  const positive = (value: string | undefined, fallback: number): number => {
    const number = Number(value);
    return value !== undefined && Number.isInteger(number) && number > 0 ? number : fallback;
  };
  return {
    maxBytes: positive(env.IMPORT_IMAGES_MAX_BYTES, DEFAULT_IMAGE_FETCH.maxBytes),
    timeoutMs: positive(env.IMPORT_IMAGES_TIMEOUT_MS, DEFAULT_IMAGE_FETCH.timeoutMs),
    maxRedirects: DEFAULT_IMAGE_FETCH.maxRedirects,
    privateHosts: (env.IMPORT_IMAGES_PRIVATE_HOSTS ?? '')
      .split(',')
      .map((host) => host.trim().toLowerCase())
      .filter((host) => host !== ''),
  };
};

const BLOCKED = new net.BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.0.0.0', 24],
  ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) {
  BLOCKED.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [['::', 128], ['::1', 128], ['64:ff9b::', 96], ['100::', 64], ['2001:db8::', 32], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) {
  BLOCKED.addSubnet(network, prefix, 'ipv6');
}

/** True for an address no scraped page may make this server connect to. */
export const isPrivateAddress = (address: string): boolean => {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/iu.exec(address);
  if (mapped !== null) return BLOCKED.check(mapped[1], 'ipv4');
  return net.isIPv6(address) ? BLOCKED.check(address, 'ipv6') : BLOCKED.check(address, 'ipv4');
};

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/** dns.lookup for the socket, refusing private addresses unless the host is allowed them. */
const guardedLookup =
  (privateHosts: string[]) =>
  (hostname: string, options: dns.LookupOptions, callback: LookupCallback): void => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error !== null) return callback(error, []);
      const allowed = privateHosts.includes(hostname.toLowerCase());
      const refused = addresses.find((entry) => !allowed && isPrivateAddress(entry.address));
      if (refused !== undefined) return callback(Object.assign(new Error(`${hostname} resolves to a private address (${refused.address})`), { code: 'EPRIVATE' }), []);
      if (options.all === true) return callback(null, addresses);
      return callback(null, addresses[0].address, addresses[0].family);
    });
  };

export type FetchedImage = { filepath: string; filename: string; mime: string; size: number };

export type FetchResult = { ok: true; image: FetchedImage } | { ok: false; reason: string };

const MIME_OF_FORMAT: Record<string, string> = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', gif: 'image/gif', heif: 'image/avif' };

type Response = { status: number; location: string | null; body: http.IncomingMessage };

/** An address written as an IP is connected to without a lookup, so it is checked here. */
const checkLiteralAddress = (url: URL, options: ImageFetchOptions): void => {
  const host = url.hostname.replace(/^\[|\]$/gu, '');
  if (net.isIP(host) !== 0 && !options.privateHosts.includes(host.toLowerCase()) && isPrivateAddress(host)) {
    throw new Error(`${host} is a private address`);
  }
};

const requestOnce = (url: URL, options: ImageFetchOptions, signal: AbortSignal): Promise<Response> =>
  new Promise((resolve, reject) => {
    checkLiteralAddress(url, options);
    const client = url.protocol === 'https:' ? https : http;
    const request = client.get(url, { lookup: guardedLookup(options.privateHosts) as never, signal, headers: { accept: 'image/*', 'user-agent': 'chamber-newsroom-importer' } }, (response) => {
      resolve({ status: response.statusCode ?? 0, location: response.headers.location ?? null, body: response });
    });
    request.on('error', reject);
  });

/** Streams a body to `file`, refusing it past maxBytes. */
const saveBody = async (body: http.IncomingMessage, file: string, maxBytes: number): Promise<number> => {
  const declared = Number(body.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    body.destroy();
    throw new Error(`it is ${declared} bytes, over the ${maxBytes} byte limit`);
  }
  let received = 0;
  const out = fs.createWriteStream(file, { mode: 0o600 });
  try {
    for await (const chunk of body) {
      received += (chunk as Buffer).length;
      if (received > maxBytes) throw new Error(`it is over the ${maxBytes} byte limit`);
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
  } finally {
    body.destroy();
    await new Promise<void>((resolve) => out.end(() => resolve()));
  }
  return received;
};

/** Follows up to maxRedirects redirects, each checked as the first request was. */
const follow = async (address: string, options: ImageFetchOptions, signal: AbortSignal): Promise<http.IncomingMessage> => {
  let url = new URL(address);
  for (let hops = 0; ; hops += 1) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`${url.protocol} addresses are not fetched`);
    const response = await requestOnce(url, options, signal);
    if (response.status >= 300 && response.status < 400 && response.location !== null) {
      response.body.resume();
      if (hops >= options.maxRedirects) throw new Error(`more than ${options.maxRedirects} redirects`);
      url = new URL(response.location, url);
      continue;
    }
    if (response.status !== 200) {
      response.body.resume();
      throw new Error(`the server answered ${response.status}`);
    }
    return response.body;
  }
};

/** Downloads one photo into `directory`. Never throws: a photo that cannot be had gives the reason. */
export const fetchImage = async (address: string, directory: string, options: ImageFetchOptions): Promise<FetchResult> => {
  const file = path.join(directory, crypto.randomBytes(8).toString('hex'));
  const signal = AbortSignal.timeout(options.timeoutMs);
  try {
    const body = await follow(address, options, signal);
    const size = await saveBody(body, file, options.maxBytes);
    const format = (await sharp(file).metadata()).format;
    const mime = format === undefined ? undefined : MIME_OF_FORMAT[format];
    if (mime === undefined) throw new Error(`it is not a photo (${format ?? 'unknown format'})`);
    const base = path.basename(new URL(address).pathname).replace(/\.[^.]*$/u, '') || 'photo';
    return { ok: true, image: { filepath: file, filename: `${base}.${mime.split('/')[1].replace('jpeg', 'jpg')}`, mime, size } };
  } catch (error) {
    fs.rmSync(file, { force: true });
    const reason = signal.aborted ? `no answer within ${options.timeoutMs} ms` : error instanceof Error ? error.message : String(error);
    return { ok: false, reason };
  }
};

type UploadedFile = { id: number };

/**
 * Fetches each address once and stores it in the media library; `known` holds what earlier pages
 * (or earlier runs' photo blocks) already have, and learns what is stored here. Returns a warning
 * per photo left out.
 */
export const storeImages = async (
  strapi: Core.Strapi,
  photos: Array<{ src: string; caption: string }>,
  known: Map<string, number>,
  options: ImageFetchOptions,
): Promise<Map<string, string>> => {
  const failures = new Map<string, string>();
  const wanted = photos.filter((photo, index) => !known.has(photo.src) && photos.findIndex((other) => other.src === photo.src) === index);
  if (wanted.length === 0) return failures;
  await rememberStoredPhotos(strapi, wanted.map((photo) => photo.src), known);
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-images-'));
  try {
    for (const photo of wanted.filter((candidate) => !known.has(candidate.src))) {
      const fetched = await fetchImage(photo.src, directory, options);
      if (!fetched.ok) {
        failures.set(photo.src, fetched.reason);
        continue;
      }
      const { image } = fetched;
      const caption = photo.caption === '' ? null : photo.caption;
      const [stored] = (await strapi.plugin('upload').service('upload').upload({
        data: { fileInfo: { name: image.filename, alternativeText: caption, caption } },
        files: { filepath: image.filepath, originalFilename: image.filename, mimetype: image.mime, size: image.size },
      })) as UploadedFile[];
      known.set(photo.src, stored.id);
    }
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
  return failures;
};

/** `%`, `_` and the escape character itself taken literally in a LIKE pattern. */
const likeLiteral = (text: string): string => text.replace(/[\\%_]/g, (char) => `\\${char}`);

/**
 * Photos stored by earlier runs: image nodes with these source addresses in an article's body. The
 * body is JSON in one column, so the rows are found by the quoted address in its text and then read.
 */
const rememberStoredPhotos = async (strapi: Core.Strapi, sources: string[], known: Map<string, number>): Promise<void> => {
  const { tableName } = strapi.db.metadata.get(ARTICLE);
  const column = strapi.db.dialect.client === 'postgres' ? 'body::text' : 'body';
  const found = new Map<string, string>();
  for (let start = 0; start < sources.length; start += 50) {
    const batch = sources.slice(start, start + 50);
    const rows = (await strapi.db
      .connection(tableName)
      .select('body')
      .where((query) => {
        for (const source of batch) query.orWhereRaw(`${column} LIKE ? ESCAPE '\\'`, [`%${likeLiteral(JSON.stringify(source))}%`]);
      })) as Array<{ body: unknown }>;
    for (const row of rows) for (const [source, image] of placedImages(row.body)) if (batch.includes(source)) found.set(source, image.hash);
  }
  if (found.size === 0) return;
  const files = (await strapi.db.query('plugin::upload.file').findMany({ where: { hash: { $in: [...new Set(found.values())] } }, select: ['id', 'hash'] })) as Array<{ id: number; hash: string }>;
  for (const [source, hash] of found) {
    const file = files.find((candidate) => candidate.hash === hash);
    if (file !== undefined) known.set(source, file.id);
  }
};
