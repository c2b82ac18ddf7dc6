import { startStrapiWithAdmin, type TestApp } from '../helpers/strapi';
import { rest } from '../helpers/http';
import { createEditor, EDITOR_ROLE_CODE } from '../../src/bootstrap/editors';

const EDITOR = { email: 'zhang.san@example.org', password: 'Editor-Test-2026', firstname: '张三' };
const ARTICLES = '/content-manager/collection-types/api::news-article.news-article';

let app: TestApp;
let editorToken: string;

const asEditor = (method: 'get' | 'post' | 'put', route: string) => rest(app.strapi)[method](route).set('Authorization', `Bearer ${editorToken}`);

beforeAll(async () => {
  ({ app } = await startStrapiWithAdmin());
  await createEditor(app.strapi, EDITOR);
  const login = await rest(app.strapi).post('/admin/login').send({ email: EDITOR.email, password: EDITOR.password }).expect(200);
  editorToken = login.body.data.token as string;
});

afterAll(async () => {
  await app?.stop();
});

describe('editor accounts', () => {
  test('an editor made by createEditor has the Editor role only, and the admin in Chinese', async () => {
    const me = await asEditor('get', '/admin/users/me').expect(200);
    expect(me.body.data.roles.map((role: { code: string }) => role.code)).toEqual([EDITOR_ROLE_CODE]);
    expect(me.body.data.preferedLanguage).toBe('zh-Hans');
  });

  test('an editor cannot reach the schema builder, the marketplace or the settings', async () => {
    await asEditor('get', '/content-type-builder/content-types').expect(403);
    await asEditor('get', '/admin/plugins').expect(403);
    await asEditor('get', '/admin/roles').expect(403);
    await asEditor('get', '/admin/users').expect(403);
    await asEditor('get', '/admin/webhooks').expect(403);
  });

  test("an editor's permissions are the four newsroom types and the media library", async () => {
    const permissions = (await asEditor('get', '/admin/users/me/permissions').expect(200)).body.data as Array<{ action: string; subject: string | null }>;
    const subjects = new Set(permissions.filter((permission) => permission.action.startsWith('plugin::content-manager.explorer.')).map((permission) => permission.subject));
    expect([...subjects].sort()).toEqual(['api::initiative.initiative', 'api::news-article.news-article', 'api::organisation.organisation', 'api::person.person']);
    const actions = new Set(permissions.map((permission) => permission.action));
    expect(actions.has('plugin::content-manager.explorer.publish')).toBe(true);
    expect(actions.has('plugin::upload.assets.create')).toBe(true);
    expect([...actions].filter((action) => action.startsWith('plugin::content-type-builder') || action.startsWith('admin::'))).toEqual([]);
  });

  test('an editor creates, edits and publishes an article', async () => {
    const created = await asEditor('post', `${ARTICLES}?locale=zh-Hans`).send({ title: '某某商会召开年会' }).expect(201);
    const documentId = created.body.data.documentId as string;
    await asEditor('put', `${ARTICLES}/${documentId}?locale=zh-Hans`).send({ title: '某某商会召开第二届年会' }).expect(200);
    const published = await asEditor('post', `${ARTICLES}/${documentId}/actions/publish?locale=zh-Hans`).send({}).expect(200);
    expect(published.body.data).toMatchObject({ title: '某某商会召开第二届年会' });
    const publicRead = await rest(app.strapi).get(`/api/news-articles/${documentId}?locale=zh-Hans`).expect(200);
    expect(publicRead.body.data.title).toBe('某某商会召开第二届年会');
  });

  test('the Import page routes accept an editor session', async () => {
    // No pages sent: the import's own answer, so the session passed the route's policy.
    const response = await asEditor('post', '/newsroom-import/analyse').send({}).expect(400);
    expect(response.body.error.message).toMatch(/Send one or more pages/);
  });

  test('an email that already has an account is refused', async () => {
    await expect(createEditor(app.strapi, EDITOR)).rejects.toThrow(/already exists/);
  });
});
