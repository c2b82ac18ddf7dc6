import fs from 'fs';
import os from 'os';
import path from 'path';
import sharp from 'sharp';
import type { Knex } from 'knex';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { ARTICLE } from '../helpers/seed';
import { rest } from '../helpers/http';
import { blocksText } from '../../src/body/blocks';
import { canonicalBody } from '../../src/import/body';
import { markdownText } from '../../src/import/plan';
import { closeStrapi } from '../../src/database/close';

/**
 * A database the app left before the body was a blocks field: articles in two locales, each with a
 * draft and a published row, whose bodies are rows of the body.paragraph, body.subheading and
 * body.photo component tables linked through news_articles_cmps, with a photo's image linked through
 * files_related_mph, and no body column. Booting the app runs the migration, and every row reads as
 * the same text, headings and captions in the same order.
 */

const MIGRATION = '2026.11.30T02.00.00.body-blocks.js';

/** What the importer stored: `<b>` in a page escaped so it reads as the characters. */
const IMPORTED_PARAGRAPH = markdownText('某某商会召开年会，<b>会员</b>五十余人参加。');

type OldBlock = { type: 'body.paragraph' | 'body.subheading'; text: string } | { type: 'body.photo'; caption: string; sourceUrl: string | null; image: boolean };

const OLD_BODIES: Record<string, OldBlock[]> = {
  'zh-Hans:draft': [
    { type: 'body.paragraph', text: IMPORTED_PARAGRAPH },
    { type: 'body.subheading', text: '年会议程' },
    { type: 'body.photo', caption: '年会现场', sourceUrl: 'https://news.example.org/p/1.jpg', image: true },
    { type: 'body.photo', caption: '会场一角', sourceUrl: 'https://news.example.org/p/2.jpg', image: false },
    // An editor's Markdown.
    { type: 'body.paragraph', text: '会长**张三**作报告：\n\n- 回顾一年工作\n- 部署新年任务' },
  ],
  'zh-Hans:published': [
    { type: 'body.paragraph', text: markdownText('某某商会召开年会。') },
    { type: 'body.subheading', text: '年会议程' },
  ],
  'en:draft': [{ type: 'body.paragraph', text: 'The chamber held its annual meeting.' }],
  'en:published': [{ type: 'body.paragraph', text: 'The chamber held its *annual* meeting.' }],
};

let app: TestApp;
let documentId: string;
let fileUrl: string;

/** The old tables, as Strapi created them for the three components. */
const createComponentTables = async (knex: Knex): Promise<void> => {
  await knex.schema.createTable('components_body_paragraphs', (table) => {
    table.increments('id');
    table.text('text');
  });
  await knex.schema.createTable('components_body_subheadings', (table) => {
    table.increments('id');
    table.string('text');
  });
  await knex.schema.createTable('components_body_photos', (table) => {
    table.increments('id');
    table.string('caption');
    table.text('source_url');
  });
};

const insertId = async (knex: Knex, table: string, row: Record<string, unknown>): Promise<number> => {
  const [inserted] = (await knex(table).insert(row).returning('id')) as Array<number | { id: number }>;
  return typeof inserted === 'number' ? inserted : inserted.id;
};

/** Writes one article row's body the way the dynamic zone stored it. */
const writeOldBody = async (knex: Knex, entityId: number, blocks: OldBlock[], fileId: number): Promise<void> => {
  for (const [order, block] of blocks.entries()) {
    let cmpId: number;
    if (block.type === 'body.photo') {
      cmpId = await insertId(knex, 'components_body_photos', { caption: block.caption, source_url: block.sourceUrl });
      if (block.image) await knex('files_related_mph').insert({ file_id: fileId, related_id: cmpId, related_type: 'body.photo', field: 'image', order: 1 });
    } else {
      cmpId = await insertId(knex, block.type === 'body.paragraph' ? 'components_body_paragraphs' : 'components_body_subheadings', { text: block.text });
    }
    await knex('news_articles_cmps').insert({ entity_id: entityId, cmp_id: cmpId, component_type: block.type, field: 'body', order: order + 1 });
  }
};

beforeAll(async () => {
  const first = await startStrapi();
  const strapi = first.strapi;
  const png = await sharp({ create: { width: 640, height: 400, channels: 3, background: { r: 20, g: 90, b: 160 } } }).png().toBuffer();
  const filepath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'body-migration-')), 'hall.png');
  fs.writeFileSync(filepath, png);
  const [file] = (await strapi.plugin('upload').service('upload').upload({
    data: { fileInfo: { name: 'hall.png' } },
    files: { filepath, originalFilename: 'hall.png', mimetype: 'image/png', size: png.length },
  })) as Array<{ id: number; url: string }>;
  fileUrl = file.url;
  // Strapi sends a document's events after its write has returned: each reads the entry back first,
  // and core does not wait for them (document-service/events.js). The old schema is made once all four
  // are out, so that no read still in flight meets a table without the columns it names.
  const emitted = new Set<string>();
  const unsubscribe = strapi.eventHub.subscribe(async (event: string, payload?: { uid?: string; entry?: { locale?: string } }) => {
    if (payload?.uid === ARTICLE) emitted.add(`${event} ${payload.entry?.locale ?? ''}`);
  });
  const article = await strapi.documents(ARTICLE).create({ locale: 'zh-Hans', data: { title: '某某商会召开年会' }, status: 'published' });
  documentId = article.documentId;
  await strapi.documents(ARTICLE).update({ documentId, locale: 'en', data: { title: 'A chamber holds its annual meeting' }, status: 'published' });
  const expected = ['entry.create zh-Hans', 'entry.publish zh-Hans', 'entry.create en', 'entry.publish en'];
  while (!expected.every((key) => emitted.has(key))) await new Promise((resolve) => setTimeout(resolve, 50));
  unsubscribe();
  const knex = strapi.db.connection;
  await knex.raw('ALTER TABLE news_articles DROP COLUMN body');
  await createComponentTables(knex);
  const rows = (await knex('news_articles').where({ document_id: documentId }).select('id', 'locale', 'published_at')) as Array<{ id: number; locale: string; published_at: unknown }>;
  expect(rows).toHaveLength(4);
  for (const row of rows) await writeOldBody(knex, row.id, OLD_BODIES[`${row.locale}:${row.published_at === null ? 'draft' : 'published'}`], file.id);
  await knex('strapi_migrations').where({ name: MIGRATION }).del();
  await closeStrapi(strapi);
  app = await startStrapi(first.database);
});

afterAll(async () => {
  await app?.stop();
});

const bodyOf = async (locale: string, status: 'draft' | 'published') =>
  (await app.strapi.documents(ARTICLE).findOne({ documentId, locale, status }))?.body;

describe('the migration from body components to rich text', () => {
  test('a draft keeps its text, heading, photos with captions and an editor\'s Markdown, in order, as blocks', async () => {
    const body = await bodyOf('zh-Hans', 'draft');
    expect(blocksText(body)).toEqual(['某某商会召开年会，<b>会员</b>五十余人参加。', '年会议程', '年会现场', '会场一角', '会长张三作报告：', '回顾一年工作\n部署新年任务']);
    expect(body).toEqual([
      { type: 'paragraph', children: [{ type: 'text', text: '某某商会召开年会，<b>会员</b>五十余人参加。' }] },
      { type: 'heading', level: 2, children: [{ type: 'text', text: '年会议程' }] },
      expect.objectContaining({ type: 'image', image: expect.objectContaining({ url: fileUrl, caption: '年会现场', alternativeText: '年会现场', width: 640, height: 400 }), sourceUrl: 'https://news.example.org/p/1.jpg' }),
      { type: 'paragraph', children: [{ type: 'text', text: '会场一角', italic: true }], sourceUrl: 'https://news.example.org/p/2.jpg' },
      { type: 'paragraph', children: [{ type: 'text', text: '会长' }, { type: 'text', text: '张三', bold: true }, { type: 'text', text: '作报告：' }] },
      { type: 'list', format: 'unordered', children: [{ type: 'list-item', children: [{ type: 'text', text: '回顾一年工作' }] }, { type: 'list-item', children: [{ type: 'text', text: '部署新年任务' }] }] },
    ]);
  });

  test('what the importer wrote reads back in the importer\'s form exactly as before, so its fingerprints still match', async () => {
    expect(canonicalBody(await bodyOf('zh-Hans', 'draft')).slice(0, 4)).toEqual([
      { type: 'paragraph', text: IMPORTED_PARAGRAPH },
      { type: 'subheading', text: '年会议程' },
      { type: 'caption', text: '年会现场', sourceUrl: 'https://news.example.org/p/1.jpg' },
      { type: 'caption', text: '会场一角', sourceUrl: 'https://news.example.org/p/2.jpg' },
    ]);
  });

  test('every locale and both the draft and the published row are converted, each from its own blocks', async () => {
    expect(blocksText(await bodyOf('zh-Hans', 'published'))).toEqual(['某某商会召开年会。', '年会议程']);
    expect(blocksText(await bodyOf('en', 'draft'))).toEqual(['The chamber held its annual meeting.']);
    expect(await bodyOf('en', 'published')).toEqual([
      { type: 'paragraph', children: [{ type: 'text', text: 'The chamber held its ' }, { type: 'text', text: 'annual', italic: true }, { type: 'text', text: ' meeting.' }] },
    ]);
  });

  test('the public API serves the published body as blocks', async () => {
    const response = await rest(app.strapi).get(`/api/news-articles/${documentId}`).expect(200);
    expect(blocksText(response.body.data.body)).toEqual(['某某商会召开年会。', '年会议程']);
  });

  test('the migration is recorded, so the next boot leaves the bodies alone', async () => {
    expect(Number(((await app.strapi.db.connection('strapi_migrations').where({ name: MIGRATION }).count({ n: '*' })) as Array<{ n: unknown }>)[0].n)).toBe(1);
  });
});
