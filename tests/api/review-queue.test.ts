import fs from 'fs';
import os from 'os';
import path from 'path';
import { adminLogin, startStrapiWithAdmin, type TestApp } from '../helpers/strapi';
import { ARTICLE, ORGANISATION, PERSON } from '../helpers/seed';
import { rest } from '../helpers/http';
import { runImport } from '../helpers/importer';
import { namesakePages, page, undatedVisits, unplacedPage } from '../helpers/review-pages';

type Part = { text: string; highlighted: boolean };
type Ref = { uid: string; documentId: string; locale: string | null; label: string };
type Item = {
  id: string;
  kind: string;
  reason: string;
  record: Ref;
  article: Ref | null;
  evidence: { sentence: string; highlights: string[]; parts: Part[] } | null;
  carriers: Array<{ uid: string; documentId: string }>;
};
type Report = Awaited<ReturnType<typeof runImport>>;

let app: TestApp;
let adminToken: string;

/** Imports the pages (file name → page) as drafts, from a directory of their own. */
const importPages = async (pages: Record<string, string>, directory = fs.mkdtempSync(path.join(os.tmpdir(), 'review-queue-'))): Promise<{ report: Report; directory: string }> => {
  for (const [name, text] of Object.entries(pages)) fs.writeFileSync(path.join(directory, name), text);
  const report = await runImport({ paths: [directory], dryRun: false, publish: false, locale: 'zh-Hans', strapi: app.strapi });
  expect(report.summary.failed).toBe(0);
  return { report, directory };
};

const articleIdOf = (report: Report, file: string): string => {
  const doc = report.documents.find((candidate) => candidate.file.endsWith(file));
  const article = doc?.records?.find((record) => record.type === 'articles');
  if (article === undefined) throw new Error(`no article was written for ${file}`);
  return article.documentId;
};

type Pagination = { page: number; pageSize: number; pageCount: number; total: number };

/** One page of the queue as the admin panel asks for it. */
const queuePage = async (query: Record<string, string | number>, token = adminToken): Promise<{ data: Item[]; pagination: Pagination }> => {
  const response = await rest(app.strapi).get('/review-queue/items').query(query).set('Authorization', `Bearer ${token}`).expect(200);
  return { data: response.body.data as Item[], pagination: (response.body.meta as { pagination: Pagination }).pagination };
};

/** Every open item, read a page at a time. */
const queue = async (token = adminToken): Promise<Item[]> => {
  const items: Item[] = [];
  for (let page = 1; ; page += 1) {
    const answer = await queuePage({ page, pageSize: 100 }, token);
    items.push(...answer.data);
    if (page >= answer.pagination.pageCount) return items;
  }
};

/** The open items an article's page brought in: on the article, or on a record it is about. */
const itemsOf = async (articleId: string): Promise<Item[]> =>
  (await queue()).filter((item) => item.record.documentId === articleId || item.article?.documentId === articleId);

const highlighted = (item: Item): string[] => (item.evidence?.parts ?? []).filter((part) => part.highlighted).map((part) => part.text);

/** Follows an item's link as the admin panel does: the content manager's edit view of the record. */
const openRecord = async (record: Ref): Promise<Record<string, unknown>> => {
  const response = await rest(app.strapi)
    .get(`/content-manager/collection-types/${record.uid}/${record.documentId}`)
    .query(record.locale === null ? {} : { locale: record.locale })
    .set('Authorization', `Bearer ${adminToken}`)
    .expect(200);
  return response.body.data as Record<string, unknown>;
};

const resolveItem = (item: Item, token = adminToken) => rest(app.strapi).post(`/review-queue/items/${item.id}/resolve`).set('Authorization', `Bearer ${token}`).send({});

const flagOf = async (uid: string, documentId: string): Promise<boolean> => {
  const row = (await app.strapi.db.query(uid as typeof ARTICLE).findOne({ where: { documentId, publishedAt: null }, select: ['needsReview'] })) as { needsReview: boolean } | null;
  return row?.needsReview === true;
};

beforeAll(async () => {
  ({ app, adminToken } = await startStrapiWithAdmin());
});

afterAll(async () => {
  await app?.stop();
});

describe('the review queue lists what the importer was unsure of', () => {
  test('a page without a date is flagged 需要核对 and listed on its article, with the page opening as evidence and a link to the article', async () => {
    const { report } = await importPages({
      'undated.html': page({ title: '青禾市茶叶协会举办春茶品鉴会', url: 'https://news.example.org/undated/1.html', source: '青禾市茶叶协会', date: null, paragraphs: ['青禾市茶叶协会近日举办春茶品鉴会，五十余家会员企业参加。'] }),
    });
    const articleId = articleIdOf(report, 'undated.html');
    expect(await flagOf(ARTICLE, articleId)).toBe(true);
    const items = await itemsOf(articleId);
    expect(items.map((item) => item.kind)).toEqual(['missing-date']);
    const [item] = items;
    expect(item.record).toEqual({ uid: ARTICLE, documentId: articleId, locale: 'zh-Hans', label: '青禾市茶叶协会举办春茶品鉴会' });
    expect(item.evidence?.sentence).toContain('青禾市茶叶协会举办春茶品鉴会');
    expect((await openRecord(item.record)).title).toBe('青禾市茶叶协会举办春茶品鉴会');
  });

  test('a namesake is listed once, on the person to fix, with the sentence from the page and the name, titles and organisations highlighted', async () => {
    const { report } = await importPages(namesakePages('namesake', '孙明远', '2025-03-02'));
    const articleId = articleIdOf(report, 'namesake-2.html');
    const items = await itemsOf(articleId);
    expect(items.map((item) => item.kind)).toEqual(['namesake']);
    const [item] = items;
    expect(item.record.uid).toBe(PERSON);
    expect(item.record.label).toContain('石桥县工商联');
    expect(item.article).toMatchObject({ uid: ARTICLE, documentId: articleId });
    expect(item.carriers).toEqual(expect.arrayContaining([{ uid: ARTICLE, documentId: articleId }, { uid: PERSON, documentId: item.record.documentId }]));
    expect(item.evidence?.sentence).toBe('石桥县工商联副主席、石桥恒达纺织有限公司总经理孙明远陪同调研。');
    expect(highlighted(item)).toEqual(['石桥县工商联副主席', '石桥恒达纺织有限公司总经理孙明远']);
    expect(item.evidence?.parts.map((part) => part.text).join('')).toBe(item.evidence?.sentence);
    const person = await openRecord(item.record);
    expect(person.name).toBe('孙明远');
    expect(person.needsReview).toBe(true);
  });

  test('a title the importer could not tie to an organisation is listed on the person, with the name and title highlighted', async () => {
    const { report } = await importPages({
      'unplaced.html': unplacedPage('周启航'),
    });
    const articleId = articleIdOf(report, 'unplaced.html');
    const items = await itemsOf(articleId);
    expect(items.map((item) => item.kind)).toEqual(['unplaced-title']);
    const [item] = items;
    expect(item.record).toMatchObject({ uid: PERSON, label: '周启航' });
    expect(item.evidence?.sentence).toBe('会长周启航出席活动并致辞，参观了生产车间。');
    expect(highlighted(item)).toEqual(['会长周启航']);
    expect((await openRecord(item.record)).name).toBe('周启航');
  });

  test('a page cut off mid-sentence is listed on its article with its last words highlighted', async () => {
    const { report } = await importPages({
      'cut.txt': '青禾市餐饮行业协会举办食品安全培训\n2025-03-04\n青禾市餐饮行业协会近日举办食品安全培训，六十家会员企业参加，并表示将继续组织会员企业开展\n',
    });
    const articleId = articleIdOf(report, 'cut.txt');
    const items = await itemsOf(articleId);
    expect(items.map((item) => item.kind)).toEqual(['truncated']);
    expect(items[0].evidence?.sentence).toBe('青禾市餐饮行业协会近日举办食品安全培训，六十家会员企业参加，并表示将继续组织会员企业开展');
    expect(highlighted(items[0])).toEqual(['，并表示将继续组织会员企业开展']);
  });
});

describe('a queue of many items', () => {
  test('comes a page at a time: the pages list every open item once, in the order of the whole queue, each with its evidence', async () => {
    await importPages(undatedVisits('visits', 7));
    const whole = await queuePage({ pageSize: 100 });
    expect(whole.pagination.total).toBe(whole.data.length);
    expect(whole.data.length).toBeGreaterThanOrEqual(7);
    const first = await queuePage({ page: 1, pageSize: 3 });
    expect(first.pagination).toEqual({ page: 1, pageSize: 3, pageCount: Math.ceil(whole.data.length / 3), total: whole.data.length });
    const paged: Item[] = [...first.data];
    for (let number = 2; number <= first.pagination.pageCount; number += 1) {
      const next = await queuePage({ page: number, pageSize: 3 });
      expect(next.data.length).toBe(Math.min(3, whole.data.length - (number - 1) * 3));
      paged.push(...next.data);
    }
    expect(paged).toEqual(whole.data);
    const undated = paged.filter((item) => item.record.label.startsWith('青禾市茶叶协会走访'));
    expect(undated).toHaveLength(7);
    for (const item of undated) expect(item.evidence?.sentence).toContain(item.record.label);
    // A page past the last is empty, not an error: the admin then shows the last page.
    const past = await queuePage({ page: first.pagination.pageCount + 1, pageSize: 3 });
    expect(past.data).toEqual([]);
    expect(past.pagination.total).toBe(whole.data.length);
  });

  test('the page and its size must be whole numbers in range; anything else is refused', async () => {
    const answer = await queuePage({});
    expect(answer.pagination.page).toBe(1);
    expect(answer.pagination.pageSize).toBe(20);
    for (const query of [{ page: 0 }, { page: -1 }, { page: 'two' }, { pageSize: 101 }, { pageSize: 0 }, { pageSize: '1.5' }]) {
      const response = await rest(app.strapi).get('/review-queue/items').query(query).set('Authorization', `Bearer ${adminToken}`);
      expect(response.status).toBe(400);
      expect(response.body.data).toBeNull();
    }
  });
});

describe('resolving items', () => {
  test('resolving an item clears it, and the record is no longer flagged once nothing else is open on it', async () => {
    const { report } = await importPages(namesakePages('resolve', '钱思齐', null));
    const articleId = articleIdOf(report, 'resolve-2.html');
    const items = await itemsOf(articleId);
    expect(items.map((item) => item.kind).sort()).toEqual(['missing-date', 'namesake']);
    const namesake = items.find((item) => item.kind === 'namesake') as Item;
    const response = await resolveItem(namesake).expect(200);
    expect(response.body.data.id).toBe(namesake.id);
    expect((await itemsOf(articleId)).map((item) => item.kind)).toEqual(['missing-date']);
    expect(await flagOf(PERSON, namesake.record.documentId)).toBe(false);
    // The article still has its missing date open.
    expect(await flagOf(ARTICLE, articleId)).toBe(true);
    const missingDate = (await itemsOf(articleId))[0];
    await resolveItem(missingDate).expect(200);
    expect(await itemsOf(articleId)).toEqual([]);
    expect(await flagOf(ARTICLE, articleId)).toBe(false);
    await resolveItem(missingDate).expect(404);
  });

  test('unticking 需要核对 on the record in the content manager clears its items', async () => {
    const { report } = await importPages(namesakePages('untick', '吴承志', '2025-03-02'));
    const articleId = articleIdOf(report, 'untick-2.html');
    const [item] = await itemsOf(articleId);
    expect(item.kind).toBe('namesake');
    await rest(app.strapi)
      .put(`/content-manager/collection-types/${PERSON}/${item.record.documentId}`)
      .set('Authorization', `Bearer ${adminToken}`)
      .send({ needsReview: false })
      .expect(200);
    expect(await itemsOf(articleId)).toEqual([]);
  });

  test('an item cleared by unticking 需要核对 stays cleared when a changed page is imported again', async () => {
    const pages = namesakePages('untick-again', '何以安', null);
    delete pages['untick-again-1.html'];
    const { report, directory } = await importPages(pages);
    const articleId = articleIdOf(report, 'untick-again-2.html');
    expect((await itemsOf(articleId)).map((item) => item.kind)).toEqual(['missing-date']);
    await rest(app.strapi)
      .put(`/content-manager/collection-types/${ARTICLE}/${articleId}`)
      .query({ locale: 'zh-Hans' })
      .set('Authorization', `Bearer ${adminToken}`)
      .send({ needsReview: false })
      .expect(200);
    expect(await itemsOf(articleId)).toEqual([]);
    const changed = pages['untick-again-2.html'].replace('陪同调研。</p>', '陪同调研。</p><p>调研组还召开了座谈会。</p>');
    const again = await importPages({ 'untick-again-2.html': changed }, directory);
    expect(again.report.summary.records.articles.updated).toBe(1);
    expect(await itemsOf(articleId)).toEqual([]);
    expect(await flagOf(ARTICLE, articleId)).toBe(false);
  });

  test('importing a changed page again neither brings back a resolved item nor lists one twice', async () => {
    const pages = namesakePages('again', '郑怀瑾', null);
    const { report, directory } = await importPages(pages);
    const articleId = articleIdOf(report, 'again-2.html');
    for (const item of await itemsOf(articleId)) await resolveItem(item).expect(200);
    expect(await itemsOf(articleId)).toEqual([]);
    const changed = pages['again-2.html'].replace('陪同调研。</p>', '陪同调研。</p><p>调研组还召开了座谈会。</p>');
    const again = await importPages({ 'again-2.html': changed }, directory);
    expect(again.report.summary.records.articles.updated).toBe(1);
    expect(articleIdOf(again.report, 'again-2.html')).toBe(articleId);
    expect(await itemsOf(articleId)).toEqual([]);
    await importPages({ 'again-2.html': changed }, directory);
    expect(await itemsOf(articleId)).toEqual([]);
  });

  test('the queue answers only administrators, and only those who may read content', async () => {
    await rest(app.strapi).get('/review-queue/items').expect(401);
    await rest(app.strapi).post('/review-queue/items/anything/resolve').send({}).expect(401);
    const role = await app.strapi.service('admin::role').create({ name: 'No content', description: 'reads nothing' });
    const email = 'no-content@example.org';
    const password = 'No-Content-2026';
    await app.strapi.service('admin::user').create({ email, firstname: 'No', lastname: 'Content', password, roles: [role.id], isActive: true });
    const login = await rest(app.strapi).post('/admin/login').send({ email, password }).expect(200);
    const token = (login.body.data.token ?? login.body.data.accessToken) as string;
    await rest(app.strapi).get('/review-queue/items').set('Authorization', `Bearer ${token}`).expect(403);
    expect(typeof (await adminLogin(app.strapi))).toBe('string');
  });
});

describe('what imported records say of their sources', () => {
  test('each imported position cites the article it was read in, and the article source links its publisher', async () => {
    const { report } = await importPages(namesakePages('sources', '冯子墨', '2025-03-02'));
    const articleId = articleIdOf(report, 'sources-1.html');
    const persons = (await app.strapi.db.query(PERSON).findMany({
      where: { name: '冯子墨', publishedAt: null, mentionedInArticles: { documentId: articleId } },
      populate: { positions: { populate: { evidence: { select: ['documentId', 'locale'] }, organisation: { select: ['name'] } } } },
    })) as Array<{ positions: Array<{ title: string; organisation: { name: string } | null; evidence: { documentId: string; locale: string } | null }> }>;
    expect(persons).toHaveLength(1);
    expect(persons[0].positions.map((position) => [position.title, position.organisation?.name, position.evidence])).toEqual([
      ['副会长', '梅岭市陶瓷行业协会', { documentId: articleId, locale: 'zh-Hans' }],
      ['董事长', '梅岭窑火陶瓷有限公司', { documentId: articleId, locale: 'zh-Hans' }],
    ]);
    const article = await openRecord({ uid: ARTICLE, documentId: articleId, locale: 'zh-Hans', label: '' });
    const source = article.source as { publisherName: string; publisher: { count?: number } | null };
    expect(source.publisherName).toBe('青禾日报');
    const stored = (await app.strapi.db.query(ARTICLE).findOne({ where: { documentId: articleId, publishedAt: null }, populate: { source: { populate: { publisher: { select: ['name', 'kind'] } } } } })) as {
      source: { publisher: { name: string; kind: string } | null };
    };
    expect(stored.source.publisher).toEqual(expect.objectContaining({ name: '青禾日报', kind: 'media' }));
  });

  test('namesakes are told apart in the person list by their organisation and title', async () => {
    await importPages(namesakePages('labels', '陈嘉树', '2025-03-02'));
    const response = await rest(app.strapi)
      .get(`/content-manager/collection-types/${PERSON}`)
      .query({ filters: { name: { $eq: '陈嘉树' } }, pageSize: 100 })
      .set('Authorization', `Bearer ${adminToken}`)
      .expect(200);
    const labels = new Set((response.body.results as Array<{ listLabel: string }>).map((person) => person.listLabel));
    expect(labels).toEqual(new Set(['陈嘉树 · 杏坛市餐饮商会 副会长 · 杏坛味道餐饮管理有限公司 董事长', '陈嘉树 · 榆关县工商联 副主席 · 榆关北辰机械有限公司 总经理']));
    const organisation = await app.strapi.documents(ORGANISATION).findFirst({ filters: { name: '榆关县工商联' } });
    expect(organisation).not.toBeNull();
  });
});

describe('labels after a rename', () => {
  test('renaming an organisation in the admin relabels the persons who hold a position there', async () => {
    await importPages({
      'rename-1.html': page({
        title: '蓝田县陶艺协会举办青年陶艺展',
        url: 'https://news.example.org/rename/1.html',
        source: '青禾日报',
        date: '2025-04-01',
        paragraphs: ['蓝田县陶艺协会在县文化馆举办青年陶艺展，展出作品八十件。', '蓝田县陶艺协会会长、蓝田青瓷有限公司董事长顾清和主持开幕式。'],
      }),
    });
    const organisation = await app.strapi.documents(ORGANISATION).findFirst({ filters: { name: '蓝田县陶艺协会' } });
    expect(organisation).not.toBeNull();
    const labelOf = async () => {
      const response = await rest(app.strapi)
        .get(`/content-manager/collection-types/${PERSON}`)
        .query({ filters: { name: { $eq: '顾清和' } } })
        .set('Authorization', `Bearer ${adminToken}`)
        .expect(200);
      return (response.body.results as Array<{ listLabel: string }>).map((person) => person.listLabel);
    };
    expect(await labelOf()).toEqual(['顾清和 · 蓝田县陶艺协会 会长 · 蓝田青瓷有限公司 董事长']);
    await rest(app.strapi)
      .put(`/content-manager/collection-types/${ORGANISATION}/${organisation?.documentId}`)
      .set('Authorization', `Bearer ${adminToken}`)
      .send({ name: '蓝田县陶瓷艺术协会' })
      .expect(200);
    expect(await labelOf()).toEqual(['顾清和 · 蓝田县陶瓷艺术协会 会长 · 蓝田青瓷有限公司 董事长']);
  });
});
