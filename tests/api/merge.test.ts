import fs from 'fs';
import os from 'os';
import path from 'path';
import { startStrapiWithAdmin, type TestApp } from '../helpers/strapi';
import { rest } from '../helpers/http';
import { ARTICLE, INITIATIVE, ORGANISATION, PERSON } from '../helpers/seed';
import { runImport } from '../helpers/importer';

/**
 * Merging two organisations or two persons through the admin panel's routes, with an admin
 * session: every kind of link moves to the kept record on both its versions and in both locales of
 * an article, the public API shows it, a failure leaves nothing half-done, and an import of the
 * page that made the duplicate does not make it again. Names are invented.
 */

let app: TestApp;
let adminToken: string;
let events: Array<{ event: string; uid: string; documentId: string }> = [];
let unsubscribe: () => void;

beforeAll(async () => {
  ({ app, adminToken } = await startStrapiWithAdmin());
  unsubscribe = app.strapi.eventHub.subscribe(async (event: string, payload: { uid?: string; entry?: { documentId?: string } }) => {
    events.push({ event, uid: String(payload?.uid), documentId: String(payload?.entry?.documentId) });
  }) as unknown as () => void;
});

afterAll(async () => {
  unsubscribe?.();
  await app?.stop();
});

const docs = (uid: string) => app.strapi.documents(uid as typeof ORGANISATION);

const post = (action: 'preview' | 'run', body: Record<string, unknown>) =>
  rest(app.strapi).post(`/newsroom-merge/${action}`).set('Authorization', `Bearer ${adminToken}`).send(body);

const organisation = async (name: string, data: Record<string, unknown> = {}, published = true): Promise<string> =>
  (await docs(ORGANISATION).create({ data: { name, kind: 'other', ...data } as never, status: published ? 'published' : 'draft' })).documentId;

const names = (rows: unknown): string[] => ((rows ?? []) as Array<{ name: string }>).map((row) => row.name).sort();

type Fixture = { kept: string; removed: string; parent: string; child: string; person: string; initiative: string; article: string; draftArticle: string };

/**
 * Two chambers that are one: the merged-away one has a parent, a child, a person's position, an
 * initiative it organised, an article (in two locales) that mentions it and names it as publisher,
 * and a draft article that mentions it.
 */
const organisationFixture = async (tag: string): Promise<Fixture> => {
  const parent = await organisation(`${tag}县工商联`);
  const kept = await organisation(`${tag}县青年企业家商会`, { aliases: ['青企商会'] });
  const removed = await organisation(`${tag}青商会`, { aliases: ['青企商会', `${tag}青年商会`], region: `${tag}县`, parent });
  const child = await organisation(`${tag}青商会妇女分会`, { parent: removed });
  const person = (await docs(PERSON).create({ data: { name: `${tag}张三`, positions: [{ title: '会长', organisation: removed }] } as never, status: 'published' })).documentId;
  const initiative = (await docs(INITIATIVE).create({ data: { name: `${tag}助学行动`, kind: 'donation', organisers: [removed] } as never, status: 'published' })).documentId;
  const article = (
    await docs(ARTICLE).create({
      locale: 'zh-Hans',
      data: { title: `${tag}青商会召开会员大会`, mentionedOrganisations: [removed, parent], source: { publisherName: `${tag}青商会`, publisher: removed } } as never,
      status: 'published',
    })
  ).documentId;
  await docs(ARTICLE).update({ documentId: article, locale: 'en', data: { title: `${tag} chamber meeting`, mentionedOrganisations: [removed, parent] } as never });
  await docs(ARTICLE).publish({ documentId: article, locale: 'en' });
  const draftArticle = (await docs(ARTICLE).create({ locale: 'zh-Hans', data: { title: `${tag}青商会走访会员企业`, mentionedOrganisations: [removed] } as never })).documentId;
  return { kept, removed, parent, child, person, initiative, article, draftArticle };
};

const articleOrganisations = async (documentId: string, locale: string, status: 'draft' | 'published') =>
  names(((await docs(ARTICLE).findOne({ documentId, locale, status, populate: { mentionedOrganisations: true } } as never)) as { mentionedOrganisations?: unknown } | null)?.mentionedOrganisations);

describe('merging organisations', () => {
  test('the preview counts what moves and changes nothing', async () => {
    const fixture = await organisationFixture('甲');
    const response = await post('preview', { type: 'organisation', keep: fixture.kept, remove: fixture.removed }).expect(200);
    const counts = Object.fromEntries((response.body.data.links as Array<{ kind: string; count: number }>).map((link) => [link.kind, link.count]));
    expect(counts).toEqual({
      'api::initiative.initiative.organisers': 1,
      'api::news-article.news-article.mentionedOrganisations': 2,
      'api::organisation.organisation.parent': 1,
      'outgoing:api::organisation.organisation.parent': 1,
      'api::person.person.organisations': 1,
      'news.source.publisher': 1,
      'people.position.organisation': 1,
    });
    expect(response.body.data.aliases).toEqual(['青企商会', '甲青商会', '甲青年商会']);
    expect(response.body.data.filled).toEqual(['region']);
    expect(await docs(ORGANISATION).findOne({ documentId: fixture.removed })).not.toBeNull();
  });

  test('every link moves to the kept organisation, on the draft and the published version, in both locales', async () => {
    const fixture = await organisationFixture('乙');
    events = [];
    await post('run', { type: 'organisation', keep: fixture.kept, remove: fixture.removed }).expect(200);

    expect(await docs(ORGANISATION).findOne({ documentId: fixture.removed })).toBeNull();
    expect(await docs(ORGANISATION).findOne({ documentId: fixture.removed, status: 'published' })).toBeNull();
    for (const locale of ['zh-Hans', 'en']) {
      for (const status of ['draft', 'published'] as const) {
        expect(await articleOrganisations(fixture.article, locale, status)).toEqual(['乙县工商联', '乙县青年企业家商会']);
      }
    }
    expect(await articleOrganisations(fixture.draftArticle, 'zh-Hans', 'draft')).toEqual(['乙县青年企业家商会']);

    // What a reader sees, over the public API.
    const kept = (await rest(app.strapi).get(`/api/organisations/${fixture.kept}`).expect(200)).body.data;
    expect(kept.aliases).toEqual(['青企商会', '乙青商会', '乙青年商会']);
    expect(kept.region).toBe('乙县');
    expect(kept.parent.name).toBe('乙县工商联');
    expect(names(kept.children)).toEqual(['乙青商会妇女分会']);
    expect(names(kept.people)).toEqual(['乙张三']);
    expect(names(kept.organisedInitiatives)).toEqual(['乙助学行动']);
    const person = (await rest(app.strapi).get(`/api/people/${fixture.person}`).expect(200)).body.data;
    expect(person.positions[0].organisation.name).toBe('乙县青年企业家商会');
    for (const locale of ['zh-Hans', 'en']) {
      const article = (await rest(app.strapi).get(`/api/news-articles/${fixture.article}`).query({ locale }).expect(200)).body.data;
      expect(names(article.mentionedOrganisations)).toEqual(['乙县工商联', '乙县青年企业家商会']);
      if (locale === 'zh-Hans') expect(article.source.publisher.name).toBe('乙县青年企业家商会');
    }
    const initiative = (await rest(app.strapi).get(`/api/initiatives/${fixture.initiative}`).expect(200)).body.data;
    expect(names(initiative.organisers)).toEqual(['乙县青年企业家商会']);

    // The drafts editors see agree.
    const draft = (await docs(ORGANISATION).findOne({ documentId: fixture.kept, populate: { parent: true, children: true } } as never)) as Record<string, unknown>;
    expect((draft.parent as { name: string }).name).toBe('乙县工商联');
    expect(names(draft.children)).toEqual(['乙青商会妇女分会']);

    // Webhooks hear of every document that changed, and of the one deleted.
    const updated = new Set(events.filter((event) => event.event === 'entry.update').map((event) => event.documentId));
    for (const documentId of [fixture.kept, fixture.article, fixture.draftArticle, fixture.person, fixture.initiative, fixture.child]) expect(updated).toContain(documentId);
    expect(events.some((event) => event.event === 'entry.delete' && event.documentId === fixture.removed)).toBe(true);
  });

  test('a failure part-way leaves both records and every link as they were', async () => {
    const fixture = await organisationFixture('丙');
    const knex = app.strapi.db.connection;
    // The merge's last write is remembering the record merged away: make it fail, after every link has moved.
    if (app.database.client === 'postgres') {
      await knex.raw(`CREATE OR REPLACE FUNCTION merge_test_refuse() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$ LANGUAGE plpgsql`);
      await knex.raw('CREATE TRIGGER merge_test_refuse BEFORE INSERT ON newsroom_merged_records FOR EACH ROW EXECUTE FUNCTION merge_test_refuse()');
    } else {
      await knex.raw(`CREATE TRIGGER merge_test_refuse BEFORE INSERT ON newsroom_merged_records BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`);
    }
    try {
      const response = await post('run', { type: 'organisation', keep: fixture.kept, remove: fixture.removed });
      expect(response.status).toBe(500);
    } finally {
      await knex.raw('DROP TRIGGER merge_test_refuse' + (app.database.client === 'postgres' ? ' ON newsroom_merged_records' : ''));
    }
    expect(await docs(ORGANISATION).findOne({ documentId: fixture.removed, status: 'published' })).not.toBeNull();
    for (const status of ['draft', 'published'] as const) expect(await articleOrganisations(fixture.article, 'en', status)).toEqual(['丙县工商联', '丙青商会']);
    const kept = (await rest(app.strapi).get(`/api/organisations/${fixture.kept}`).expect(200)).body.data;
    expect(kept.aliases).toEqual(['青企商会']);
    expect(kept.parent).toBeNull();
    expect(names(kept.children)).toEqual([]);
    const person = (await rest(app.strapi).get(`/api/people/${fixture.person}`).expect(200)).body.data;
    expect(person.positions[0].organisation.name).toBe('丙青商会');
  });

  test('an editor without the right to delete organisations cannot merge them', async () => {
    const fixture = await organisationFixture('丁');
    const roles = app.strapi.service('admin::role') as {
      create: (attributes: Record<string, unknown>) => Promise<{ id: number }>;
      assignPermissions: (roleId: number, permissions: Array<Record<string, unknown>>) => Promise<unknown>;
    };
    const role = await roles.create({ name: '只改不删', description: '可以编辑机构，不能删除' });
    await roles.assignPermissions(role.id, [
      { action: 'plugin::content-manager.explorer.read', subject: ORGANISATION, properties: { fields: ['name'] }, conditions: [] },
      { action: 'plugin::content-manager.explorer.update', subject: ORGANISATION, properties: { fields: ['name'] }, conditions: [] },
    ]);
    await app.strapi.service('admin::user').create({ email: 'author-merge@example.org', firstname: '某', lastname: '作者', password: 'Author-Test-2026', roles: [role.id], isActive: true, registrationToken: null });
    const login = await rest(app.strapi).post('/admin/login').send({ email: 'author-merge@example.org', password: 'Author-Test-2026' }).expect(200);
    const response = await rest(app.strapi)
      .post('/newsroom-merge/run')
      .set('Authorization', `Bearer ${String(login.body.data.token)}`)
      .send({ type: 'organisation', keep: fixture.kept, remove: fixture.removed });
    expect(response.status).toBe(403);
    expect(await docs(ORGANISATION).findOne({ documentId: fixture.removed })).not.toBeNull();
    await rest(app.strapi).post('/newsroom-merge/preview').send({ type: 'organisation', keep: fixture.kept, remove: fixture.removed }).expect(401);
  });
});

describe('merging persons', () => {
  test('positions (each once), mentions, quotes and initiatives move to the kept person, on both versions', async () => {
    const chamber = await organisation('戊商会');
    const company = await organisation('戊科技有限公司');
    const kept = (await docs(PERSON).create({ data: { name: '李四', positions: [{ title: '会长', organisation: chamber }] } as never, status: 'published' })).documentId;
    const removed = (
      await docs(PERSON).create({ data: { name: '李肆', biography: '企业家。', positions: [{ title: '会长', organisation: chamber }, { title: '董事长', organisation: company }] } as never, status: 'published' })
    ).documentId;
    await docs(INITIATIVE).create({ data: { name: '戊助学行动', kind: 'event', people: [removed] } as never, status: 'published' });
    const article = (
      await docs(ARTICLE).create({
        locale: 'zh-Hans',
        data: { title: '戊商会走访企业', mentionedPersons: [removed], quotes: [{ text: '我们要服务好会员。', speaker: removed }] } as never,
        status: 'published',
      })
    ).documentId;

    const preview = await post('preview', { type: 'person', keep: kept, remove: removed }).expect(200);
    const counts = Object.fromEntries((preview.body.data.links as Array<{ kind: string; count: number }>).map((link) => [link.kind, link.count]));
    expect(counts).toMatchObject({ 'news.quote.speaker': 1, 'api::news-article.news-article.mentionedPersons': 1, 'api::initiative.initiative.people': 1, 'outgoing:api::person.person.positions': 2 });

    await post('run', { type: 'person', keep: kept, remove: removed }).expect(200);

    const person = (await rest(app.strapi).get(`/api/people/${kept}`).expect(200)).body.data;
    expect(person.positions.map((position: { title: string; organisation: { name: string } }) => `${position.title}@${position.organisation.name}`)).toEqual(['会长@戊商会', '董事长@戊科技有限公司']);
    expect(person.biography).toBe('企业家。');
    expect(names(person.initiatives)).toEqual(['戊助学行动']);
    const published = (await rest(app.strapi).get(`/api/news-articles/${article}`).expect(200)).body.data;
    expect(names(published.mentionedPersons)).toEqual(['李四']);
    expect(published.quotes[0].speaker.name).toBe('李四');
    const draft = (await docs(ARTICLE).findOne({ documentId: article, locale: 'zh-Hans', populate: { quotes: { populate: { speaker: true } }, quotedPersons: true } } as never)) as Record<string, unknown>;
    expect(((draft.quotes as Array<{ speaker: { name: string } }>)[0]).speaker.name).toBe('李四');
    expect(names(draft.quotedPersons)).toEqual(['李四']);
    const draftPerson = (await docs(PERSON).findOne({ documentId: kept, populate: { organisations: true } } as never)) as Record<string, unknown>;
    expect(names(draftPerson.organisations)).toEqual(['戊商会', '戊科技有限公司']);
    expect(await docs(PERSON).findOne({ documentId: removed })).toBeNull();
  });
});

describe('importing again after a merge', () => {
  const PAGE = [
    '己县青年企业家商会举办会员企业座谈会',
    '来源：己县青年企业家商会  日期：2024-04-12',
    '',
    '4月12日，己县青年企业家商会在县民营经济服务中心举办会员企业座谈会，30余家会员企业负责人参加。',
    '',
    '己县青年企业家商会会长王五主持会议并讲话。',
    '',
    '王五表示：“商会将继续为会员企业搭建交流合作的平台。”',
    '',
  ].join('\n');

  test('the page that made the duplicates links to the kept records instead of making them again', async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'merge-import-'));
    try {
      fs.writeFileSync(path.join(directory, 'meeting.txt'), PAGE);
      const importPage = (rulesVersion: string) => runImport({ paths: [directory], dryRun: false, publish: true, locale: 'zh-Hans', strapi: app.strapi, rulesVersion });
      await importPage('merge-test-1');
      const [imported] = await docs(ORGANISATION).findMany({ filters: { name: '己县青年企业家商会' } } as never);
      const [importedPerson] = await docs(PERSON).findMany({ filters: { name: '王五' } } as never);
      expect(imported).toBeDefined();
      expect(importedPerson).toBeDefined();
      const kept = await organisation('己县青年企业家协会');
      const keptPerson = (await docs(PERSON).create({ data: { name: '王伍' } as never, status: 'published' })).documentId;
      await post('run', { type: 'organisation', keep: kept, remove: imported.documentId }).expect(200);
      await post('run', { type: 'person', keep: keptPerson, remove: importedPerson.documentId }).expect(200);
      const organisations = await app.strapi.db.query(ORGANISATION).count({ where: { publishedAt: null } });
      const persons = await app.strapi.db.query(PERSON).count({ where: { publishedAt: null } });

      // Another rules version: the page is read and resolved again, not passed over as unchanged.
      await importPage('merge-test-2');

      expect(await docs(ORGANISATION).findMany({ filters: { name: '己县青年企业家商会' } } as never)).toEqual([]);
      expect(await docs(PERSON).findMany({ filters: { name: '王五' } } as never)).toEqual([]);
      expect(await app.strapi.db.query(ORGANISATION).count({ where: { publishedAt: null } })).toBe(organisations);
      expect(await app.strapi.db.query(PERSON).count({ where: { publishedAt: null } })).toBe(persons);
      const [article] = await docs(ARTICLE).findMany({ locale: 'zh-Hans', status: 'published', filters: { title: '己县青年企业家商会举办会员企业座谈会' }, populate: { mentionedOrganisations: true, mentionedPersons: true } } as never);
      expect(names((article as Record<string, unknown>).mentionedOrganisations)).toContain('己县青年企业家协会');
      expect(names((article as Record<string, unknown>).mentionedPersons)).toEqual(['王伍']);
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });
});
