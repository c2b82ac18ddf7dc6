import fs from 'fs';
import os from 'os';
import path from 'path';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { ARTICLE, PERSON } from '../helpers/seed';
import { rest } from '../helpers/http';
import { runImport } from '../helpers/importer';
import { writeCorpus } from '../../bench/corpus';

/**
 * The importer keeps the search index in step. A Strapi of its own: the generated pages share words
 * with the invented content of search.test.ts, whose exact answers they would otherwise change.
 */

let app: TestApp;

type Answer = { status: number; body: { data: Array<{ documentId: string }> } };

const search = async (query: Record<string, string | number>): Promise<Answer> => {
  const response = await rest(app.strapi).get('/api/search').query(query);
  return { status: response.status, body: response.body };
};

const ids = (answer: Answer): string[] => answer.body.data.map((hit) => hit.documentId);

beforeAll(async () => {
  app = await startStrapi();
});

afterAll(async () => {
  await app?.stop();
});

describe('the importer and the search index', () => {
  test('articles imported with --publish are searchable once the import returns; a draft import is not', async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'search-import-'));
    try {
      writeCorpus(directory, 3, 4242);
      const before = await app.strapi.db.query(ARTICLE).count({ where: { publishedAt: { $notNull: true } } });
      const report = await runImport({ paths: [directory], dryRun: false, publish: true, locale: 'zh-Hans', strapi: app.strapi });
      expect(report.summary.failed).toBe(0);
      const imported = (await app.strapi.db.query(ARTICLE).findMany({
        where: { publishedAt: { $notNull: true } },
        orderBy: { id: 'desc' },
        limit: (await app.strapi.db.query(ARTICLE).count({ where: { publishedAt: { $notNull: true } } })) - before,
        select: ['documentId', 'title'],
      })) as Array<{ documentId: string; title: string }>;
      expect(imported).toHaveLength(3);
      for (const article of imported) {
        expect(ids(await search({ q: article.title.slice(0, 20), type: 'article' }))).toContain(article.documentId);
      }
      const persons = (await app.strapi.db.query(PERSON).findMany({ where: { publishedAt: { $notNull: true } }, select: ['documentId', 'name'], limit: 1 })) as Array<{
        documentId: string;
        name: string;
      }>;
      expect(persons).toHaveLength(1);
      expect(ids(await search({ q: persons[0].name, type: 'person' }))).toContain(persons[0].documentId);

      const drafts = path.join(directory, 'drafts');
      writeCorpus(drafts, 2, 4343);
      const entries = await app.database.countRows('newsroom_search_entries');
      const draftReport = await runImport({ paths: [drafts], dryRun: false, publish: false, locale: 'zh-Hans', strapi: app.strapi });
      expect(draftReport.summary.ok).toBe(2);
      const draftTitles = (await app.strapi.db.query(ARTICLE).findMany({ where: { publishedAt: null }, orderBy: { id: 'desc' }, limit: 2, select: ['title'] })) as Array<{ title: string }>;
      for (const { title } of draftTitles) expect(ids(await search({ q: title.slice(0, 20), type: 'article' }))).toEqual([]);
      expect(await app.database.countRows('newsroom_search_entries')).toBe(entries);
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });

});
