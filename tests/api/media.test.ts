import fs from 'fs';
import path from 'path';
import sharp from 'sharp';
import { createApiToken, startStrapiWithAdmin, type TestApp } from '../helpers/strapi';
import { ARTICLE } from '../helpers/seed';
import { graphql, rest } from '../helpers/http';
import { blockImageOf } from '../../src/import/body';
import { photo } from '../helpers/images';

/**
 * Media as a frontend gets it: with PUBLIC_URL set every URL in the public API is absolute (a
 * mini-program cannot resolve `/uploads/…`), and every uploaded image comes with WebP twins of its
 * formats. The admin panel keeps its relative URLs.
 */
const UPLOADS = path.resolve(__dirname, '..', '..', 'public', 'uploads');
const PUBLIC_URL = 'https://news.example.org';

let app: TestApp;
let adminToken: string;
let uploadToken: string;

type Format = { url: string; mime: string; ext: string; width: number; height: number; size: number; sizeInBytes: number; hash: string };
type UploadedFile = Format & { id: number; formats: Record<string, Format> };

let uploaded: UploadedFile;
/** Every file this suite stored, removed afterwards: public/uploads is the project's own folder. */
const stored: string[] = [];
const remember = (file: UploadedFile): UploadedFile => {
  stored.push(...[file.url, ...Object.values(file.formats ?? {}).map((format) => format.url)].map((url) => path.join(UPLOADS, path.basename(new URL(url, 'http://x').pathname))));
  return file;
};
let articleId: string;


const fileOnDisk = (url: string): string => path.join(UPLOADS, path.basename(new URL(url, PUBLIC_URL).pathname));

beforeAll(async () => {
  process.env.PUBLIC_URL = PUBLIC_URL;
  ({ app, adminToken } = await startStrapiWithAdmin());
  uploadToken = await createApiToken(app.strapi, 'custom', ['plugin::upload.content-api.upload']);
  const response = await rest(app.strapi)
    .post('/api/upload')
    .set('Authorization', `Bearer ${uploadToken}`)
    .attach('files', await photo(1200, 800), { filename: 'harbour.png', contentType: 'image/png' });
  expect(response.status).toBe(201);
  uploaded = remember((response.body as UploadedFile[])[0]);
  // An image node carries a copy of its file as stored (relative URLs), as the admin's editor and the importer write it.
  const stored = (await app.strapi.db.query('plugin::upload.file').findOne({ where: { id: uploaded.id } })) as Record<string, unknown>;
  const article = await app.strapi.documents(ARTICLE).create({
    locale: 'zh-Hans',
    data: {
      title: '海川港口商会举行年会',
      cover: uploaded.id,
      body: [
        { type: 'paragraph', children: [{ type: 'text', text: '年会在港口举行。' }] },
        { type: 'image', image: { ...blockImageOf(stored), caption: '年会现场' }, children: [{ type: 'text', text: '' }] },
      ],
    },
  });
  articleId = article.documentId;
  await app.strapi.documents(ARTICLE).publish({ documentId: articleId, locale: 'zh-Hans' });
});

afterAll(async () => {
  await app?.stop();
  delete process.env.PUBLIC_URL;
  for (const file of stored) fs.rmSync(file, { force: true });
});

describe('WebP twins of an uploaded image', () => {
  test('each format the upload plugin made has a WebP twin of the same size, and the original one at full size', () => {
    const keys = Object.keys(uploaded.formats).sort();
    expect(keys).toEqual(['large', 'medium', 'small', 'thumbnail', 'webp', 'webp_large', 'webp_medium', 'webp_small', 'webp_thumbnail']);
    for (const key of ['thumbnail', 'small', 'medium', 'large']) {
      const twin = uploaded.formats[`webp_${key}`];
      expect({ key, mime: twin.mime, ext: twin.ext, width: twin.width, height: twin.height }).toEqual({
        key,
        mime: 'image/webp',
        ext: '.webp',
        width: uploaded.formats[key].width,
        height: uploaded.formats[key].height,
      });
    }
    expect(uploaded.formats.webp).toMatchObject({ mime: 'image/webp', width: 1200, height: 800 });
  });

  test('the WebP files are stored beside the originals, are WebP, and are lighter than their PNG twins', async () => {
    for (const key of ['thumbnail', 'small', 'medium', 'large']) {
      const webp = uploaded.formats[`webp_${key}`];
      const stored = fs.readFileSync(fileOnDisk(webp.url));
      const metadata = await sharp(stored).metadata();
      expect({ key, format: metadata.format, width: metadata.width, bytes: stored.length }).toEqual({ key, format: 'webp', width: webp.width, bytes: webp.sizeInBytes });
      expect(webp.sizeInBytes).toBeLessThan(uploaded.formats[key].sizeInBytes);
    }
    expect(uploaded.formats.webp.sizeInBytes).toBeLessThan(uploaded.sizeInBytes ?? uploaded.size * 1000);
  });

  test('the server sends a WebP twin as image/webp', async () => {
    const response = await rest(app.strapi).get(new URL(uploaded.formats.webp_small.url).pathname);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('image/webp');
  });

  test('a JPEG gets WebP twins too, and a WebP upload gets none', async () => {
    const jpeg = await sharp(await photo(600, 400)).jpeg().toBuffer();
    const webp = await sharp(await photo(600, 400)).webp().toBuffer();
    const send = (content: Buffer, filename: string, contentType: string) =>
      rest(app.strapi).post('/api/upload').set('Authorization', `Bearer ${uploadToken}`).attach('files', content, { filename, contentType });
    const fromJpeg = remember((await send(jpeg, 'hall.jpg', 'image/jpeg').expect(201)).body[0] as UploadedFile);
    const fromWebp = remember((await send(webp, 'hall.webp', 'image/webp').expect(201)).body[0] as UploadedFile);
    expect(Object.keys(fromJpeg.formats).sort()).toEqual(['small', 'thumbnail', 'webp', 'webp_small', 'webp_thumbnail']);
    expect(Object.keys(fromWebp.formats).sort()).toEqual(['small', 'thumbnail']);
  });
});

describe('absolute media URLs with PUBLIC_URL', () => {
  const expectAbsolute = (file: { url: string; formats: Record<string, { url: string }> }) => {
    expect(file.url).toMatch(new RegExp(`^${PUBLIC_URL}/uploads/[^/]+\\.png$`));
    for (const format of Object.values(file.formats)) expect(format.url).toMatch(new RegExp(`^${PUBLIC_URL}/uploads/`));
  };

  test('the upload answer names the file by its absolute URL', () => {
    expectAbsolute(uploaded);
  });

  test('REST gives the cover and the body\'s images absolute URLs, formats included', async () => {
    const response = await rest(app.strapi).get(`/api/news-articles/${articleId}`).expect(200);
    const article = response.body.data as { cover: UploadedFile; body: Array<{ type: string; image?: UploadedFile }> };
    expectAbsolute(article.cover);
    const photoBlock = article.body.find((block) => block.type === 'image');
    expectAbsolute(photoBlock?.image as UploadedFile);
    expect(photoBlock?.image).toMatchObject({ caption: '年会现场' });
    expect(Object.keys(article.cover)).not.toContain('isUrlSigned');
  });

  test('GraphQL gives the cover and the body\'s images absolute URLs, formats included', async () => {
    const { body } = await graphql(
      app.strapi,
      `query ($id: ID!) { newsArticle(documentId: $id) { cover { url formats } body } }`,
      { id: articleId },
    );
    expect(body.errors).toBeUndefined();
    const article = body.data?.newsArticle as { cover: UploadedFile; body: Array<{ type: string; image?: UploadedFile }> };
    expectAbsolute(article.cover);
    expectAbsolute(article.body.find((block) => block.image !== undefined)?.image as UploadedFile);
  });

  test('the absolute URL names a file this server serves', async () => {
    await rest(app.strapi).get(new URL(uploaded.url).pathname).expect(200);
  });

  test('the admin panel keeps relative URLs, resolved against the origin it is opened on', async () => {
    const library = await rest(app.strapi).get('/upload/files').set('Authorization', `Bearer ${adminToken}`).expect(200);
    const files = library.body.results as UploadedFile[];
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(file.url).toMatch(/^\/uploads\//);
    const edited = await rest(app.strapi)
      .get(`/content-manager/collection-types/${ARTICLE}/${articleId}`)
      .query({ locale: 'zh-Hans' })
      .set('Authorization', `Bearer ${adminToken}`)
      .expect(200);
    expect((edited.body.data.cover as UploadedFile).url).toMatch(/^\/uploads\//);
    expect((edited.body.data.cover as UploadedFile).formats.webp_small.url).toMatch(/^\/uploads\//);
    const image = (edited.body.data.body as Array<{ type: string; image?: UploadedFile }>).find((node) => node.type === 'image')?.image as UploadedFile;
    expect(image.url).toMatch(/^\/uploads\//);
  });
});

test('deleting an image in the media library deletes its WebP twins with it', async () => {
  const jpeg = await sharp(await photo(800, 600)).jpeg().toBuffer();
  const response = await rest(app.strapi)
    .post('/api/upload')
    .set('Authorization', `Bearer ${uploadToken}`)
    .attach('files', jpeg, { filename: 'pier.jpg', contentType: 'image/jpeg' })
    .expect(201);
  const file = remember(response.body[0] as UploadedFile);
  const stored = [file.url, ...Object.values(file.formats).map((format) => format.url)].map(fileOnDisk);
  expect(stored.filter((name) => name.endsWith('.webp'))).toHaveLength(4);
  expect(stored.every((name) => fs.existsSync(name))).toBe(true);
  await rest(app.strapi).delete(`/upload/files/${file.id}`).set('Authorization', `Bearer ${adminToken}`).expect(200);
  expect(stored.filter((name) => fs.existsSync(name))).toEqual([]);
});
