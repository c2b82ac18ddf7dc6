import { startStrapiWithAdmin, type TestApp } from '../helpers/strapi';
import { ARTICLE, seedNewsroom, type Seeded } from '../helpers/seed';
import { rest } from '../helpers/http';

let app: TestApp;
let seeded: Seeded;
let adminToken: string;

const previewUrlFor = async (documentId: string, status: 'draft' | 'published') => {
  const response = await rest(app.strapi)
    .get(`/content-manager/preview/url/${ARTICLE}`)
    .query({ documentId, locale: 'zh-Hans', status })
    .set('Authorization', `Bearer ${adminToken}`)
    .expect(200);
  return String(response.body.data.url);
};

beforeAll(async () => {
  ({ app, adminToken } = await startStrapiWithAdmin());
  seeded = await seedNewsroom(app.strapi);
});

afterAll(async () => {
  await app?.stop();
});

describe('previewing an article', () => {
  test('an editor gets a signed link that renders a draft, with its body blocks and people', async () => {
    const url = await previewUrlFor(seeded.draftArticle, 'draft');
    expect(url).toMatch(/^\/preview\/news-articles\/.+token=/);
    const page = await rest(app.strapi).get(url).expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('尚未审核的草稿新闻');
    expect(page.text).toContain('草稿预览');
    expect(page.text).toContain('林若溪');
  });

  test('a published article previews with its subheadings and captions', async () => {
    const page = await rest(app.strapi).get(await previewUrlFor(seeded.article, 'published')).expect(200);
    expect(page.text).toContain('<h2>捐赠仪式</h2>');
    expect(page.text).toContain('<figcaption>捐赠仪式现场</figcaption>');
  });

  test('without a valid token the preview is refused', async () => {
    await rest(app.strapi).get(`/preview/news-articles/${seeded.draftArticle}`).query({ locale: 'zh-Hans', status: 'draft' }).expect(401);
    const url = await previewUrlFor(seeded.draftArticle, 'draft');
    const tampered = url.replace(seeded.draftArticle, seeded.article);
    await rest(app.strapi).get(tampered).expect(401);
  });

  test.each([
    ['token', (url: string) => `${url}&token=${new URL(url, 'http://x').searchParams.get('token') ?? ''}`],
    ['token with another value', (url: string) => `${url}&token=1.forged`],
    ['locale', (url: string) => `${url}&locale=en`],
    ['status', (url: string) => `${url}&status=published`],
    ['token as a nested object', (url: string) => `${url}&token[a]=b`],
  ])('a link with %s repeated or nested is refused with a 400', async (_label, tamper) => {
    const url = await previewUrlFor(seeded.draftArticle, 'draft');
    const response = await rest(app.strapi).get(tamper(url));
    expect(response.status).toBe(400);
    expect(response.text).not.toContain('尚未审核的草稿新闻');
  });

  test('anonymous callers cannot ask for a preview link', async () => {
    const response = await rest(app.strapi).get(`/content-manager/preview/url/${ARTICLE}`).query({ documentId: seeded.draftArticle, locale: 'zh-Hans', status: 'draft' });
    expect(response.status).toBe(401);
  });
});
