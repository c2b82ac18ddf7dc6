import path from 'path';
import { adminLogin, startStrapiWithAdmin, type TestApp } from '../helpers/strapi';
import { rest } from '../helpers/http';
import { closeStrapi } from '../../src/database/close';

const ROOT = path.resolve(__dirname, '..', '..');

let app: TestApp;
let token: string;

const configuration = async (uid: string) => {
  const response = await rest(app.strapi).get(`/content-manager/content-types/${uid}/configuration`).set('Authorization', `Bearer ${token}`).expect(200);
  return response.body.data.contentType as {
    settings: Record<string, unknown>;
    layouts: { list: string[]; edit: Array<Array<{ name: string }>> };
    metadatas: Record<string, { edit: { editable: boolean; description: string; label: string } }>;
  };
};

beforeAll(async () => {
  ({ app, adminToken: token } = await startStrapiWithAdmin());
});

afterAll(async () => {
  await app?.stop();
});

describe('the admin panel for editors', () => {
  test('the first administrator is created from ADMIN_EMAIL and ADMIN_PASSWORD and can log in', () => {
    expect(typeof token).toBe('string');
    expect(token.length).toBeGreaterThan(20);
  });

  test('the article list shows title, original date and the review flag, newest original date first', async () => {
    const config = await configuration('api::news-article.news-article');
    // Few columns, so the locale and status columns stay inside a 1440 px window.
    expect(config.layouts.list).toEqual(['title', 'publicationDate', 'needsReview']);
    expect(config.settings).toMatchObject({ mainField: 'title', defaultSortBy: 'publicationDate', defaultSortOrder: 'DESC' });
  });

  test('the article edit view is grouped: content, relations, source & SEO, provenance', async () => {
    const config = await configuration('api::news-article.news-article');
    const order = config.layouts.edit.flat().map((field) => field.name);
    const first = (names: string[]) => Math.min(...names.map((name) => order.indexOf(name)));
    const last = (names: string[]) => Math.max(...names.map((name) => order.indexOf(name)));
    const content = ['title', 'slug', 'summary', 'body', 'cover'];
    const relations = ['mentionedOrganisations', 'mentionedPersons', 'mentionedInitiatives', 'quotes'];
    const sourceAndSeo = ['publicationDate', 'source', 'reporter', 'seo'];
    const provenance = ['needsReview', 'reviewReason', 'rawText', 'contentHash', 'importKey', 'importedValues'];
    expect(last(content)).toBeLessThan(first(relations));
    expect(last(relations)).toBeLessThan(first(sourceAndSeo));
    expect(last(sourceAndSeo)).toBeLessThan(first(provenance));
  });

  test('provenance and derived relations are read-only, with Chinese help', async () => {
    const config = await configuration('api::news-article.news-article');
    for (const field of ['rawText', 'contentHash', 'importKey', 'importedValues', 'quotedPersons']) {
      expect(config.metadatas[field].edit.editable).toBe(false);
    }
    expect(config.metadatas.publicationDate.edit.description).toMatch(/原网页上的日期/);
    const person = await configuration('api::person.person');
    expect(person.metadatas.organisations.edit.editable).toBe(false);
    // Namesakes are told apart in lists and pickers by their organisation and title.
    expect(person.settings.mainField).toBe('listLabel');
  });

  test('every type has a main field so relation pickers show names', async () => {
    for (const uid of ['api::organisation.organisation', 'api::initiative.initiative']) {
      expect((await configuration(uid)).settings.mainField).toBe('name');
    }
  });

  test('a layout an administrator changes later survives a restart', async () => {
    const uid = 'api::organisation.organisation';
    const contentTypes = app.strapi.plugin('content-manager').service('content-types');
    const contentType = contentTypes.findContentType(uid);
    const current = await contentTypes.findConfiguration(contentType);
    await contentTypes.updateConfiguration(contentType, { settings: current.settings, metadatas: current.metadatas, layouts: { ...current.layouts, list: ['name', 'kind'] } });
    await closeStrapi(app.strapi);
    const { createStrapi } = require('@strapi/strapi') as typeof import('@strapi/strapi');
    const again = await createStrapi({ appDir: ROOT, distDir: path.join(ROOT, 'dist'), autoReload: false, serveAdminPanel: false }).load();
    await again.server.mount();
    const database = app.database;
    app = { strapi: again, database, stop: async () => { await closeStrapi(again); await database.drop(); } };
    token = await adminLogin(again);
    expect((await configuration(uid)).layouts.list).toEqual(['name', 'kind']);
    expect(await again.db.query('admin::user').count({})).toBe(1);
  });
});
