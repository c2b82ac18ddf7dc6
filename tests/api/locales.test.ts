import { startStrapi, type TestApp } from '../helpers/strapi';
import { ARTICLE, seedNewsroom, type Seeded } from '../helpers/seed';
import { graphql, rest } from '../helpers/http';

let app: TestApp;
let seeded: Seeded;

beforeAll(async () => {
  app = await startStrapi();
  seeded = await seedNewsroom(app.strapi);
  await app.strapi.documents(ARTICLE).update({
    documentId: seeded.article,
    locale: 'en',
    data: { title: 'Haichuan young entrepreneurs chamber holds a school-aid donation ceremony', summary: 'Members gave over 510,000 yuan.' },
  });
  await app.strapi.documents(ARTICLE).publish({ documentId: seeded.article, locale: 'en' });
});

afterAll(async () => {
  await app?.stop();
});

describe('locales', () => {
  test('zh-Hans is the default locale and en is available', async () => {
    const locales = app.strapi.plugin('i18n').service('locales');
    expect(await locales.getDefaultLocale()).toBe('zh-Hans');
    const codes = ((await locales.find()) as Array<{ code: string }>).map((locale) => locale.code).sort();
    expect(codes).toEqual(['en', 'zh-Hans']);
  });

  test('the en version of an article keeps its organisations, persons and initiatives over REST', async () => {
    const response = await rest(app.strapi).get(`/api/news-articles/${seeded.article}`).query({ locale: 'en' }).expect(200);
    const article = response.body.data;
    expect(article.locale).toBe('en');
    expect(article.title).toMatch(/^Haichuan young entrepreneurs/);
    expect(article.mentionedOrganisations.map((o: { documentId: string }) => o.documentId).sort()).toEqual([seeded.organisation, seeded.company].sort());
    expect(article.mentionedPersons.map((p: { documentId: string }) => p.documentId)).toEqual([seeded.person]);
    expect(article.mentionedInitiatives.map((i: { documentId: string }) => i.documentId)).toEqual([seeded.initiative]);
    expect(article.source.publisher.documentId).toBe(seeded.organisation);
    expect(article.publicationDate).toBe('2021-03-15');
  });

  test('the en version of an article keeps its links over GraphQL', async () => {
    const response = await graphql(
      app.strapi,
      `query($id: ID!) { newsArticle(documentId: $id, locale: "en") { locale title mentionedOrganisations { documentId } mentionedPersons { documentId positions { organisation { documentId } } } mentionedInitiatives { documentId } } }`,
      { id: seeded.article }
    );
    expect(response.body.errors).toBeUndefined();
    const article = response.body.data?.newsArticle as any;
    expect(article.locale).toBe('en');
    expect(article.mentionedOrganisations.map((o: any) => o.documentId).sort()).toEqual([seeded.organisation, seeded.company].sort());
    expect(article.mentionedPersons[0].documentId).toBe(seeded.person);
    expect(article.mentionedPersons[0].positions[0].organisation.documentId).toBe(seeded.organisation);
    expect(article.mentionedInitiatives.map((i: any) => i.documentId)).toEqual([seeded.initiative]);
  });

  test('each locale gets its own slug from its own title', async () => {
    const en = await rest(app.strapi).get('/api/news-articles').query({ locale: 'en', filters: { slug: { $startsWith: 'haichuan-young' } } }).expect(200);
    expect(en.body.data.map((a: { documentId: string }) => a.documentId)).toEqual([seeded.article]);
    expect(seeded.articleSlug).toMatch(/^hai-chuan/);
  });

  test('a link added in one locale reaches the other', async () => {
    const docs = app.strapi.documents;
    // An article of its own in both locales: the seeded one's links are what the tests above read.
    const article = await docs(ARTICLE).create({ locale: 'zh-Hans', data: { title: '海川市工商联走访会员企业', mentionedOrganisations: [seeded.organisation] } });
    await docs(ARTICLE).update({ documentId: article.documentId, locale: 'en', data: { title: 'Haichuan federation visits member companies' } });
    const extra = await docs('api::organisation.organisation').create({ data: { name: '海川市工商业联合会', kind: 'federation_of_industry_and_commerce' } });
    await docs('api::organisation.organisation').publish({ documentId: extra.documentId });
    await docs(ARTICLE).update({
      documentId: article.documentId,
      locale: 'zh-Hans',
      data: { mentionedOrganisations: { connect: [extra.documentId] } },
    });
    const en = await docs(ARTICLE).findOne({ documentId: article.documentId, locale: 'en', populate: { mentionedOrganisations: true } });
    expect((en?.mentionedOrganisations as Array<{ documentId: string }>).map((o) => o.documentId)).toContain(extra.documentId);
  });
});
