import type { Core } from '@strapi/strapi';
import { startStrapiWithAdmin, type TestApp } from '../helpers/strapi';
import { rest } from '../helpers/http';
import { ARTICLE, INITIATIVE, ORGANISATION, PERSON } from '../helpers/seed';

/**
 * Publishing an article from the admin (the content-manager endpoints the admin UI calls) publishes
 * the drafts it links to first, so the public API shows every link.
 */

let app: TestApp;
let token: string;
let serial = 0;

beforeAll(async () => {
  ({ app, adminToken: token } = await startStrapiWithAdmin());
});

afterAll(async () => {
  await app?.stop();
});

const admin = (method: 'get' | 'post' | 'put', path: string) => rest(app.strapi)[method](path).set('Authorization', `Bearer ${token}`);

type Drafts = { parent: string; chamber: string; person: string; initiative: string; article: string; suffix: number };

/**
 * An imported article as the importer leaves it without --publish: every record a draft. The chamber
 * belongs to a federation (its parent); the person holds a position at the chamber; the initiative is
 * organised by the chamber with the person.
 */
const seedDrafts = async (strapi: Core.Strapi): Promise<Drafts> => {
  serial += 1;
  const suffix = serial;
  const docs = strapi.documents;
  const parent = await docs(ORGANISATION).create({ data: { name: `某某市工商联${suffix}`, kind: 'federation_of_industry_and_commerce' } });
  const chamber = await docs(ORGANISATION).create({ data: { name: `某某商会${suffix}`, kind: 'chamber_of_commerce', parent: parent.documentId } as never });
  const person = await docs(PERSON).create({ data: { name: `张三${suffix}`, positions: [{ title: '副会长', organisation: chamber.documentId }] } as never });
  const initiative = await docs(INITIATIVE).create({
    data: { name: `助学行动${suffix}`, kind: 'donation', organisers: [chamber.documentId], people: [person.documentId] } as never,
  });
  const article = await docs(ARTICLE).create({
    locale: 'zh-Hans',
    data: {
      title: `某某商会举行捐赠仪式${suffix}`,
      source: { publisherName: '某某商会网', publisher: parent.documentId },
      quotes: [{ text: '助学是我们的责任。', speaker: person.documentId, speakerTitle: '副会长' }],
      mentionedOrganisations: [chamber.documentId],
      mentionedPersons: [person.documentId],
      mentionedInitiatives: [initiative.documentId],
    } as never,
  });
  return { parent: parent.documentId, chamber: chamber.documentId, person: person.documentId, initiative: initiative.documentId, article: article.documentId, suffix };
};

type PublicArticle = {
  mentionedOrganisations: Array<{ name: string }>;
  mentionedPersons: Array<{ name: string; positions: Array<{ title: string; organisation: { name: string } | null }> }>;
  mentionedInitiatives: Array<{ name: string }>;
  quotes: Array<{ speaker: { name: string } | null }>;
  source: { publisher: { name: string } | null };
};

const publicArticle = async (documentId: string, locale = 'zh-Hans'): Promise<PublicArticle> =>
  (await rest(app.strapi).get(`/api/news-articles/${documentId}`).query({ locale }).expect(200)).body.data as PublicArticle;

const expectEveryLink = (article: PublicArticle, suffix: number) => {
  expect(article.mentionedOrganisations.map((o) => o.name)).toEqual([`某某商会${suffix}`]);
  expect(article.mentionedPersons.map((p) => p.name)).toEqual([`张三${suffix}`]);
  expect(article.mentionedPersons[0].positions).toEqual([expect.objectContaining({ title: '副会长', organisation: expect.objectContaining({ name: `某某商会${suffix}` }) })]);
  expect(article.mentionedInitiatives.map((i) => i.name)).toEqual([`助学行动${suffix}`]);
  expect(article.quotes[0].speaker?.name).toBe(`张三${suffix}`);
  expect(article.source.publisher?.name).toBe(`某某市工商联${suffix}`);
};

/** The published organisation as the public API serves it, with its parent. */
const publicParent = async (documentId: string): Promise<string | null> => {
  const response = await rest(app.strapi).get(`/api/organisations/${documentId}`).query({ populate: { parent: { fields: ['name'] } } }).expect(200);
  return (response.body.data.parent as { name: string } | null)?.name ?? null;
};

const publicInitiative = async (documentId: string) =>
  (await rest(app.strapi).get(`/api/initiatives/${documentId}`).query({ populate: { organisers: { fields: ['name'] }, people: { fields: ['name'] } } }).expect(200)).body.data as {
    organisers: Array<{ name: string }>;
    people: Array<{ name: string }>;
  };

describe('publishing an article from the admin publishes the drafts it links to', () => {
  test('publishing from the edit view shows every link on the public API, parents kept', async () => {
    const drafts = await seedDrafts(app.strapi);
    await admin('post', `/content-manager/collection-types/${ARTICLE}/${drafts.article}/actions/publish`).query({ locale: 'zh-Hans' }).send({}).expect(200);

    expectEveryLink(await publicArticle(drafts.article), drafts.suffix);
    expect(await publicParent(drafts.chamber)).toBe(`某某市工商联${drafts.suffix}`);
    const initiative = await publicInitiative(drafts.initiative);
    expect(initiative.organisers.map((o) => o.name)).toEqual([`某某商会${drafts.suffix}`]);
    expect(initiative.people.map((p) => p.name)).toEqual([`张三${drafts.suffix}`]);
  });

  test('bulk publish from the list publishes the links of every selected article, shared ones once', async () => {
    const first = await seedDrafts(app.strapi);
    const second = await seedDrafts(app.strapi);
    // The second article also mentions the first one's person: a draft both articles link to.
    await admin('put', `/content-manager/collection-types/${ARTICLE}/${second.article}`)
      .query({ locale: 'zh-Hans' })
      .send({ mentionedPersons: { connect: [{ documentId: first.person }] } })
      .expect(200);

    const response = await admin('post', `/content-manager/collection-types/${ARTICLE}/actions/bulkPublish`)
      .send({ documentIds: [first.article, second.article], locale: 'zh-Hans' })
      .expect(200);
    expect(response.body.count).toBe(2);

    expectEveryLink(await publicArticle(first.article), first.suffix);
    const secondArticle = await publicArticle(second.article);
    expect(secondArticle.mentionedPersons.map((p) => p.name).sort()).toEqual([`张三${first.suffix}`, `张三${second.suffix}`].sort());
    expect(await publicParent(second.chamber)).toBe(`某某市工商联${second.suffix}`);
  });

  test('publishing the English version publishes a draft it links to and the English article shows it', async () => {
    const drafts = await seedDrafts(app.strapi);
    await admin('post', `/content-manager/collection-types/${ARTICLE}/${drafts.article}/actions/publish`).query({ locale: 'zh-Hans' }).send({}).expect(200);
    const newcomer = await app.strapi.documents(PERSON).create({ data: { name: `李四${drafts.suffix}` } });
    await admin('put', `/content-manager/collection-types/${ARTICLE}/${drafts.article}`)
      .query({ locale: 'en' })
      .send({ title: `A chamber holds a donation ceremony ${drafts.suffix}`, mentionedPersons: { connect: [{ documentId: drafts.person }, { documentId: newcomer.documentId }] } })
      .expect(200);

    await admin('post', `/content-manager/collection-types/${ARTICLE}/${drafts.article}/actions/publish`).query({ locale: 'en' }).send({}).expect(200);

    const english = await publicArticle(drafts.article, 'en');
    expect(english.mentionedPersons.map((p) => p.name).sort()).toEqual([`张三${drafts.suffix}`, `李四${drafts.suffix}`].sort());
    await rest(app.strapi).get(`/api/people/${newcomer.documentId}`).expect(200);
  });

  test('a linked record that is already published is not published again: its unfinished draft stays a draft', async () => {
    const drafts = await seedDrafts(app.strapi);
    await app.strapi.documents(PERSON).publish({ documentId: drafts.person });
    await app.strapi.documents(PERSON).update({ documentId: drafts.person, data: { nameEn: 'Unfinished draft name' } });

    await admin('post', `/content-manager/collection-types/${ARTICLE}/${drafts.article}/actions/publish`).query({ locale: 'zh-Hans' }).send({}).expect(200);

    expectEveryLink(await publicArticle(drafts.article), drafts.suffix);
    const person = await rest(app.strapi).get(`/api/people/${drafts.person}`).expect(200);
    expect(person.body.data.nameEn).toBeNull();
  });

  test('a script publishing through the Document Service, and a create with status published, publish the links too', async () => {
    const scripted = await seedDrafts(app.strapi);
    await app.strapi.documents(ARTICLE).publish({ documentId: scripted.article, locale: 'zh-Hans' });
    expectEveryLink(await publicArticle(scripted.article), scripted.suffix);

    const created = await seedDrafts(app.strapi);
    const draft = await app.strapi.documents(ARTICLE).findOne({ documentId: created.article, locale: 'zh-Hans', populate: ['source', 'quotes'] });
    await app.strapi.documents(ARTICLE).delete({ documentId: created.article, locale: 'zh-Hans' });
    const again = await app.strapi.documents(ARTICLE).create({
      locale: 'zh-Hans',
      status: 'published',
      data: {
        title: `${String(draft?.title)}（重发）`,
        source: { publisherName: '某某商会网', publisher: created.parent },
        quotes: [{ text: '助学是我们的责任。', speaker: created.person }],
        mentionedOrganisations: [created.chamber],
        mentionedPersons: [created.person],
        mentionedInitiatives: [created.initiative],
      } as never,
    });
    expect(again.publishedAt).not.toBeNull();
    expectEveryLink(await publicArticle(again.documentId), created.suffix);
  });

  test('publishing a person from the admin publishes the organisation of its position, and that one\'s parent, first', async () => {
    const drafts = await seedDrafts(app.strapi);
    await admin('post', `/content-manager/collection-types/${PERSON}/${drafts.person}/actions/publish`).send({}).expect(200);

    const person = await rest(app.strapi).get(`/api/people/${drafts.person}`).query({ populate: { positions: { populate: { organisation: { fields: ['name'] } } } } }).expect(200);
    expect(person.body.data.positions[0].organisation.name).toBe(`某某商会${drafts.suffix}`);
    expect(await publicParent(drafts.chamber)).toBe(`某某市工商联${drafts.suffix}`);
  });

  test('unpublishing a person a published article links to is allowed: the article stays public without that person', async () => {
    const drafts = await seedDrafts(app.strapi);
    await admin('post', `/content-manager/collection-types/${ARTICLE}/${drafts.article}/actions/publish`).query({ locale: 'zh-Hans' }).send({}).expect(200);

    await admin('post', `/content-manager/collection-types/${PERSON}/${drafts.person}/actions/unpublish`).send({}).expect(200);

    const article = await publicArticle(drafts.article);
    expect(article.mentionedPersons).toEqual([]);
    expect(article.mentionedOrganisations.map((o) => o.name)).toEqual([`某某商会${drafts.suffix}`]);
    await rest(app.strapi).get(`/api/people/${drafts.person}`).expect(404);
  });
});
