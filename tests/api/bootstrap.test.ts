import path from 'path';
import type { Core } from '@strapi/strapi';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { closeStrapi } from '../../src/database/close';

const ROOT = path.resolve(__dirname, '..', '..');

const countRows = async (strapi: Core.Strapi) => ({
  permissions: await strapi.db.query('plugin::users-permissions.permission').count({}),
  locales: await strapi.db.query('plugin::i18n.locale').count({}),
});

describe('bootstrap', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startStrapi();
  });

  afterAll(async () => {
    await app?.stop();
  });

  test('a restart on the same database adds no permission or locale rows', async () => {
    const first = await countRows(app.strapi);
    await closeStrapi(app.strapi);

    const { createStrapi } = require('@strapi/strapi') as typeof import('@strapi/strapi');
    const again = await createStrapi({ appDir: ROOT, distDir: path.join(ROOT, 'dist'), autoReload: false, serveAdminPanel: false }).load();
    app = { ...app, strapi: again, stop: async () => { await closeStrapi(again); await app.database.drop(); } };
    expect(await countRows(again)).toEqual(first);
  });

  test('the public role can read the newsroom types and nothing more of them', async () => {
    const role = await app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
    const actions = ((await app.strapi.db.query('plugin::users-permissions.permission').findMany({ where: { role: role.id } })) as Array<{ action: string }>)
      .map((permission) => permission.action)
      .filter((action) => action.startsWith('api::'))
      .sort();
    expect(actions).toEqual(
      ['news-article.news-article', 'organisation.organisation', 'person.person', 'initiative.initiative']
        .flatMap((uid) => [`api::${uid}.find`, `api::${uid}.findOne`])
        .sort()
    );
  });

  test('public sign-up is closed', async () => {
    const settings = (await app.strapi.store({ type: 'plugin', name: 'users-permissions', key: 'advanced' }).get()) as { allow_register: boolean };
    expect(settings.allow_register).toBe(false);
  });
});
