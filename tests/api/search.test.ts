import { startStrapi, type TestApp } from '../helpers/strapi';
import { ARTICLE, ORGANISATION, PERSON } from '../helpers/seed';
import { graphql, rest } from '../helpers/http';
import { closeStrapi } from '../../src/database/close';

/**
 * Search quality and the index's life: a fixed set of queries with known answers over invented
 * content, on whichever database the suite runs (SQLite FTS5 or PostgreSQL full-text).
 */

let app: TestApp;

type Hit = { type: string; documentId: string; slug: string | null; title: string; snippet: string; score: number; date: string | null };
type Answer = { status: number; body: { data: Hit[]; meta: { pagination: { page: number; pageSize: number; pageCount: number; total: number } }; error?: { message: string } } };

const search = async (query: Record<string, string | number>): Promise<Answer> => {
  const response = await rest(app.strapi).get('/api/search').query(query);
  return { status: response.status, body: response.body };
};

const ids = (answer: Answer): string[] => answer.body.data.map((hit) => hit.documentId);

const known = {
  federation: '',
  countyFederation: '',
  association: '',
  person: '',
  namesake: '',
  meeting: '',
  unrelated: '',
  donation: '',
  chamber: '',
  draft: '',
  english: '',
};

const paragraph = (text: string) => ({ type: 'paragraph', children: [{ type: 'text', text }] });

const publishedArticle = async (data: Record<string, unknown>, locale = 'zh-Hans'): Promise<string> => {
  const created = await app.strapi.documents(ARTICLE).create({ locale, data: data as never, status: 'published' });
  return created.documentId;
};

beforeAll(async () => {
  app = await startStrapi();
  const docs = app.strapi.documents;
  known.federation = (await docs(ORGANISATION).create({ data: { name: '云岭市工商业联合会', kind: 'federation_of_industry_and_commerce', aliases: ['云商联'] }, status: 'published' })).documentId;
  known.countyFederation = (await docs(ORGANISATION).create({ data: { name: '石溪县工商业联合会', kind: 'federation_of_industry_and_commerce' }, status: 'published' })).documentId;
  known.association = (await docs(ORGANISATION).create({ data: { name: '南湾区女企业家协会', kind: 'association' }, status: 'published' })).documentId;
  known.person = (await docs(PERSON).create({
    data: { name: '韩立峰', nameEn: 'Han Lifeng', positions: [{ title: '会长', organisation: known.federation }] },
    status: 'published',
  })).documentId;
  known.meeting = await publishedArticle({
    title: '云岭市工商联召开执委会议',
    summary: '会议由商会秘书处组织。',
    publicationDate: '2024-05-10',
    body: [{ type: 'paragraph', children: [{ type: 'text', text: '会长' }, { type: 'text', text: '韩立峰', bold: true }, { type: 'text', text: '出席会议并讲话，强调要做好会员服务。' }] }],
    mentionedOrganisations: [known.federation],
    mentionedPersons: [known.person],
  });
  // Holds 韩立 and 立峰, two of the name's three characters each, in other names.
  known.namesake = await publishedArticle({
    title: '南湾区女企业家协会开展植树活动',
    summary: '会员踊跃参加。',
    publicationDate: '2023-03-12',
    body: [paragraph('王韩立新与李立峰等三十余名会员参加了植树。韩立新说，活动很有意义。')],
    mentionedOrganisations: [known.association],
  });
  known.donation = await publishedArticle({
    title: '企业家走访敬老院',
    summary: '一行人看望了老人。',
    publicationDate: '2022-01-20',
    body: [paragraph('走访中，企业家们向敬老院捐赠了米面油等物资，价值3万元。'), { type: 'paragraph', children: [{ type: 'text', text: '走访现场 <script>alert(1)</script>', italic: true }], sourceUrl: 'https://news.example.org/a.jpg' }],
  });
  known.chamber = await publishedArticle({
    title: '青岚商会换届',
    summary: '选举产生新一届理事会。',
    publicationDate: '2021-09-01',
    body: [paragraph('青岚商会第三次会员大会顺利召开。')],
  });
  known.draft = (await docs(ARTICLE).create({ locale: 'zh-Hans', data: { title: '草稿：捐赠计划尚未公布', publicationDate: '2024-01-01' } })).documentId;
  known.english = await publishedArticle({ title: 'Chamber holds donation ceremony', summary: 'Members donated supplies.', publicationDate: '2024-02-02' }, 'en');
  for (let index = 1; index <= 12; index += 1) {
    await publishedArticle({ title: `园林绿化简讯第${index}期`, publicationDate: `2020-06-${String(index).padStart(2, '0')}`, body: [paragraph('园林工作稳步推进。')] });
  }
});

afterAll(async () => {
  await app?.stop();
});

describe('search quality: queries with known answers', () => {
  test('a three-character person name finds the person first and never text that only shares two of its characters', async () => {
    const answer = await search({ q: '韩立峰' });
    expect(answer.status).toBe(200);
    expect(answer.body.data[0]).toMatchObject({ type: 'person', documentId: known.person, title: '韩立峰', slug: null, date: null });
    expect(ids(answer)).toContain(known.meeting);
    expect(ids(answer)).not.toContain(known.namesake);
  });

  test('a person is found by the English name', async () => {
    expect(ids(await search({ q: 'Han Lifeng' }))).toEqual([known.person]);
  });

  test('the short form 工商联 finds organisations whose name says 工商业联合会', async () => {
    const answer = await search({ q: '工商联', type: 'organisation' });
    expect(ids(answer).sort()).toEqual([known.federation, known.countyFederation].sort());
    expect(ids(await search({ q: '石溪县工商联' }))).toEqual([known.countyFederation]);
  });

  test('an organisation is found by its alias, ranked first', async () => {
    const answer = await search({ q: '云商联' });
    expect(answer.body.data[0]).toMatchObject({ type: 'organisation', documentId: known.federation, title: '云岭市工商业联合会' });
    expect(answer.body.data[0].snippet).toContain('<mark>云商联</mark>');
  });

  test('捐赠 is found in an article body, with the word marked in the snippet', async () => {
    const answer = await search({ q: '捐赠' });
    expect(ids(answer)).toContain(known.donation);
    const hit = answer.body.data.find((item) => item.documentId === known.donation) as Hit;
    expect(hit).toMatchObject({ type: 'article', title: '企业家走访敬老院', date: '2022-01-20' });
    expect(typeof hit.slug).toBe('string');
    expect(hit.snippet).toContain('敬老院<mark>捐赠</mark>了米面油');
  });

  test('a query in traditional characters finds simplified text', async () => {
    expect(ids(await search({ q: '捐贈' }))).toContain(known.donation);
    const chamber = await search({ q: '商會換屆' });
    expect(ids(chamber)).toEqual([known.chamber]);
    expect(chamber.body.data[0].snippet).toContain('<mark>商会</mark>');
  });

  test('a snippet is plain text: markup in the content is escaped, only the marks are HTML', async () => {
    const hit = (await search({ q: '走访现场' })).body.data.find((item) => item.documentId === known.donation) as Hit;
    expect(hit.snippet).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(hit.snippet.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
  });

  test('a draft is never returned', async () => {
    expect(ids(await search({ q: '草稿' }))).toEqual([]);
    expect(ids(await search({ q: '捐赠计划' }))).not.toContain(known.draft);
  });

  test('results are per locale: zh-Hans by default, English only when asked for', async () => {
    expect(ids(await search({ q: 'donation' }))).toEqual([]);
    expect(ids(await search({ q: 'donation', locale: 'en' }))).toEqual([known.english]);
  });
});

describe('search filters and pages', () => {
  test('type keeps only the asked types', async () => {
    const answer = await search({ q: '韩立峰', type: 'article' });
    expect(answer.body.data.map((hit) => hit.type)).toEqual(['article']);
    expect(ids(answer)).toEqual([known.meeting]);
  });

  test('a date range keeps the articles published within it', async () => {
    const answer = await search({ q: '会', from: '2023-01-01', to: '2023-12-31' });
    expect(ids(answer)).toEqual([known.namesake]);
  });

  test('the organisation filter keeps the articles that mention the organisation, its people and itself', async () => {
    expect(ids(await search({ q: '会', organisation: known.federation })).sort()).toEqual([known.federation, known.meeting].sort());
    expect(ids(await search({ q: '韩立峰', organisation: known.federation })).sort()).toEqual([known.meeting, known.person].sort());
    expect(ids(await search({ q: '韩立峰', organisation: known.association }))).toEqual([]);
    expect(ids(await search({ q: '植树', organisation: known.association }))).toEqual([known.namesake]);
  });

  test('pages follow each other without overlap and report the total', async () => {
    const first = await search({ q: '园林', pageSize: 5 });
    const third = await search({ q: '园林', pageSize: 5, page: 3 });
    expect(first.body.meta.pagination).toEqual({ page: 1, pageSize: 5, pageCount: 3, total: 12 });
    expect(ids(first)).toHaveLength(5);
    expect(ids(third)).toHaveLength(2);
    expect(ids(third).some((id) => ids(first).includes(id))).toBe(false);
    const past = await search({ q: '园林', pageSize: 5, page: 9 });
    expect(past.body.data).toEqual([]);
    expect(past.body.meta.pagination.total).toBe(12);
  });

  test('the page size defaults to 10 and is capped at 100', async () => {
    expect((await search({ q: '园林' })).body.meta.pagination.pageSize).toBe(10);
    expect((await search({ q: '园林', pageSize: 5000 })).body.meta.pagination.pageSize).toBe(100);
  });

  test.each([
    [{}, 'q is required'],
    [{ q: '   ' }, 'q is required'],
    [{ q: '商'.repeat(101) }, 'at most 100'],
    [{ q: '！？' }, 'no letter'],
    [{ q: '商会', type: 'initiative' }, 'type must be'],
    [{ q: '商会', from: '2024-02-30' }, 'YYYY-MM-DD'],
    [{ q: '商会', locale: 'fr' }, 'locale must be'],
    [{ q: '商会', page: 0 }, 'page'],
    [{ q: '商会', organisation: 'x y' }, 'organisation'],
    [{ q: '商会', sort: 'title' }, 'Invalid query parameter sort'],
  ])('a bad request %j is answered with 400', async (query, message) => {
    const answer = await search(query as Record<string, string>);
    expect(answer.status).toBe(400);
    expect(answer.body.error?.message).toContain(message);
  });
});

describe('the index follows every change', () => {
  test('publishing adds, updating re-indexes, unpublishing and deleting remove', async () => {
    const docs = app.strapi.documents(ARTICLE);
    const { documentId } = await docs.create({ locale: 'zh-Hans', data: { title: '金塘镇举办荔枝节' } });
    expect(ids(await search({ q: '荔枝节' }))).toEqual([]);

    await docs.publish({ documentId, locale: 'zh-Hans' });
    expect(ids(await search({ q: '荔枝节' }))).toEqual([documentId]);

    await docs.update({ documentId, locale: 'zh-Hans', data: { title: '金塘镇举办龙眼节' }, status: 'published' });
    expect(ids(await search({ q: '荔枝节' }))).toEqual([]);
    expect(ids(await search({ q: '龙眼节' }))).toEqual([documentId]);

    await docs.unpublish({ documentId, locale: 'zh-Hans' });
    expect(ids(await search({ q: '龙眼节' }))).toEqual([]);

    await docs.publish({ documentId, locale: 'zh-Hans' });
    expect(ids(await search({ q: '龙眼节' }))).toEqual([documentId]);
    await docs.delete({ documentId, locale: '*' });
    expect(ids(await search({ q: '龙眼节' }))).toEqual([]);
  });

  test('saving a draft of a published article leaves what search finds until it is published', async () => {
    const docs = app.strapi.documents(ARTICLE);
    await docs.update({ documentId: known.chamber, locale: 'zh-Hans', data: { title: '青岚商会草拟新标题' } });
    expect(ids(await search({ q: '换届' }))).toEqual([known.chamber]);
    expect(ids(await search({ q: '草拟' }))).toEqual([]);
    await docs.discardDraft({ documentId: known.chamber, locale: 'zh-Hans' });
  });

  test('an organisation renamed and published is found by its new name', async () => {
    const docs = app.strapi.documents(ORGANISATION);
    const { documentId } = await docs.create({ data: { name: '丰源市物流协会', kind: 'association' }, status: 'published' });
    expect(ids(await search({ q: '物流协会' }))).toEqual([documentId]);
    await docs.update({ documentId, data: { name: '丰源市现代物流商会' }, status: 'published' });
    expect(ids(await search({ q: '物流协会' }))).toEqual([]);
    expect(ids(await search({ q: '现代物流' }))).toEqual([documentId]);
  });

  test('an empty index over published content is built again when the server starts', async () => {
    const before = await search({ q: '捐赠' });
    await app.strapi.db.connection('newsroom_search_entries').delete();
    if (app.database.client === 'sqlite') await app.strapi.db.connection.raw('DELETE FROM newsroom_search_fts');
    // A page size of its own: the response cache has not seen this request.
    expect(ids(await search({ q: '捐赠', pageSize: 9 }))).toEqual([]);
    await closeStrapi(app.strapi);
    app = await startStrapi(app.database);
    const after = await search({ q: '捐赠' });
    expect(after.body.data.length).toBeGreaterThan(0);
    expect(ids(after)).toEqual(ids(before));
  });
});

describe('search over GraphQL', () => {
  const QUERY = `query ($q: String!, $types: [SearchType!], $pagination: PaginationArg) {
    search(q: $q, types: $types, pagination: $pagination) {
      hits { type documentId slug title snippet score date }
      pageInfo { total page pageSize pageCount }
    }
  }`;

  test('answers what REST answers', async () => {
    const viaRest = await search({ q: '捐赠', pageSize: 5 });
    const viaGraphQL = await graphql(app.strapi, QUERY, { q: '捐赠', pagination: { page: 1, pageSize: 5 } });
    expect(viaGraphQL.status).toBe(200);
    const result = (viaGraphQL.body.data as { search: { hits: Hit[]; pageInfo: unknown } }).search;
    expect(result.hits).toEqual(viaRest.body.data);
    expect(result.pageInfo).toEqual(viaRest.body.meta.pagination);
  });

  test('filters by type and refuses an empty query', async () => {
    const typed = await graphql(app.strapi, QUERY, { q: '韩立峰', types: ['person'] });
    expect((typed.body.data as { search: { hits: Hit[] } }).search.hits.map((hit) => hit.documentId)).toEqual([known.person]);
    const empty = await graphql(app.strapi, QUERY, { q: '' });
    expect(empty.body.errors?.[0].message).toContain('q is required');
  });

  test('is held to the public query limits: a page past the largest is capped, aliases beyond the limit are refused', async () => {
    const capped = await graphql(app.strapi, QUERY, { q: '园林', pagination: { pageSize: 1000 } });
    expect((capped.body.data as { search: { pageInfo: { pageSize: number } } }).search.pageInfo.pageSize).toBe(100);
    const aliases = Array.from({ length: 16 }, (_, index) => `a${index}: search(q: "园林") { pageInfo { total } }`).join(' ');
    const refused = await graphql(app.strapi, `{ ${aliases} }`);
    expect(refused.status).toBe(400);
  });
});
