import { startStrapi, type TestApp } from '../helpers/strapi';
import { seedNewsroom, type Seeded } from '../helpers/seed';
import { rest } from '../helpers/http';
import { blocksText } from '../../src/body/blocks';

let app: TestApp;
let seeded: Seeded;

beforeAll(async () => {
  app = await startStrapi();
  seeded = await seedNewsroom(app.strapi);
});

afterAll(async () => {
  await app?.stop();
});

describe('REST reads for frontends', () => {
  test('the article list carries the source organisation, people with positions, initiatives, quotes and amounts without a client populate', async () => {
    const response = await rest(app.strapi).get('/api/news-articles').expect(200);
    expect(response.body.data).toHaveLength(1);
    const [article] = response.body.data;
    expect(article.title).toBe('海川市青年企业家商会举行助学捐赠仪式');
    expect(article.publicationDate).toBe('2021-03-15');
    expect(article.source.publisher.name).toBe('海川市青年企业家商会');
    expect(article.mentionedOrganisations.map((o: { name: string }) => o.name).sort()).toEqual(['海川市青年企业家商会', '海川远航科技有限公司'].sort());
    expect(article.mentionedPersons[0].positions.map((p: { title: string; organisation: { name: string } }) => [p.title, p.organisation.name])).toEqual([
      ['常务副会长', '海川市青年企业家商会'],
      ['董事长', '海川远航科技有限公司'],
    ]);
    expect(article.mentionedInitiatives[0].name).toBe('青商助学行动');
    expect(article.quotes[0].speaker.name).toBe('林若溪');
    expect(article.amounts[0]).toMatchObject({ value: 510000, currency: 'CNY', approximate: true, text: '51万余元' });
    expect(article.body).toBeUndefined();
  });

  test('article detail adds the body as rich text blocks, paragraph, heading and caption in reading order, and the SEO component', async () => {
    const response = await rest(app.strapi).get(`/api/news-articles/${seeded.article}`).expect(200);
    const { body, seo } = response.body.data;
    expect(body).toEqual([
      { type: 'paragraph', children: [{ type: 'text', text: '商会会员踊跃捐款。' }] },
      { type: 'heading', level: 2, children: [{ type: 'text', text: '捐赠仪式' }] },
      { type: 'paragraph', children: [{ type: 'text', text: '捐赠仪式现场', italic: true }] },
    ]);
    expect(seo.metaTitle).toBe('助学捐赠');
  });

  test('an article is found by its pinyin slug, with the detail populate', async () => {
    expect(seeded.articleSlug).toMatch(/^hai-chuan-shi-qing-nian-qi-ye-jia-shang-hui/);
    const response = await rest(app.strapi).get('/api/news-articles').query({ filters: { slug: { $eq: seeded.articleSlug } } }).expect(200);
    expect(response.body.data.map((a: { documentId: string }) => a.documentId)).toEqual([seeded.article]);
    expect(blocksText(response.body.data[0].body)).toEqual(['商会会员踊跃捐款。', '捐赠仪式', '捐赠仪式现场']);
    expect(response.body.data[0].seo.metaTitle).toBe('助学捐赠');
  });

  test('a list filtered on something other than the slug keeps the list populate', async () => {
    const response = await rest(app.strapi).get('/api/news-articles').query({ filters: { title: { $contains: '助学' } } }).expect(200);
    expect(response.body.data.length).toBeGreaterThan(0);
    expect(response.body.data[0].body).toBeUndefined();
  });

  test('a client populate replaces the default one', async () => {
    const response = await rest(app.strapi).get('/api/news-articles').query({ populate: ['cover'] }).expect(200);
    expect(response.body.data[0].mentionedPersons).toBeUndefined();
    expect(response.body.data[0]).toHaveProperty('cover');
  });

  test('organisation detail lists the people who hold positions in it and the initiatives it organised', async () => {
    const response = await rest(app.strapi).get(`/api/organisations/${seeded.organisation}`).expect(200);
    const organisation = response.body.data;
    expect(organisation.people.map((p: { name: string }) => p.name)).toEqual(['林若溪']);
    expect(organisation.organisedInitiatives.map((i: { name: string }) => i.name)).toEqual(['青商助学行动']);
    expect(organisation.aliases).toEqual(['青商会']);
  });

  test('organisations can be listed and filtered by kind', async () => {
    const response = await rest(app.strapi).get('/api/organisations').query({ filters: { kind: { $eq: 'company' } } }).expect(200);
    expect(response.body.data.map((o: { name: string }) => o.name)).toEqual(['海川远航科技有限公司']);
  });

  test('person detail has dated positions with organisations and the initiatives they took part in', async () => {
    const response = await rest(app.strapi).get(`/api/people/${seeded.person}`).expect(200);
    const person = response.body.data;
    expect(person.positions.map((p: { title: string }) => p.title)).toEqual(['常务副会长', '董事长']);
    expect(person.positions[0].organisation.name).toBe('海川市青年企业家商会');
    expect(person.positions[0]).toHaveProperty('startDate');
    expect(person.initiatives.map((i: { name: string }) => i.name)).toEqual(['青商助学行动']);
  });

  test('a person can be asked for the articles that mention and quote them', async () => {
    const response = await rest(app.strapi)
      .get(`/api/people/${seeded.person}`)
      .query({ populate: { mentionedInArticles: { fields: ['title'] }, quotedInArticles: { fields: ['title'] } } })
      .expect(200);
    expect(response.body.data.mentionedInArticles.map((a: { title: string }) => a.title)).toEqual(['海川市青年企业家商会举行助学捐赠仪式']);
    expect(response.body.data.quotedInArticles.map((a: { title: string }) => a.title)).toEqual(['海川市青年企业家商会举行助学捐赠仪式']);
  });

  test('initiative detail has organisers, people and amounts', async () => {
    const response = await rest(app.strapi).get(`/api/initiatives/${seeded.initiative}`).expect(200);
    const initiative = response.body.data;
    expect(initiative.kind).toBe('donation');
    expect(initiative.organisers.map((o: { name: string }) => o.name)).toEqual(['海川市青年企业家商会']);
    expect(initiative.people.map((p: { name: string }) => p.name)).toEqual(['林若溪']);
    expect(initiative.amounts[0]).toMatchObject({ value: 510000, currency: 'CNY', approximate: true });
  });

  test('the locale parameter selects the zh-Hans or en version', async () => {
    const zh = await rest(app.strapi).get('/api/news-articles').query({ locale: 'zh-Hans' }).expect(200);
    expect(zh.body.data).toHaveLength(1);
    const en = await rest(app.strapi).get('/api/news-articles').query({ locale: 'en' }).expect(200);
    expect(en.body.data).toHaveLength(0);
  });

  test('the default locale is zh-Hans', async () => {
    const response = await rest(app.strapi).get('/api/news-articles').expect(200);
    expect(response.body.data[0].locale).toBe('zh-Hans');
  });
});
