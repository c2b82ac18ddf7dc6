import fs from 'fs';
import os from 'os';
import path from 'path';
import type { Modules } from '@strapi/strapi';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { ARTICLE, ORGANISATION } from '../helpers/seed';
import { runImport } from '../helpers/importer';
import { writeCorpus } from '../../bench/corpus';

/**
 * The importer writes new records in multi-row inserts (src/import/bulk.ts), past Strapi's own
 * create. What Strapi's create guarantees must hold all the same: the data is validated, the
 * database lifecycles run, and concurrent imports do not take one slug twice. Each test has a Strapi
 * of its own, so what one test registers cannot reach another.
 */

let app: TestApp;

afterEach(async () => {
  await app?.stop();
});

const corpus = (pages: number, seed: number): string => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'writer-corpus-'));
  writeCorpus(directory, pages, seed);
  return directory;
};

type Row = { id: number; name: string; name_en: string | null; published_at: unknown };

const organisationRows = (): Promise<Row[]> => app.strapi.db.connection('organisations').select('id', 'name', 'name_en', 'published_at') as Promise<Row[]>;

test('beforeCreate and afterCreate run for every row the importer writes, records and components, with the ids the rows got', async () => {
  app = await startStrapi();
  const seen: Array<{ uid: string; id: number }> = [];
  const unsubscribe = app.strapi.db.lifecycles.subscribe({
    models: [ORGANISATION, 'people.position'],
    beforeCreate(event) {
      // A project's lifecycle may fill a field; what it sets must be what is stored.
      if (event.model.uid === ORGANISATION) event.params.data.nameEn = `set by a lifecycle: ${String(event.params.data.name)}`;
    },
    afterCreate(event) {
      seen.push({ uid: event.model.uid, id: Number((event.result as { id: unknown }).id) });
    },
  }) as unknown as () => void;
  try {
    const report = await runImport({ paths: [corpus(12, 31)], dryRun: false, publish: true, locale: 'zh-Hans', strapi: app.strapi });
    expect(report.summary.failed).toBe(0);
  } finally {
    unsubscribe();
  }
  const organisations = await organisationRows();
  // Drafts and published rows alike.
  expect(organisations.filter((row) => row.published_at !== null).length).toBeGreaterThan(0);
  expect(organisations.filter((row) => row.name_en !== `set by a lifecycle: ${row.name}`)).toEqual([]);
  // Every row is seen once. Strapi's own publish of a record a later page updated replaces its
  // published row; the row it replaced was seen too, so the rows seen may be more than are left.
  const organisationEvents = seen.filter((event) => event.uid === ORGANISATION).map((event) => event.id);
  expect(new Set(organisationEvents).size).toBe(organisationEvents.length);
  expect(organisations.filter((row) => !organisationEvents.includes(row.id))).toEqual([]);
  const positions = (await app.strapi.db.connection('components_people_positions').select('id')) as Array<{ id: number }>;
  expect(positions.length).toBeGreaterThan(0);
  const positionEvents = seen.filter((event) => event.uid === 'people.position').map((event) => event.id);
  expect(new Set(positionEvents).size).toBe(positionEvents.length);
  expect(positions.filter((row) => !positionEvents.includes(row.id))).toEqual([]);
});

test('a record Strapi’s validator refuses is not written: its page fails naming the record and the field, and the other pages are imported', async () => {
  app = await startStrapi();
  // A customisation that breaks a record, as a project's own middleware or a tightened schema might.
  let broken: string | null = null;
  const breakOne: Modules.Documents.Middleware.Middleware = async (context, next) => {
    const params = context.params as { data?: { name?: unknown; kind?: unknown } };
    if (context.uid === ORGANISATION && context.action === 'create' && typeof params.data?.name === 'string') {
      broken ??= params.data.name;
      if (params.data.name === broken) params.data.kind = 'not_a_kind';
    }
    return next();
  };
  app.strapi.documents.use(breakOne);
  const report = await runImport({ paths: [corpus(12, 32)], dryRun: false, publish: false, locale: 'zh-Hans', strapi: app.strapi });

  const failed = report.documents.filter((document) => document.status === 'failed');
  expect(failed.length).toBeGreaterThan(0);
  expect(failed.length).toBeLessThan(12);
  for (const document of failed) {
    expect(document.error).toContain(`organisation “${String(broken)}” is invalid: kind:`);
  }
  const rows = await organisationRows();
  expect(rows.filter((row) => row.name === broken)).toEqual([]);
  expect(rows.length).toBeGreaterThan(0);
  const articles = (await app.strapi.db.connection('news_articles').count({ n: '*' })) as Array<{ n: number | string }>;
  expect(Number(articles[0].n)).toBe(12 - failed.length);
});

test('a published record without a required field is refused, naming the field; the same record as a draft is written, as Strapi allows drafts to be incomplete', async () => {
  app = await startStrapi();
  // A customisation that drops a required field (an organisation's name) from one record.
  let broken: string | null = null;
  const dropName: Modules.Documents.Middleware.Middleware = async (context, next) => {
    const params = context.params as { data?: { name?: unknown; importKey?: unknown } };
    if (context.uid === ORGANISATION && context.action === 'create' && typeof params.data?.name === 'string') {
      broken ??= String(params.data.importKey);
      if (params.data.importKey === broken) delete params.data.name;
    }
    return next();
  };
  app.strapi.documents.use(dropName);
  const published = await runImport({ paths: [corpus(6, 40)], dryRun: false, publish: true, locale: 'zh-Hans', strapi: app.strapi });
  const failed = published.documents.filter((document) => document.status === 'failed');
  expect(failed.length).toBeGreaterThan(0);
  for (const document of failed) expect(document.error).toMatch(/organisation \(unnamed\) is invalid: name: /);
  expect((await organisationRows()).some((row) => row.name === null)).toBe(false);

  await app.stop();
  app = await startStrapi();
  broken = null;
  app.strapi.documents.use(dropName);
  const drafts = await runImport({ paths: [corpus(6, 40)], dryRun: false, publish: false, locale: 'zh-Hans', strapi: app.strapi });
  expect(drafts.summary.failed).toBe(0);
  expect((await organisationRows()).some((row) => row.name === null)).toBe(true);
});

test('two imports at once in one server both finish, each article keeps a slug of its own, and no record is created twice', async () => {
  app = await startStrapi();
  // The same pages saved from two sites, one copy with a trailing line: two sets of articles with
  // the same titles (identical bytes would be skipped as imported before).
  const one = corpus(30, 33);
  const two = corpus(30, 33);
  for (const file of fs.readdirSync(two)) fs.appendFileSync(path.join(two, file), '\n');
  const [first, second] = await Promise.all(
    [
      { pages: one, baseUrl: 'https://one.example.org/news/' },
      { pages: two, baseUrl: 'https://two.example.org/news/' },
    ].map(({ pages, baseUrl }) => runImport({ paths: [pages], dryRun: false, publish: true, locale: 'zh-Hans', strapi: app.strapi, baseUrl, waitForLock: true, batchPages: 7 }))
  );
  expect([first.summary.failed, second.summary.failed]).toEqual([0, 0]);
  const slugs = (await app.strapi.db.connection('news_articles').select('slug', 'published_at')) as Array<{ slug: string; published_at: unknown }>;
  const drafts = slugs.filter((row) => row.published_at === null).map((row) => row.slug);
  expect(drafts).toHaveLength(60);
  expect(new Set(drafts).size).toBe(60);
  const names = (await organisationRows()).filter((row) => row.published_at === null).map((row) => row.name);
  expect(new Set(names).size).toBe(names.length);
  const published = await app.strapi.documents(ARTICLE).findMany({ locale: 'zh-Hans', status: 'published', fields: ['slug'], limit: 100 } as never);
  expect(published).toHaveLength(60);
});

test('a re-import that changes stored articles writes the batch’s new records in one insert, not one per page', async () => {
  app = await startStrapi();
  const pages = corpus(20, 34);
  const first = await runImport({ paths: [pages], dryRun: false, publish: true, locale: 'zh-Hans', strapi: app.strapi });
  expect(first.summary.failed).toBe(0);
  // Each page gains a paragraph about an organisation no page named before: every article is
  // updated, and every page brings a new record, in one batch.
  const places = ['青岚', '临溪', '石桥', '金塘', '白鹭'];
  const trades = ['电子', '食品', '纺织', '物流'];
  fs.readdirSync(pages)
    .sort()
    .forEach((file, index) => {
      const chamber = `${places[index % places.length]}县${trades[Math.floor(index / places.length) % trades.length]}商会`;
      fs.appendFileSync(path.join(pages, file), `\n  ${chamber}会长潘${'一二三四五六七八九十'[index % 10]}明出席并讲话。\n`);
    });
  // Rows per insert statement into organisations (about: a multi-row insert counts more than one).
  const inserts: number[] = [];
  const count = (query: { sql: string }) => {
    if (/^insert into (?:[`"]\w+[`"]\.)?[`"]organisations[`"]/.test(query.sql)) inserts.push(query.sql.split(/ as [`"]aliases[`"]|\), \(/).length);
  };
  const connection = app.strapi.db.connection as unknown as { on: (event: 'query', listener: typeof count) => void; off: (event: 'query', listener: typeof count) => void };
  connection.on('query', count);
  let again;
  try {
    again = await runImport({ paths: [pages], dryRun: false, publish: true, locale: 'zh-Hans', strapi: app.strapi, batchPages: 25 });
  } finally {
    connection.off('query', count);
  }
  expect(again.summary.failed).toBe(0);
  expect(again.summary.records.articles.updated).toBe(20);
  expect(again.summary.records.organisations.created).toBeGreaterThanOrEqual(15);
  // Drafts and published rows of all the new ones, in one multi-row insert. (Strapi's own publish
  // of an existing organisation that changed inserts its published row alone.)
  expect(inserts.filter((rows) => rows > 1)).toHaveLength(1);
});

test('a page saved twice, changed in between, in one batch: the later copy updates the article the earlier one created', async () => {
  app = await startStrapi();
  const directory = corpus(1, 35);
  const [file] = fs.readdirSync(directory);
  const page = fs.readFileSync(path.join(directory, file), 'utf8');
  fs.rmSync(path.join(directory, file));
  const url = '原文链接：https://news.example.org/2026/1130/77.html';
  const added = '白鹭县纺织商会会长潘十明出席并讲话。';
  // The address as some sites print it above the article.
  const [title, ...rest] = page.split('\n');
  fs.writeFileSync(path.join(directory, 'a-saved-first.txt'), [title, url, ...rest].join('\n'));
  fs.writeFileSync(path.join(directory, 'b-saved-later.txt'), [title, url, ...rest, `  ${added}`].join('\n'));
  const report = await runImport({ paths: [directory], dryRun: false, publish: true, locale: 'zh-Hans', strapi: app.strapi, batchPages: 25 });
  expect(report.summary.failed).toBe(0);
  expect(report.summary.records.articles.created).toBe(1);
  expect(report.summary.records.articles.updated).toBe(1);
  const articles = (await app.strapi.documents(ARTICLE).findMany({ locale: 'zh-Hans', status: 'published', populate: { mentionedOrganisations: true } } as never)) as unknown as Array<{
    body: unknown;
    mentionedOrganisations: Array<{ name: string }>;
  }>;
  expect(articles).toHaveLength(1);
  expect(JSON.stringify(articles[0].body)).toContain(added);
  expect(articles[0].mentionedOrganisations.map((organisation) => organisation.name)).toContain('白鹭县纺织商会');
});
