import fs from 'fs';
import http from 'http';
import os from 'os';
import path from 'path';
import sharp from 'sharp';
import type { AddressInfo } from 'net';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { ARTICLE } from '../helpers/seed';
import { rest } from '../helpers/http';
import { runImport } from '../helpers/importer';
import { DEFAULT_IMAGE_FETCH, type ImageFetchOptions } from '../../src/import/fetch-images';
import { asBlocks, inlineText } from '../../src/body/blocks';

/**
 * Photos of imported pages: their addresses and captions are kept in the body, and with
 * `fetchImages` (the command line's --fetch-images) they are downloaded into the media library from
 * a real HTTP server, within limits, and never from a private address the run was not allowed.
 */
const UPLOADS = path.resolve(__dirname, '..', '..', 'public', 'uploads');

let app: TestApp;
let server: http.Server;
let origin: string;
const requested: string[] = [];
let directory: string;
const uploadsBefore = new Set(fs.readdirSync(UPLOADS));

const png = (width: number, height: number, red: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: red, g: 90, b: 160 } } })
    .png()
    .toBuffer();

/** An SVG (it can carry script) served as a PNG; sharp reads it, but it is no photo. */
const DRAWING = '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300"><rect width="400" height="300" fill="red"/></svg>';

const startPhotoServer = async (): Promise<void> => {
  const hall = await png(800, 500, 200);
  const stage = await png(640, 400, 40);
  const huge = Buffer.concat([await png(64, 64, 1), Buffer.alloc(300 * 1024)]);
  server = http.createServer((request, response) => {
    requested.push(request.url ?? '');
    if (request.url === '/photos/hall.png') return response.writeHead(200, { 'content-type': 'image/png' }).end(hall);
    if (request.url === '/photos/moved.png') return response.writeHead(302, { location: '/photos/stage.png' }).end();
    if (request.url === '/photos/stage.png') return response.writeHead(200, { 'content-type': 'image/png' }).end(stage);
    if (request.url === '/photos/huge.png') return response.writeHead(200, { 'content-type': 'image/png' }).end(huge);
    if (request.url === '/photos/drawing.png') return response.writeHead(200, { 'content-type': 'image/png' }).end(DRAWING);
    if (request.url === '/photos/page.png') return response.writeHead(200, { 'content-type': 'image/png' }).end('<html><script>alert(1)</script></html>');
    return response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

const page = (extra = '') => `<!doctype html>
<html><head><meta charset="utf-8"><title>海川港口商会举行年会</title><link rel="canonical" href="${origin}/news/annual.html"></head>
<body><article>
<h1>海川港口商会举行年会</h1>
<p>来源：海川港口商会 发布时间：2024-05-06</p>
<p>5月6日，海川港口商会在会展中心举行年会，三百余名会员出席。</p>
<p><img src="/photos/hall.png"></p>
<p>年会现场（王小川 摄）</p>
<p>会长在年会上作工作报告，回顾了商会一年来的工作。</p>
<figure><img src="/photos/moved.png"><figcaption>会员代表发言</figcaption></figure>
<p><img src="/photos/huge.png" alt="会场全景"></p>
<p><img src="/photos/page.png" alt="会场一角"></p>
<p><img src="/photos/drawing.png" alt="会场示意图"></p>
<p>会议审议通过了商会年度财务报告。${extra}</p>
</article></body></html>`;

const writePage = (name: string, html: string): string => {
  const file = path.join(directory, name);
  fs.writeFileSync(file, html);
  return file;
};

type Photo = { caption: string; sourceUrl: string | null; italic: boolean; image: { hash: string; url: string; mime: string; width: number; caption: string | null } | null };
type Article = { documentId: string; cover: { id: number; hash: string; url: string } | null; body: unknown };

const articleNamed = async (status: 'draft' | 'published'): Promise<Article> => {
  const [article] = (await app.strapi.documents(ARTICLE).findMany({
    locale: 'zh-Hans',
    status,
    filters: { title: '海川港口商会举行年会' },
    populate: { cover: true },
  })) as unknown as Article[];
  return article;
};

/**
 * The body's photos in reading order: image nodes with their caption, and the italic caption lines
 * of photos that are not in the media library; each with the address it came from.
 */
const photosOf = (article: { body: unknown }): Photo[] =>
  asBlocks(article.body).flatMap((node): Photo[] => {
    const source = (node as { sourceUrl?: unknown }).sourceUrl;
    const sourceUrl = typeof source === 'string' ? source : null;
    if (node.type === 'image') return [{ caption: node.image.caption ?? '', sourceUrl, italic: false, image: node.image }];
    if (node.type !== 'paragraph' || sourceUrl === null) return [];
    return [{ caption: inlineText(node.children), sourceUrl, italic: node.children.every((child) => child.type === 'text' && child.italic === true), image: null }];
  });

const allowLoopback: ImageFetchOptions = { ...DEFAULT_IMAGE_FETCH, maxBytes: 200 * 1024, privateHosts: ['127.0.0.1'] };

beforeAll(async () => {
  await startPhotoServer();
  directory = fs.mkdtempSync(path.join(os.tmpdir(), 'import-images-'));
});

/**
 * Each block has a Strapi and a database of its own: what one fetched must not be known to the
 * other, in whatever order they run.
 */
const ownStrapi = (): void => {
  beforeAll(async () => {
    app = await startStrapi();
  });
  afterAll(async () => {
    await app?.stop();
  });
};

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  fs.rmSync(directory, { recursive: true, force: true });
  for (const name of fs.readdirSync(UPLOADS)) if (!uploadsBefore.has(name)) fs.rmSync(path.join(UPLOADS, name), { force: true });
});

describe('a run that does not fetch photos', () => {
  ownStrapi();

  test('without fetching, each photo is its caption in italics where it stood, with its address, absolute, and nothing is downloaded', async () => {
    const requestedBefore = requested.length;
    const report = await runImport({ paths: [writePage('annual.html', page())], dryRun: false, publish: false, locale: 'zh-Hans', strapi: app.strapi });
    expect(report.summary.failed).toBe(0);
    const article = await articleNamed('draft');
    expect(photosOf(article).map((photo) => [photo.caption, photo.sourceUrl, photo.italic, photo.image])).toEqual([
      ['年会现场（王小川 摄）', `${origin}/photos/hall.png`, true, null],
      ['会员代表发言', `${origin}/photos/moved.png`, true, null],
      ['会场全景', `${origin}/photos/huge.png`, true, null],
      ['会场一角', `${origin}/photos/page.png`, true, null],
      ['会场示意图', `${origin}/photos/drawing.png`, true, null],
    ]);
    expect(article.cover).toBeNull();
    expect(requested.slice(requestedBefore)).toEqual([]);
    expect(await app.strapi.db.query('plugin::upload.file').count({})).toBe(0);
  });

  test('a private address is not fetched unless the run allows its host', async () => {
    const requestedBefore = requested.length;
    const file = writePage('annual.html', page('（一）'));
    const report = await runImport({ paths: [file], dryRun: false, publish: false, locale: 'zh-Hans', strapi: app.strapi, fetchImages: DEFAULT_IMAGE_FETCH });
    expect(report.documents[0].warnings.filter((warning) => /is a private address|resolves to a private address/.test(warning))).toHaveLength(5);
    expect(requested.slice(requestedBefore)).toEqual([]);
    expect(await app.strapi.db.query('plugin::upload.file').count({})).toBe(0);
  });
});

describe('fetching the photos of a page', () => {
  ownStrapi();
  let article: Article;
  let warnings: string[];

  beforeAll(async () => {
    const report = await runImport({
      paths: [writePage('annual.html', page('（二）'))],
      dryRun: false,
      publish: true,
      locale: 'zh-Hans',
      strapi: app.strapi,
      fetchImages: allowLoopback,
    });
    warnings = report.documents[0].warnings;
    article = await articleNamed('published');
  });

  test('photos become media library images in the body, under their captions, a redirect followed', () => {
    const [hall, moved, huge, notImage, drawing] = photosOf(article);
    expect(hall.image).toMatchObject({ mime: 'image/png', width: 800, caption: '年会现场（王小川 摄）' });
    // The redirect's target, not the address that moved.
    expect(moved.image).toMatchObject({ mime: 'image/png', width: 640 });
    expect(requested).toEqual(expect.arrayContaining(['/photos/hall.png', '/photos/moved.png', '/photos/stage.png']));
    expect([huge, notImage, drawing].map((photo) => [photo.caption, photo.image])).toEqual([['会场全景', null], ['会场一角', null], ['会场示意图', null]]);
  });

  test('a photo over the size limit, a page and a drawing posing as photos are left out, with a warning each', () => {
    expect(warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^photo ${origin}/photos/huge.png not fetched: .*limit`)),
        expect.stringMatching(new RegExp(`^photo ${origin}/photos/page.png not fetched`)),
        expect.stringMatching(new RegExp(`^photo ${origin}/photos/drawing.png not fetched: it is not a photo \\(svg\\)`)),
      ]),
    );
    expect(fs.readdirSync(UPLOADS).filter((name) => !uploadsBefore.has(name) && /huge|page|drawing/.test(name))).toEqual([]);
  });

  test('the first wide photo becomes the cover, and the public API shows it all', async () => {
    const [hall] = photosOf(article);
    expect(article.cover?.hash).toBe(hall.image?.hash);
    const response = await rest(app.strapi).get(`/api/news-articles/${article.documentId}`).expect(200);
    expect(response.body.data.cover.url).toBe(hall.image?.url);
    const [served] = photosOf(response.body.data);
    expect(served).toMatchObject({ caption: '年会现场（王小川 摄）', sourceUrl: `${origin}/photos/hall.png`, image: { url: hall.image?.url } });
  });

  test('a photo fetched once is not fetched again, and a body written again keeps its images', async () => {
    const before = requested.length;
    const files = await app.strapi.db.query('plugin::upload.file').count({});
    await runImport({ paths: [writePage('annual.html', page('（三）'))], dryRun: false, publish: true, locale: 'zh-Hans', strapi: app.strapi, fetchImages: allowLoopback });
    await runImport({ paths: [writePage('annual.html', page('（四）'))], dryRun: false, publish: true, locale: 'zh-Hans', strapi: app.strapi });
    const again = await articleNamed('published');
    expect(photosOf(again).map((photo) => photo.image?.hash ?? null)).toEqual(photosOf(article).map((photo) => photo.image?.hash ?? null));
    expect(photosOf(again).filter((photo) => photo.image !== null)).toHaveLength(2);
    expect(again.cover?.id).toBe(article.cover?.id);
    expect(await app.strapi.db.query('plugin::upload.file').count({})).toBe(files);
    expect(requested.slice(before).filter((url) => /hall|stage|moved/.test(url))).toEqual([]);
  });
});
