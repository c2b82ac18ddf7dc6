import fs from 'fs';
import os from 'os';
import path from 'path';
import type { Knex } from 'knex';
import { startStrapiWithAdmin, type TestApp } from '../helpers/strapi';
import { rest } from '../helpers/http';
import { runImport } from '../helpers/importer';
import { writeCorpus } from '../../bench/corpus';
import { ARTICLE, INITIATIVE } from '../helpers/seed';

/**
 * Strapi's i18n plugin reads the default locale from the core store on every call, and its
 * Document Service calls once per relation it writes from a content type without locales. The
 * extended locales service (src/extensions/i18n) reads it once per Document Service operation, and
 * a new default picked by an administrator is used, and shown to readers, at once.
 */

let app: TestApp;
let adminToken: string;
let corpus: string;

beforeAll(async () => {
  ({ app, adminToken } = await startStrapiWithAdmin());
  corpus = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-default-locale-'));
  writeCorpus(corpus, 60, 20200410);
}, 120_000);

afterAll(async () => {
  await app?.stop();
  if (corpus !== undefined) fs.rmSync(corpus, { recursive: true, force: true });
});

type QueryEvent = { sql: string; bindings?: unknown[] };

const readsOfDefaultLocale = (connection: Knex) => {
  let reads = 0;
  const listener = (query: QueryEvent) => {
    if (query.sql.includes('strapi_core_store_settings') && (query.bindings ?? []).includes('plugin_i18n_default_locale')) reads += 1;
  };
  connection.on('query', listener);
  return { count: () => reads, stop: () => connection.off('query', listener) };
};

const localeId = async (code: string): Promise<number> => {
  const locales = (await app.strapi.plugin('i18n').service('locales').find()) as Array<{ id: number; code: string }>;
  const locale = locales.find((candidate) => candidate.code === code);
  if (locale === undefined) throw new Error(`no locale ${code}`);
  return locale.id;
};

const makeDefault = async (code: string) =>
  rest(app.strapi)
    .put(`/i18n/locales/${await localeId(code)}`)
    .set('Authorization', `Bearer ${adminToken}`)
    .send({ isDefault: true })
    .expect(200);

describe('the default locale', () => {
  it('is read from the database once per operation, not once per relation the operation writes', async () => {
    const articles = [];
    for (let index = 0; index < 30; index += 1) {
      articles.push(await app.strapi.documents(ARTICLE).create({ locale: 'zh-Hans', data: { title: `商会动态第${index + 1}期` }, status: 'published' }));
    }
    const initiative = await app.strapi.documents(INITIATIVE).create({ data: { name: '年度助学行动', kind: 'donation' } });
    const reads = readsOfDefaultLocale(app.strapi.db.connection as Knex);
    try {
      // An initiative has no locales and its articles do: Strapi sets a locale on each of the 30 links.
      await app.strapi.documents(INITIATIVE).update({ documentId: initiative.documentId, data: { mentionedInArticles: articles.map((article) => article.documentId) } as never });
    } finally {
      reads.stop();
    }
    const stored = (await app.strapi.documents(INITIATIVE).findOne({ documentId: initiative.documentId, populate: { mentionedInArticles: true } } as never)) as unknown as {
      mentionedInArticles: unknown[];
    };
    expect(stored.mentionedInArticles).toHaveLength(30);
    expect(reads.count()).toBe(1);
  }, 120_000);

  it('an import reads it far less often than it writes relations', async () => {
    const reads = readsOfDefaultLocale(app.strapi.db.connection as Knex);
    try {
      const report = await runImport({ paths: [corpus], dryRun: false, publish: true, locale: 'zh-Hans', strapi: app.strapi });
      expect(report.summary.failed).toBe(0);
    } finally {
      reads.stop();
    }
    // Without the shared read, these 60 pages read it well over a hundred times.
    expect(reads.count()).toBeLessThan(60);
  }, 300_000);

  it('an administrator picking another default takes effect on the next request, for readers and writers alike', async () => {
    const english = await app.strapi.documents(ARTICLE).create({ locale: 'en', data: { title: 'A page only in English' }, status: 'published' });
    try {
      // Held: the default is zh-Hans, and readers without a locale get Chinese articles.
      expect(await app.strapi.plugin('i18n').service('locales').getDefaultLocale()).toBe('zh-Hans');
      const before = await rest(app.strapi).get('/api/news-articles').query({ pagination: { pageSize: 100 } }).expect(200);
      expect((before.body.data as Array<{ documentId: string }>).map((row) => row.documentId)).not.toContain(english.documentId);

      await makeDefault('en');
      expect(await app.strapi.plugin('i18n').service('locales').getDefaultLocale()).toBe('en');
      const after = await rest(app.strapi).get('/api/news-articles').query({ pagination: { pageSize: 100 } }).expect(200);
      expect((after.body.data as Array<{ documentId: string; locale: string }>).map((row) => row.documentId)).toEqual([english.documentId]);
    } finally {
      await makeDefault('zh-Hans');
    }
    expect(await app.strapi.plugin('i18n').service('locales').getDefaultLocale()).toBe('zh-Hans');
  }, 60_000);
});
