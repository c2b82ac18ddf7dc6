import { startStrapi, type TestApp } from '../helpers/strapi';
import { blocksText } from '../../src/body/blocks';
import { seedNewsroom, type Seeded } from '../helpers/seed';
import { graphql } from '../helpers/http';

let app: TestApp;
let seeded: Seeded;

beforeAll(async () => {
  app = await startStrapi();
  seeded = await seedNewsroom(app.strapi);
});

afterAll(async () => {
  await app?.stop();
});

const ARTICLE_FIELDS = `
  documentId title slug publicationDate locale
  source { publisherName url publisher { name kind } }
  mentionedOrganisations { name kind }
  mentionedPersons { name positions { title organisation { name } } }
  mentionedInitiatives { name kind }
  quotes { text speakerTitle speaker { name } }
  amounts { value currency approximate text }
  body
`;

describe('GraphQL reads for frontends', () => {
  test('lists articles with the same linked data REST gives', async () => {
    const response = await graphql(app.strapi, `{ newsArticles { ${ARTICLE_FIELDS} } }`);
    expect(response.body.errors).toBeUndefined();
    const [article] = response.body.data?.newsArticles as Array<Record<string, any>>;
    expect(article.source.publisher.name).toBe('海川市青年企业家商会');
    expect(article.mentionedPersons[0].positions.map((p: any) => [p.title, p.organisation.name])).toEqual([
      ['常务副会长', '海川市青年企业家商会'],
      ['董事长', '海川远航科技有限公司'],
    ]);
    expect(article.quotes[0].speaker.name).toBe('林若溪');
    expect(article.mentionedInitiatives[0].name).toBe('青商助学行动');
    // The body is the same blocks JSON as REST's: text, heading and caption in reading order.
    expect(article.body.map((block: any) => [block.type, blocksText([block])[0]])).toEqual([
      ['paragraph', '商会会员踊跃捐款。'],
      ['heading', '捐赠仪式'],
      ['paragraph', '捐赠仪式现场'],
    ]);
  });

  test('fetches one article by documentId and by slug', async () => {
    const byId = await graphql(app.strapi, `query($id: ID!) { newsArticle(documentId: $id) { title } }`, { id: seeded.article });
    expect((byId.body.data?.newsArticle as any).title).toBe('海川市青年企业家商会举行助学捐赠仪式');
    const bySlug = await graphql(app.strapi, `query($slug: String!) { newsArticles(filters: { slug: { eq: $slug } }) { documentId } }`, {
      slug: seeded.articleSlug,
    });
    expect(bySlug.body.data?.newsArticles).toEqual([{ documentId: seeded.article }]);
  });

  test('reads organisations with their people, parent and initiatives', async () => {
    const response = await graphql(
      app.strapi,
      `query($id: ID!) { organisation(documentId: $id) { name kind aliases people { name } organisedInitiatives { name } mentionedInArticles { title } } }`,
      { id: seeded.organisation }
    );
    expect(response.body.errors).toBeUndefined();
    const organisation = response.body.data?.organisation as any;
    expect(organisation.people.map((p: any) => p.name)).toEqual(['林若溪']);
    expect(organisation.organisedInitiatives.map((i: any) => i.name)).toEqual(['青商助学行动']);
    expect(organisation.mentionedInArticles.map((a: any) => a.title)).toEqual(['海川市青年企业家商会举行助学捐赠仪式']);
  });

  test('reads people with positions, initiatives and the articles that quote them', async () => {
    const response = await graphql(app.strapi, `{ people { name positions { title organisation { name } } initiatives { name } quotedInArticles { title } } }`);
    expect(response.body.errors).toBeUndefined();
    const people = response.body.data?.people as any[];
    expect(people.map((p) => p.name)).toEqual(['林若溪']);
    expect(people[0].initiatives.map((i: any) => i.name)).toEqual(['青商助学行动']);
    expect(people[0].quotedInArticles.map((a: any) => a.title)).toEqual(['海川市青年企业家商会举行助学捐赠仪式']);
  });

  test('reads initiatives with organisers, people and amounts', async () => {
    const response = await graphql(app.strapi, `{ initiatives { name kind organisers { name } people { name } amounts { value currency approximate } mentionedInArticles { title } } }`);
    expect(response.body.errors).toBeUndefined();
    const [initiative] = response.body.data?.initiatives as any[];
    expect(initiative).toMatchObject({ name: '青商助学行动', kind: 'donation', organisers: [{ name: '海川市青年企业家商会' }], people: [{ name: '林若溪' }] });
    expect(initiative.amounts[0]).toEqual({ value: 510000, currency: 'CNY', approximate: true });
  });

  test('the locale argument selects the version', async () => {
    const zh = await graphql(app.strapi, `{ newsArticles(locale: "zh-Hans") { title } }`);
    expect(zh.body.data?.newsArticles).toHaveLength(1);
    const en = await graphql(app.strapi, `{ newsArticles(locale: "en") { title } }`);
    expect(en.body.data?.newsArticles).toHaveLength(0);
  });
});
