import { startStrapiWithAdmin, type TestApp } from '../helpers/strapi';
import { ARTICLE, seedNewsroom, type Seeded } from '../helpers/seed';
import { rest } from '../helpers/http';
import { createPreviewToken, PREVIEW_TOKEN_SECONDS } from '../../src/preview/token';
import { previewSecret } from '../../src/preview/route';

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

  test('a published article previews with its body in order: paragraph, heading, and a caption whose photo is not stored, in italics', async () => {
    const page = await rest(app.strapi).get(await previewUrlFor(seeded.article, 'published')).expect(200);
    expect(page.text).toContain('<article><p>商会会员踊跃捐款。</p>\n<h2>捐赠仪式</h2>\n<p><em>捐赠仪式现场</em></p></article>');
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

describe('a frontend at PREVIEW_URL exchanging its preview token for the draft', () => {
  const FRONTEND = 'https://site.example.org/preview';

  /** The four values the admin's link hands the frontend: the document in its path, the rest in its query. */
  const frontendLinkFor = async (documentId: string, status: 'draft' | 'published', locale = 'zh-Hans') => {
    process.env.PREVIEW_URL = FRONTEND;
    try {
      const response = await rest(app.strapi)
        .get(`/content-manager/preview/url/${ARTICLE}`)
        .query({ documentId, locale, status })
        .set('Authorization', `Bearer ${adminToken}`)
        .expect(200);
      const url = new URL(String(response.body.data.url));
      expect(`${url.origin}${url.pathname}`).toBe(`${FRONTEND}/${documentId}`);
      return { documentId: decodeURIComponent(url.pathname.split('/').pop() ?? ''), ...Object.fromEntries(url.searchParams) } as Record<string, string>;
    } finally {
      delete process.env.PREVIEW_URL;
    }
  };

  const verify = (query: Record<string, string>) => rest(app.strapi).get('/api/preview/verify').query(query);

  test('a valid token gives the draft with the default populate, uncacheable', async () => {
    const response = await verify(await frontendLinkFor(seeded.draftArticle, 'draft'));
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('private, no-store');
    const data = response.body.data as Record<string, unknown>;
    expect(data).toMatchObject({ documentId: seeded.draftArticle, title: '尚未审核的草稿新闻', locale: 'zh-Hans', publishedAt: null });
    const people = data.mentionedPersons as Array<{ name: string; positions: Array<{ title: string; organisation: { name: string } }> }>;
    expect(people.map((person) => person.name)).toEqual(['林若溪']);
    expect(people[0].positions.map((position) => `${position.organisation.name}${position.title}`).sort()).toEqual(['海川市青年企业家商会常务副会长', '海川远航科技有限公司董事长']);
    expect(JSON.stringify(response.body)).not.toContain('DRAFT-RAW');
  });

  test('the answer has the shape of the public REST single read', async () => {
    const link = await frontendLinkFor(seeded.article, 'published');
    const viaToken = await verify(link).expect(200);
    const viaRest = await rest(app.strapi).get(`/api/news-articles/${seeded.article}`).expect(200);
    expect(viaToken.body).toEqual(viaRest.body);
    const draft = await verify(await frontendLinkFor(seeded.draftArticle, 'draft')).expect(200);
    expect(Object.keys(draft.body.data).sort()).toEqual(Object.keys(viaRest.body.data).sort());
  });

  test('the token reads the locale it was made for', async () => {
    await app.strapi.documents(ARTICLE).update({ documentId: seeded.draftArticle, locale: 'en', data: { title: 'A draft not yet reviewed' } });
    const english = await verify(await frontendLinkFor(seeded.draftArticle, 'draft', 'en')).expect(200);
    expect(english.body.data).toMatchObject({ title: 'A draft not yet reviewed', locale: 'en' });
    const missing = await verify(await frontendLinkFor(seeded.article, 'draft', 'en'));
    expect(missing.status).toBe(404);
  });

  test.each([
    ['no token', (link: Record<string, string>) => ({ ...link, token: '' })],
    ['a forged signature', (link: Record<string, string>) => ({ ...link, token: `${link.token.split('.')[0]}.forged` })],
    ['a later expiry', (link: Record<string, string>) => ({ ...link, token: `${Number(link.token.split('.')[0]) + 3600}.${link.token.split('.')[1]}` })],
    ['another document', (link: Record<string, string>) => ({ ...link, documentId: seeded.article })],
    ['another locale', (link: Record<string, string>) => ({ ...link, locale: 'en' })],
    ['the published status', (link: Record<string, string>) => ({ ...link, status: 'published' })],
    ['a token that has expired', (link: Record<string, string>) => ({
      ...link,
      token: createPreviewToken({ documentId: link.documentId, locale: link.locale, status: 'draft' }, previewSecret(app.strapi), Date.now() - (PREVIEW_TOKEN_SECONDS + 60) * 1000),
    })],
  ])('%s gets a 401 and no data', async (_label, tamper) => {
    const response = await verify(tamper(await frontendLinkFor(seeded.draftArticle, 'draft')));
    expect(response.status).toBe(401);
    expect(response.headers['cache-control']).toBe('private, no-store');
    expect(response.body.data).toBeNull();
    expect(response.text).not.toContain('尚未审核的草稿新闻');
  });

  test('a value given twice is refused with a 400', async () => {
    const link = await frontendLinkFor(seeded.draftArticle, 'draft');
    const response = await rest(app.strapi).get(`/api/preview/verify?${new URLSearchParams(link).toString()}&documentId=${seeded.article}`);
    expect(response.status).toBe(400);
    expect(response.text).not.toContain('尚未审核的草稿新闻');
  });
});
