import fs from 'fs';
import os from 'os';
import path from 'path';
import { startStrapiWithAdmin, type TestApp } from '../helpers/strapi';
import { ARTICLE } from '../helpers/seed';
import { graphql, rest } from '../helpers/http';
import { runImport } from '../helpers/importer';
import { asBlocks, blockText } from '../../src/body/blocks';

/** Where a page is published and what it is headlined: each article of this file has its own. */
type Site = { title: string; url: string };

const TITLE = '青川县工商联举办民营企业助学捐赠活动';
const SITE: Site = { title: TITLE, url: 'https://news.example.org/2024/0620/5678.html' };

/** An invented page in the genre's style: a title held at two organisations, an amount, a quote, an event. */
const page = (amount: string, site: Site = SITE): string => `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${site.title} - 青川工商联</title>
<link rel="canonical" href="${site.url}">
</head>
<body>
<h1>${site.title}</h1>
<div class="info">来源：青川县工商联　日期：2024-06-20</div>
<div class="content">
<p>6月20日，青川县工商联在县城第一中学举办“金秋助学”捐赠活动。</p>
<p>青川县工商联主席、青川华岳建材有限公司董事长莫思远向学校捐赠助学金${amount}。</p>
<p>莫思远在活动上表示：“企业发展离不开家乡，回报家乡是我们的本分。”</p>
</div>
</body>
</html>
`;

/** A report listing more amounts than any article's evidence should hold, in one long sentence. */
const LIST_TITLE = '青川县工商联通报年度招商引资项目';
const longListPage = (): string => {
  const amounts = Array.from({ length: 300 }, (_, index) => `${index + 1}万元`).join('、');
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${LIST_TITLE}</title>
<link rel="canonical" href="https://news.example.org/2024/0621/9999.html"></head><body>
<h1>${LIST_TITLE}</h1><div class="info">来源：青川县工商联　日期：2024-06-21</div>
<div class="content"><p>青川县工商联通报，今年签约的三百个项目投资额分别为${amounts}。</p></div>
</body></html>`;
};

type Spot = { sentence: string; start: number; end: number };
type StoredEvidence = {
  rulesVersion: string;
  positions: Array<Spot & { person: string; title: string; organisation: string | null }>;
  amounts: Array<Spot & { text: string; value: number; currency: string; approximate: boolean }>;
  quotes: Array<Spot & { speaker: string | null; speakerTitle: string | null; text: string }>;
  initiatives: Array<Spot & { name: string; kind: string }>;
  notes: string[];
};

let app: TestApp;
let adminToken: string;
let directory: string;
let articleId: string;

const importPage = async (html: string, options: { publish: boolean }) => {
  fs.writeFileSync(path.join(directory, 'page.html'), html);
  return runImport({ paths: [directory], dryRun: false, publish: options.publish, locale: 'zh-Hans', strapi: app.strapi });
};

/** The article's draft as the admin panel's edit view loads it. */
const editorView = async (documentId: string, locale = 'zh-Hans'): Promise<Record<string, unknown>> => {
  const response = await rest(app.strapi)
    .get(`/content-manager/collection-types/${ARTICLE}/${documentId}`)
    .query({ locale })
    .set('Authorization', `Bearer ${adminToken}`)
    .expect(200);
  return response.body.data as Record<string, unknown>;
};

const articleTitled = async (title: string): Promise<string> => {
  const [article] = await app.strapi.documents(ARTICLE).findMany({ locale: 'zh-Hans', filters: { title } });
  return article.documentId;
};

const evidenceOf = async (documentId: string): Promise<StoredEvidence> => (await editorView(documentId)).importEvidence as StoredEvidence;

/** Nothing of the evidence in a public body: neither the attribute nor its entries' keys. */
const expectNoEvidence = (body: unknown) => {
  const text = JSON.stringify(body);
  for (const key of ['importEvidence', 'rulesVersion', 'sentence']) expect(text).not.toContain(`"${key}"`);
};

beforeAll(async () => {
  ({ app, adminToken } = await startStrapiWithAdmin());
  directory = fs.mkdtempSync(path.join(os.tmpdir(), 'import-evidence-'));
  const report = await importPage(page('8.5万元'), { publish: true });
  expect(report.summary.failed).toBe(0);
  articleId = await articleTitled(TITLE);
});

afterAll(async () => {
  await app?.stop();
});

describe('an imported article keeps its evidence for editors', () => {
  test('the admin edit view shows each position, amount, quote and initiative with the sentence it was read in', async () => {
    const evidence = await evidenceOf(articleId);
    expect(evidence.rulesVersion).toMatch(/\S/);
    expect(evidence.positions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ person: '莫思远', title: '主席', organisation: '青川县工商联' }),
        expect.objectContaining({ person: '莫思远', title: '董事长', organisation: '青川华岳建材有限公司' }),
      ])
    );
    expect(evidence.amounts).toEqual([expect.objectContaining({ text: '8.5万元', value: 85000, currency: 'CNY' })]);
    expect(evidence.quotes).toEqual([expect.objectContaining({ speaker: '莫思远', text: '企业发展离不开家乡，回报家乡是我们的本分。' })]);
    expect(evidence.initiatives.length).toBeGreaterThan(0);
    for (const entry of [...evidence.positions, ...evidence.amounts]) {
      expect(entry.sentence).toBe('青川县工商联主席、青川华岳建材有限公司董事长莫思远向学校捐赠助学金8.5万元。');
    }
    expect(evidence.quotes[0].sentence).toBe('莫思远在活动上表示：“企业发展离不开家乡，回报家乡是我们的本分。”');
    expect(evidence.notes).toEqual([]);
  });

  test('the offsets point at the fact in the headline and paragraphs the article was imported with', async () => {
    const draft = await editorView(articleId);
    const paragraphs = asBlocks(draft.body).filter((node) => node.type === 'paragraph');
    const pageText = [String(draft.title), ...paragraphs.map((node) => blockText(node))].join('\n');
    const evidence = await evidenceOf(articleId);
    for (const position of evidence.positions) expect(pageText.slice(position.start, position.end)).toBe(position.person);
    for (const amount of evidence.amounts) expect(pageText.slice(amount.start, amount.end)).toBe(amount.text);
    for (const entry of [...evidence.quotes, ...evidence.initiatives]) {
      expect(entry.end).toBeGreaterThan(entry.start);
      expect(entry.sentence).toContain(pageText.slice(entry.start, Math.min(entry.end, entry.start + 4)));
    }
  });

  test('it belongs to the imported locale: a translation an editor adds has none', async () => {
    await app.strapi.documents(ARTICLE).update({ documentId: articleId, locale: 'en', data: { title: 'Qingchuan federation holds a school donation event' } });
    const translation = await editorView(articleId, 'en');
    expect(translation.title).toBe('Qingchuan federation holds a school donation event');
    expect(translation.importEvidence ?? null).toBeNull();
    expect((await evidenceOf(articleId)).amounts).toHaveLength(1);
  });
});

describe('the public APIs never show the evidence', () => {
  test('REST lists and single reads of the published article leave it out', async () => {
    const one = await rest(app.strapi).get(`/api/news-articles/${articleId}`).query({ populate: '*' }).expect(200);
    expect(one.body.data.title).toBe(TITLE);
    expectNoEvidence(one.body);
    const list = await rest(app.strapi).get('/api/news-articles').query({ filters: { title: { $eq: TITLE } } }).expect(200);
    expect(list.body.data).toHaveLength(1);
    expectNoEvidence(list.body);
  });

  test('REST refuses it in fields, filters and sort', async () => {
    for (const query of [{ fields: ['importEvidence'] }, { filters: { importEvidence: { $notNull: true } } }, { sort: 'importEvidence:asc' }]) {
      const response = await rest(app.strapi).get('/api/news-articles').query(query);
      expect({ query, status: response.status }).toEqual({ query, status: 400 });
      // The refusal names the key it refuses; it carries no data.
      expect(response.body.data).toBeNull();
      expect(JSON.stringify(response.body)).not.toMatch(/"rulesVersion"|"sentence"/);
    }
  });

  test('GraphQL has no such field, and a full read of the article carries none of it', async () => {
    const selected = await graphql(app.strapi, `{ newsArticles { title importEvidence } }`);
    expect(selected.status).toBe(400);
    expect(selected.body.errors?.[0].message).toMatch(/^Cannot query field "importEvidence" on type "NewsArticle"\./);
    const read = await graphql(
      app.strapi,
      `query($id: ID!) { newsArticle(documentId: $id) { title amounts { text value } quotes { text speakerTitle } mentionedPersons { name } body } }`,
      { id: articleId }
    );
    expect(read.body.errors).toBeUndefined();
    expect((read.body.data?.newsArticle as { title: string }).title).toBe(TITLE);
    expectNoEvidence(read.body);
  });
});

// The re-imports change what they import: each on a page of its own, so the article the tests above read keeps its 8.5万元.
describe('re-importing keeps evidence out of the editor-change check', () => {
  test('a changed page refreshes the evidence and updates the article without reporting an editor change', async () => {
    const site: Site = { title: '青川县工商联举办民营企业助学回访活动', url: 'https://news.example.org/2024/0622/5701.html' };
    expect((await importPage(page('8.5万元', site), { publish: true })).summary.records.articles.created).toBe(1);
    const documentId = await articleTitled(site.title);
    const report = await importPage(page('9万元', site), { publish: true });
    expect(report.summary.records.articles.updated).toBe(1);
    expect(report.documents[0].keptEditorChanges).toEqual([]);
    const evidence = await evidenceOf(documentId);
    expect(evidence.amounts.map((amount) => amount.text)).toEqual(['9万元']);
    expect(evidence.positions.every((position) => position.sentence.endsWith('捐赠助学金9万元。'))).toBe(true);
    const draft = await app.strapi.documents(ARTICLE).findOne({ documentId, locale: 'zh-Hans', populate: { amounts: true } });
    expect((draft?.amounts as Array<{ text: string }>).map((amount) => amount.text)).toEqual(['9万元']);
  });

  test('the same page again changes nothing, evidence included', async () => {
    const site: Site = { title: '青川县工商联举办民营企业助学座谈活动', url: 'https://news.example.org/2024/0623/5702.html' };
    expect((await importPage(page('9万元', site), { publish: true })).summary.records.articles.created).toBe(1);
    const documentId = await articleTitled(site.title);
    const before = await evidenceOf(documentId);
    const report = await importPage(page('9万元', site), { publish: true });
    expect(report.summary.records.articles).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    expect(await evidenceOf(documentId)).toEqual(before);
  });
});

describe('the evidence stays bounded', () => {
  test('a page with hundreds of amounts keeps the first 200 and notes how many were found; a run-on sentence is cut', async () => {
    const report = await importPage(longListPage(), { publish: false });
    expect(report.documents.map((doc) => doc.error ?? 'ok')).toEqual(['ok']);
    const [article] = await app.strapi.documents(ARTICLE).findMany({ locale: 'zh-Hans', filters: { title: LIST_TITLE } });
    const evidence = await evidenceOf(article.documentId);
    expect(evidence.amounts).toHaveLength(200);
    expect(evidence.amounts[0]).toMatchObject({ text: '1万元', value: 10000 });
    expect(evidence.amounts[199]).toMatchObject({ text: '200万元', value: 2000000 });
    expect(evidence.notes).toEqual(['amounts: kept the first 200 of 300']);
    for (const amount of evidence.amounts) {
      expect(amount.sentence.startsWith('青川县工商联通报，今年签约的三百个项目投资额分别为1万元、')).toBe(true);
      expect(amount.sentence.endsWith('…')).toBe(true);
      expect([...amount.sentence].length).toBeLessThanOrEqual(201);
    }
  });
});
