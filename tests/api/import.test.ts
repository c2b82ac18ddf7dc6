import fs from 'fs';
import os from 'os';
import path from 'path';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { ARTICLE, INITIATIVE, ORGANISATION, PERSON, clearNewsroom } from '../helpers/seed';
import { rest } from '../helpers/http';
import { runImport } from '../helpers/importer';
import { writeCorpus } from '../../bench/corpus';
import { blocksText } from '../../src/body/blocks';

const ROOT = path.resolve(__dirname, '..', '..');
const BUNDLED = path.join(ROOT, 'data', 'documents');
const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'import');

let app: TestApp;

beforeAll(async () => {
  app = await startStrapi();
  // A stand-in for a database failure: every article whose title has 回滚 fails to be created.
  app.strapi.documents.use(async (context, next) => {
    const data = (context.params as { data?: { title?: unknown } }).data;
    if (context.uid === ARTICLE && context.action === 'create' && typeof data?.title === 'string' && data.title.includes('回滚')) {
      throw new Error('simulated database failure');
    }
    return next();
  });
});

afterAll(async () => {
  await app?.stop();
});

const importPaths = (paths: string[], options: { publish?: boolean; dryRun?: boolean } = {}) =>
  runImport({ paths, dryRun: options.dryRun ?? false, publish: options.publish ?? false, locale: 'zh-Hans', strapi: app.strapi });

const total = (report: Awaited<ReturnType<typeof importPaths>>, action: 'created' | 'updated' | 'unchanged') =>
  Object.values(report.summary.records).reduce((sum, counts) => sum + counts[action], 0);

const copyTo = (directory: string, source: string, name: string) => fs.copyFileSync(source, path.join(directory, name));

const FIXTURE_URL = /news\.example\.org\/2021\/0315\/1234/g;

/** The fixture page under a URL of its own, in a directory of its own, so each test has its own article. */
const pageAt = (id: string, html = fs.readFileSync(path.join(FIXTURES, 'chamber-v1.html'), 'utf8')) => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'import-page-'));
  fs.writeFileSync(path.join(directory, 'page.html'), html.replace(FIXTURE_URL, `news.example.org/2021/0315/${id}`));
  return { directory, file: path.join(directory, 'page.html') };
};

const articleAt = async (id: string) => {
  const [article] = await app.strapi.db.query(ARTICLE).findMany({ where: { importKey: { $contains: `/2021/0315/${id}` }, publishedAt: null }, select: ['documentId'] });
  return (article as { documentId: string }).documentId;
};

describe('importing the bundled documents', () => {
  beforeEach(async () => {
    await clearNewsroom(app.strapi);
  });

  test('imports every bundled page as a draft article linked to its people and organisations', async () => {
    const report = await importPaths([BUNDLED]);
    expect(report.summary.failed).toBe(0);
    expect(report.summary.records.articles.created).toBe(2);
    expect(report.summary.records.persons.created).toBeGreaterThan(5);
    const drafts = await app.strapi.documents(ARTICLE).findMany({ locale: 'zh-Hans', status: 'draft', populate: { mentionedPersons: true, mentionedOrganisations: true } });
    expect(drafts).toHaveLength(2);
    for (const article of drafts) {
      expect((article.mentionedPersons as unknown[]).length).toBeGreaterThan(0);
      expect((article.mentionedOrganisations as unknown[]).length).toBeGreaterThan(0);
    }
    const published = await app.strapi.documents(ARTICLE).findMany({ locale: 'zh-Hans', status: 'published' });
    expect(published).toHaveLength(0);
  });

  test('a second run creates and updates nothing', async () => {
    await importPaths([BUNDLED]);
    const before = await app.strapi.db.query(PERSON).count({});
    const report = await importPaths([BUNDLED]);
    expect(total(report, 'created')).toBe(0);
    expect(total(report, 'updated')).toBe(0);
    expect(total(report, 'unchanged')).toBeGreaterThan(0);
    expect(await app.strapi.db.query(PERSON).count({})).toBe(before);
  });

  test('a page whose bytes were imported before is reported unchanged, by title, without analysing it again', async () => {
    await importPaths([BUNDLED]);
    const report = await importPaths([BUNDLED]);
    expect(report.summary.records.articles.unchanged).toBe(2);
    for (const doc of report.documents) {
      expect(doc.status).toBe('ok');
      expect(doc.article?.title).not.toBe('');
      expect(doc.actions).toEqual({ created: 0, updated: 0, unchanged: 1 });
      // Only analysis finds persons; a skipped page lists none.
      expect(doc.persons).toEqual([]);
    }
  });

  test('--publish publishes targets first, so the published articles keep every relation', async () => {
    // Imported as drafts first, as an editor would before deciding to publish.
    await importPaths([BUNDLED]);
    const report = await importPaths([BUNDLED], { publish: true });
    expect(report.summary.failed).toBe(0);
    const drafts = await app.strapi.documents(ARTICLE).findMany({
      locale: 'zh-Hans',
      status: 'draft',
      populate: { mentionedPersons: true, mentionedOrganisations: true, mentionedInitiatives: true, quotes: { populate: { speaker: true } } },
    });
    const published = await app.strapi.documents(ARTICLE).findMany({
      locale: 'zh-Hans',
      status: 'published',
      populate: { mentionedPersons: true, mentionedOrganisations: true, mentionedInitiatives: true, quotes: { populate: { speaker: true } } },
    });
    expect(published).toHaveLength(2);
    for (const draft of drafts) {
      const live = published.find((candidate) => candidate.documentId === draft.documentId);
      expect(live).toBeDefined();
      for (const relation of ['mentionedPersons', 'mentionedOrganisations', 'mentionedInitiatives'] as const) {
        const ids = (value: unknown) => (value as Array<{ documentId: string }>).map((item) => item.documentId).sort();
        expect(ids(live?.[relation])).toEqual(ids(draft[relation]));
      }
      const speakers = (value: unknown) => (value as Array<{ speaker: { documentId: string } | null }>).map((quote) => quote.speaker?.documentId ?? null);
      expect(speakers(live?.quotes)).toEqual(speakers(draft.quotes));
    }
    const response = await rest(app.strapi).get('/api/news-articles').expect(200);
    expect(response.body.data).toHaveLength(2);
    for (const article of response.body.data) expect(article.mentionedPersons.length).toBeGreaterThan(0);
  });

  test('a dry run writes nothing and reports the same shape', async () => {
    const counts = async () => Promise.all([ARTICLE, ORGANISATION, PERSON, INITIATIVE].map((uid) => app.strapi.db.query(uid as typeof ARTICLE).count({})));
    const before = await counts();
    const report = await runImport({ paths: [FIXTURES], dryRun: true, publish: false, locale: 'zh-Hans', strapi: null });
    expect(report.summary.dryRun).toBe(true);
    expect(report.documents.length).toBeGreaterThan(0);
    expect(Object.keys(report.documents[0]).sort()).toEqual(
      ['actions', 'amounts', 'article', 'file', 'initiatives', 'keptEditorChanges', 'needsReview', 'organisations', 'persons', 'quotes', 'removed', 'status', 'warnings'].sort()
    );
    expect(await counts()).toEqual(before);
  });
});

describe('re-importing a changed page', () => {
  // The source page changes: a bigger donation and a new title.
  const changedPage = () =>
    fs
      .readFileSync(path.join(FIXTURES, 'chamber-v1.html'), 'utf8')
      .replace('捐赠助学金12.3万元。', '捐赠助学金15万元，并承诺连续资助三年。')
      .replace(/云州市青年企业家商会向乡村小学捐赠助学金<\/h1>/, '云州市青年企业家商会向乡村小学追加助学金</h1>');

  test('updates the article when the source page changed, and keeps the field an editor changed', async () => {
    const { directory, file } = pageAt('2101');
    expect((await importPaths([directory])).summary.failed).toBe(0);
    const articleId = await articleAt('2101');
    await app.strapi.documents(ARTICLE).update({ documentId: articleId, locale: 'zh-Hans', data: { title: '编辑改过的标题' } });
    fs.writeFileSync(file, changedPage().replace(FIXTURE_URL, 'news.example.org/2021/0315/2101'));
    const report = await importPaths([directory]);
    expect(report.summary.records.articles.updated).toBe(1);
    expect(report.documents[0].keptEditorChanges.join(' ')).toMatch(/title/);
    const article = await app.strapi.documents(ARTICLE).findOne({ documentId: articleId, locale: 'zh-Hans', populate: { amounts: true } });
    expect(article?.title).toBe('编辑改过的标题');
    expect(blocksText(article?.body).join('\n')).toContain('15万元');
    expect((article?.amounts as Array<{ value: number }>).map((amount) => Number(amount.value))).toContain(150000);
    const sameKey = await app.strapi.db.query(ARTICLE).count({ where: { importKey: { $contains: 'news.example.org/2021/0315/2101' } } });
    expect(sameKey).toBe(1);
  });

  test('the older version of a page after a newer one in the same run is imported, not skipped as unchanged', async () => {
    // The database holds the changed page. In this run the changed page comes first (unchanged),
    // then a third version, then the changed one again: its bytes are known, but by its turn the
    // article holds the third version, so it must be written back.
    const { directory } = pageAt('2102', changedPage());
    expect((await importPaths([directory])).summary.failed).toBe(0);
    const articleId = await articleAt('2102');
    const changed = fs.readFileSync(path.join(directory, 'page.html'), 'utf8');
    const third = changed.replace('并承诺连续资助三年。', '并承诺连续资助五年。');
    const run = fs.mkdtempSync(path.join(os.tmpdir(), 'import-versions-'));
    fs.writeFileSync(path.join(run, 'a.html'), third);
    fs.writeFileSync(path.join(run, 'b.html'), changed);
    const report = await importPaths([run]);
    expect(report.documents.map((doc) => [path.basename(doc.file), doc.actions.updated])).toEqual([
      ['a.html', 1],
      ['b.html', 1],
    ]);
    const article = await app.strapi.documents(ARTICLE).findOne({ documentId: articleId, locale: 'zh-Hans' });
    expect(blocksText(article?.body).join('\n')).toContain('连续资助三年');
  });

  test('the same person at the same organisation in another page is one record', async () => {
    const { directory } = pageAt('2103');
    const report = await importPaths([directory, path.join(FIXTURES, 'other-chamber.html')]);
    expect(report.summary.failed).toBe(0);
    const people = await app.strapi.documents(PERSON).findMany({ filters: { name: '林若溪' } });
    expect(people).toHaveLength(1);
  });
});

describe('a document that fails', () => {
  test('is rolled back alone and reported, and the run goes on', async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'import-fail-'));
    const bad = fs.readFileSync(path.join(FIXTURES, 'chamber-v1.html'), 'utf8')
      .replace(/云州/g, '回滚')
      .replace('news.example.org/2021/0315/1234', 'news.example.org/rollback');
    fs.writeFileSync(path.join(directory, 'a-bad.html'), bad);
    copyTo(directory, path.join(FIXTURES, 'other-chamber.html'), 'b-good.html');
    fs.writeFileSync(path.join(directory, 'c-empty.txt'), '');
    const report = await importPaths([directory, path.join(directory, 'missing.html')]);
    const byFile = Object.fromEntries(report.documents.map((doc) => [path.basename(doc.file), doc]));
    expect(byFile['a-bad.html'].status).toBe('failed');
    expect(byFile['a-bad.html'].error).toMatch(/simulated database failure/);
    expect(byFile['b-good.html'].status).toBe('ok');
    expect(byFile['c-empty.txt'].status).toBe('failed');
    expect(byFile['c-empty.txt'].error).toMatch(/empty/);
    expect(byFile['missing.html'].error).toBe('path does not exist');
    expect(await app.strapi.db.query(ORGANISATION).count({ where: { name: { $contains: '回滚' } } })).toBe(0);
    expect(await app.strapi.db.query(PERSON).count({ where: { name: '林若溪', publishedAt: null } })).toBe(1);
  });
});

describe('a run that keeps only the summary', () => {
  test('counts every document without listing them', async () => {
    const report = await runImport({ paths: [BUNDLED], dryRun: false, publish: false, locale: 'zh-Hans', strapi: app.strapi, keepDocuments: false });
    expect(report.documents).toEqual([]);
    expect(report.summary).toMatchObject({ documents: 2, ok: 2, failed: 0 });
  });
});

describe('after an import', () => {
  test('the query planner has fresh statistics for the tables the import filled', async () => {
    const { directory } = pageAt('2104');
    expect((await importPaths([directory])).summary.failed).toBe(0);
    const knex = app.strapi.db.connection;
    if (app.strapi.db.dialect.client === 'postgres') {
      const analysed = await knex.raw("select last_analyze from pg_stat_user_tables where relname = 'news_articles_cmps'");
      expect(analysed.rows[0].last_analyze).not.toBeNull();
    } else {
      const stats = (await knex.raw("select tbl from sqlite_stat1 where tbl = 'news_articles_cmps'")) as unknown[];
      expect(stats.length).toBeGreaterThan(0);
    }
  });
});

describe('pages written in one batch', () => {
  test('two pages with the same title in one batch get different slugs', async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'import-batch-slugs-'));
    const page = fs.readFileSync(path.join(FIXTURES, 'chamber-v1.html'), 'utf8');
    for (const [name, id] of [['first.html', '7001'], ['second.html', '7002']]) {
      fs.writeFileSync(path.join(directory, name), page.replace(/news\.example\.org\/2021\/0315\/1234/g, `news.example.org/2021/0315/${id}`));
    }
    const report = await importPaths([directory]);
    expect(report.summary.failed).toBe(0);
    const imported = await app.strapi.db.query(ARTICLE).findMany({ where: { importKey: { $contains: '/2021/0315/700' } }, select: ['slug', 'title'] });
    expect(imported).toHaveLength(2);
    expect(imported[0].title).toBe(imported[1].title);
    expect(new Set(imported.map((article: { slug: string }) => article.slug)).size).toBe(2);
  });

  test('a page that fails in the middle of a batch costs only that page; the pages around it keep their links', async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'import-batch-fail-'));
    writeCorpus(directory, 6, 777);
    const bad = fs.readFileSync(path.join(FIXTURES, 'chamber-v1.html'), 'utf8')
      .replace(/云州/g, '回滚')
      .replace(/news\.example\.org\/2021\/0315\/1234/g, 'news.example.org/rollback-in-batch');
    const names = fs.readdirSync(directory).sort();
    // Sorted between the generated pages, so the failing page is neither the first nor the last of the batch.
    const middle = `${names[2]}-bad.html`;
    fs.writeFileSync(path.join(directory, middle), bad);
    // The document middleware registered for this file fails every article titled with 回滚.
    const report = await importPaths([directory], { publish: true });
    const failed = report.documents.filter((doc) => doc.status === 'failed').map((doc) => path.basename(doc.file));
    expect(failed).toEqual([middle]);
    expect(report.documents.map((doc) => path.basename(doc.file))).toEqual([...names.slice(0, 3), middle, ...names.slice(3)]);
    expect(report.summary.ok).toBe(6);
    const titles = report.documents.filter((doc) => doc.status === 'ok').map((doc) => doc.article?.title ?? '');
    const published = await app.strapi.documents(ARTICLE).findMany({
      status: 'published',
      filters: { title: { $in: titles } },
      populate: { mentionedPersons: { fields: ['name'] } },
      limit: 100,
    });
    expect(published.map((article) => article.title).sort()).toEqual([...titles].sort());
    expect(published.every((article) => (article.mentionedPersons as unknown[]).length > 0)).toBe(true);
    expect(await app.strapi.db.query(ORGANISATION).count({ where: { name: { $contains: '回滚' } } })).toBe(0);
  });
});

