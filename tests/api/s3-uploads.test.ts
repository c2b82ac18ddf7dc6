import crypto from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';
import sharp from 'sharp';
import { startStrapiWithAdmin, type TestApp } from '../helpers/strapi';
import { freePort } from '../helpers/server-process';
import { rest } from '../helpers/http';
import { ARTICLE } from '../helpers/seed';
import { photo } from '../helpers/images';

/**
 * Uploads in S3-compatible object storage (UPLOAD_PROVIDER=aws-s3, src/media/s3-provider.ts), the
 * storage several instances share, against s3rver: a local S3 server in this process. Files go into
 * the bucket through the media library and come out over plain HTTP at the URLs Strapi hands out;
 * deleting them empties the bucket; the admin panel's CSP lets it show them.
 */

type S3rverOptions = { address: string; port: number; silent: boolean; directory: string; configureBuckets: Array<{ name: string }> };
type S3rverServer = { run: () => Promise<unknown>; close: () => Promise<void>; httpServer?: import('http').Server };
// s3rver ships no types; this is the part of its API used here.
const S3rver = require('s3rver') as new (options: S3rverOptions) => S3rverServer;

const BUCKET = 'newsroom-test';
const S3_VARIABLES = ['UPLOAD_PROVIDER', 'S3_BUCKET', 'S3_ENDPOINT', 'S3_FORCE_PATH_STYLE', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY', 'S3_REGION'] as const;

type Format = { url: string; mime: string; width: number; height: number; sizeInBytes: number };
type UploadedFile = Format & { id: number; provider: string; formats: Record<string, Format> };

let app: TestApp;
let adminToken: string;
let s3: S3rverServer;
let s3Directory: string;
/** Every request s3rver received, as the SDK sent it. */
const s3Requests: Array<{ method: string; url: string; headers: import('http').IncomingHttpHeaders }> = [];
let endpoint: string;
/** Where the bucket's objects are read from: s3rver in path style, as MinIO is usually run. */
let bucketUrl: string;


const upload = async (content: Buffer, filename: string, contentType: string): Promise<UploadedFile> => {
  const response = await rest(app.strapi).post('/upload').set('Authorization', `Bearer ${adminToken}`).attach('files', content, { filename, contentType });
  expect(response.status).toBe(201);
  return (response.body as UploadedFile[])[0];
};

const urlsOf = (file: UploadedFile): string[] => [file.url, ...Object.values(file.formats ?? {}).map((format) => format.url)];

/** Every key in the bucket, listed through the S3 API (ListObjectsV2). */
const bucketKeys = async (): Promise<string[]> => {
  const response = await fetch(`${bucketUrl}?list-type=2`);
  expect(response.status).toBe(200);
  return [...(await response.text()).matchAll(/<Key>([^<]+)<\/Key>/g)].map((match) => match[1]).sort();
};

const keyOf = (url: string): string => {
  expect(url.startsWith(`${bucketUrl}/`)).toBe(true);
  return url.slice(bucketUrl.length + 1);
};

const download = async (url: string): Promise<{ status: number; type: string | null; body: Buffer }> => {
  const response = await fetch(url);
  return { status: response.status, type: response.headers.get('content-type'), body: Buffer.from(await response.arrayBuffer()) };
};

beforeAll(async () => {
  s3Directory = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-s3rver-'));
  const port = await freePort();
  s3 = new S3rver({ address: '127.0.0.1', port, silent: true, directory: s3Directory, configureBuckets: [{ name: BUCKET }] });
  await s3.run();
  s3.httpServer?.on('request', (request: import('http').IncomingMessage) => s3Requests.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers }));
  endpoint = `http://127.0.0.1:${port}`;
  bucketUrl = `${endpoint}/${BUCKET}`;
  // Read by config/plugins.ts and config/middlewares.ts, so set before Strapi boots.
  Object.assign(process.env, {
    UPLOAD_PROVIDER: 'aws-s3',
    S3_BUCKET: BUCKET,
    S3_ENDPOINT: endpoint,
    S3_FORCE_PATH_STYLE: 'true',
    S3_ACCESS_KEY_ID: 'S3RVER',
    S3_SECRET_ACCESS_KEY: 'S3RVER',
    S3_REGION: 'us-east-1',
    // As in production: the public API makes local media URLs absolute, and must leave the bucket's alone (unsigned).
    PUBLIC_URL: 'https://news.example.org',
  });
  ({ app, adminToken } = await startStrapiWithAdmin());
  // The original is kept as uploaded (not re-encoded smaller), so what comes back can be compared byte for byte.
  const uploadService = app.strapi.plugin('upload').service('upload');
  await uploadService.setSettings({ ...(await uploadService.getSettings()), sizeOptimization: false });
});

afterAll(async () => {
  await app?.stop();
  for (const name of [...S3_VARIABLES, 'PUBLIC_URL']) delete process.env[name];
  await s3?.close();
  fs.rmSync(s3Directory, { recursive: true, force: true });
});

describe('a photo uploaded in the media library', () => {
  let original: Buffer;
  let uploaded: UploadedFile;

  beforeAll(async () => {
    original = await photo(1200, 800, 'jpeg');
    uploaded = await upload(original, 'harbour.jpg', 'image/jpeg');
  });

  test('is stored by the S3 provider, with its responsive formats and their WebP twins', () => {
    expect(uploaded.provider).toBe('aws-s3');
    expect(Object.keys(uploaded.formats).sort()).toEqual(['large', 'medium', 'small', 'thumbnail', 'webp', 'webp_large', 'webp_medium', 'webp_small', 'webp_thumbnail']);
  });

  test('goes up without an ACL, which buckets made since April 2023 refuse, as S3_ACL is unset', () => {
    const puts = s3Requests.filter((request) => request.method === 'PUT' && request.url.startsWith(`/${BUCKET}/${keyOf(uploaded.url)}`));
    expect(puts).toHaveLength(1);
    expect(puts[0].headers).not.toHaveProperty('x-amz-acl');
  });

  test('the original and every format are objects in the bucket, at the URLs the media library gives', async () => {
    const keys = urlsOf(uploaded).map(keyOf);
    expect(new Set(keys).size).toBe(keys.length);
    expect(await bucketKeys()).toEqual(expect.arrayContaining(keys));
  });

  test('the original comes back from its URL byte for byte', async () => {
    const stored = await download(uploaded.url);
    expect(stored.status).toBe(200);
    expect(stored.type).toBe('image/jpeg');
    expect(stored.body.equals(original)).toBe(true);
  });

  test('each format comes back from its URL whole: its type, its size in bytes, its dimensions', async () => {
    for (const [key, format] of Object.entries(uploaded.formats)) {
      const stored = await download(format.url);
      const metadata = await sharp(stored.body).metadata();
      expect({ key, status: stored.status, type: stored.type, bytes: stored.body.length, width: metadata.width, height: metadata.height }).toEqual({
        key,
        status: 200,
        type: format.mime,
        bytes: format.sizeInBytes,
        width: format.width,
        height: format.height,
      });
    }
  });

  test('a reader of the public API gets the cover of a published article at its lasting URL in the bucket, not a link that expires', async () => {
    const article = await app.strapi.documents(ARTICLE).create({ locale: 'zh-Hans', data: { title: '海川港口商会举行年会', cover: uploaded.id } });
    await app.strapi.documents(ARTICLE).publish({ documentId: article.documentId, locale: 'zh-Hans' });
    const response = await rest(app.strapi).get(`/api/news-articles/${article.documentId}`).expect(200);
    const cover = response.body.data.cover as UploadedFile;
    expect(cover.url).toBe(uploaded.url);
    expect(cover.formats.webp_small.url).toBe(uploaded.formats.webp_small.url);
    expect((await download(cover.url)).status).toBe(200);
  });
});

test('a document over 5 MB goes up in parts and comes back whole', async () => {
  // The SDK's uploader switches to a multipart upload above 5 MB, which a 20 MB upload limit allows.
  const body = crypto.randomBytes(6 * 1024 * 1024).map((byte) => (byte === 0x3c ? 0x3d : byte)); // no `<`: nothing upload-safety could take for markup
  const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), body, Buffer.from('\n%%EOF\n')]);
  const uploaded = await upload(pdf, 'annual-report.pdf', 'application/pdf');
  const key = keyOf(uploaded.url);
  expect(await bucketKeys()).toContain(key);
  const parts = s3Requests.filter((request) => request.method === 'PUT' && request.url.startsWith(`/${BUCKET}/${key}?`) && request.url.includes('partNumber='));
  expect(parts).toHaveLength(2);
  const stored = await download(uploaded.url);
  expect(stored.status).toBe(200);
  expect(stored.body.length).toBe(pdf.length);
  expect(stored.body.equals(pdf)).toBe(true);
});

test('deleting a file in the media library removes it and every format from the bucket', async () => {
  const uploaded = await upload(await photo(1200, 800, 'jpeg'), 'pier.jpg', 'image/jpeg');
  const keys = urlsOf(uploaded).map(keyOf);
  expect(keys).toHaveLength(10);
  expect(await bucketKeys()).toEqual(expect.arrayContaining(keys));
  await rest(app.strapi).delete(`/upload/files/${uploaded.id}`).set('Authorization', `Bearer ${adminToken}`).expect(200);
  const left = await bucketKeys();
  expect(keys.filter((key) => left.includes(key))).toEqual([]);
  expect((await download(uploaded.url)).status).toBe(404);
});

test('the admin panel\'s CSP lets it show images and play media from the bucket, and keeps Strapi\'s defaults', async () => {
  const response = await rest(app.strapi).get('/admin/init').expect(200);
  const directives = new Map(
    String(response.headers['content-security-policy'])
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .map(([name, ...sources]) => [name, sources] as const),
  );
  expect(directives.get('img-src')).toEqual(["'self'", 'data:', 'blob:', 'https://market-assets.strapi.io', endpoint]);
  expect(directives.get('media-src')).toEqual(["'self'", 'data:', 'blob:', endpoint]);
  expect(directives.get('default-src')).toEqual(["'self'"]);
  expect(directives.has('upgrade-insecure-requests')).toBe(false);
});
