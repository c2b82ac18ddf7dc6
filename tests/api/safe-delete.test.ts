import type { Core } from '@strapi/strapi';
import { startStrapiWithAdmin, type TestApp } from '../helpers/strapi';
import { rest } from '../helpers/http';
import { ARTICLE, INITIATIVE, ORGANISATION, PERSON } from '../helpers/seed';
import { findReferences } from '../../src/documents/references';

/**
 * Deleting a person or organisation that is still referenced is refused, in Chinese, with the
 * references listed; once nothing references it, it can be deleted.
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

const admin = (method: 'get' | 'post' | 'put' | 'delete', path: string) => rest(app.strapi)[method](path).set('Authorization', `Bearer ${token}`);

type Seeded = { parent: string; chamber: string; person: string; initiative: string; article: string; suffix: number };

/** A chamber with a parent, a person with a position at it, an initiative they run, a published article about them. */
const seed = async (strapi: Core.Strapi): Promise<Seeded> => {
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
      quotes: [{ text: '助学是我们的责任。', speaker: person.documentId }],
      mentionedOrganisations: [chamber.documentId],
      mentionedPersons: [person.documentId],
      mentionedInitiatives: [initiative.documentId],
    } as never,
  });
  await docs(ARTICLE).publish({ documentId: article.documentId, locale: 'zh-Hans' });
  return { parent: parent.documentId, chamber: chamber.documentId, person: person.documentId, initiative: initiative.documentId, article: article.documentId, suffix };
};

const exists = async (uid: typeof ORGANISATION | typeof PERSON, documentId: string): Promise<boolean> =>
  (await app.strapi.db.query(uid).count({ where: { documentId } })) > 0;

describe('deleting a referenced person or organisation', () => {
  test('deleting a referenced organisation from the edit view is refused with its references listed in Chinese', async () => {
    const seeded = await seed(app.strapi);
    const response = await admin('delete', `/content-manager/collection-types/${ORGANISATION}/${seeded.chamber}`).expect(400);

    const message = response.body.error.message as string;
    expect(message).toContain('仍被引用');
    expect(message).toContain(`1 个职务（人物 张三${seeded.suffix} 的 副会长）`);
    expect(message).toContain(`1 篇提及它的文章（《某某商会举行捐赠仪式${seeded.suffix}》）`);
    expect(message).toContain(`1 个由它主办的活动（助学行动${seeded.suffix}）`);
    expect(message).toContain('请先合并到另一条记录，或先移除这些引用');
    expect(await exists(ORGANISATION, seeded.chamber)).toBe(true);
    const article = await rest(app.strapi).get(`/api/news-articles/${seeded.article}`).expect(200);
    expect(article.body.data.mentionedOrganisations.map((o: { name: string }) => o.name)).toEqual([`某某商会${seeded.suffix}`]);
  });

  test('deleting a referenced person is refused, naming the quote, the mention, the initiative', async () => {
    const seeded = await seed(app.strapi);
    const response = await admin('delete', `/content-manager/collection-types/${PERSON}/${seeded.person}`).expect(400);

    const message = response.body.error.message as string;
    expect(message).toContain(`1 篇文章中的引语（《某某商会举行捐赠仪式${seeded.suffix}》）`);
    expect(message).toContain('1 篇提及此人的文章');
    expect(message).toContain(`1 个此人参与的活动（助学行动${seeded.suffix}）`);
    expect(await exists(PERSON, seeded.person)).toBe(true);
  });

  test('a parent organisation with children cannot be deleted', async () => {
    const seeded = await seed(app.strapi);
    const response = await admin('delete', `/content-manager/collection-types/${ORGANISATION}/${seeded.parent}`).expect(400);
    expect(response.body.error.message).toContain(`1 个下级机构（某某商会${seeded.suffix}）`);
  });

  test('a bulk delete from the list that includes a referenced record deletes nothing and says why', async () => {
    const seeded = await seed(app.strapi);
    const unused = await app.strapi.documents(ORGANISATION).create({ data: { name: `无人引用的机构${seeded.suffix}`, kind: 'other' } });
    const response = await admin('post', `/content-manager/collection-types/${ORGANISATION}/actions/bulkDelete`)
      .send({ documentIds: [unused.documentId, seeded.chamber] })
      .expect(400);

    expect(response.body.error.message).toContain('仍被引用');
    expect(await exists(ORGANISATION, unused.documentId)).toBe(true);
    expect(await exists(ORGANISATION, seeded.chamber)).toBe(true);
  });

  test('once nothing references it, the record is deleted', async () => {
    const seeded = await seed(app.strapi);
    const unused = await app.strapi.documents(ORGANISATION).create({ data: { name: `无人引用的机构${seeded.suffix}`, kind: 'other' } });
    await admin('delete', `/content-manager/collection-types/${ORGANISATION}/${unused.documentId}`).expect(200);
    expect(await exists(ORGANISATION, unused.documentId)).toBe(false);

    // Remove every reference to the person, as a merge would move them, then delete it.
    await app.strapi.documents(ARTICLE).update({ documentId: seeded.article, locale: 'zh-Hans', data: { mentionedPersons: [], quotes: [] } as never });
    await app.strapi.documents(ARTICLE).publish({ documentId: seeded.article, locale: 'zh-Hans' });
    await app.strapi.documents(INITIATIVE).update({ documentId: seeded.initiative, data: { people: [] } as never });
    await app.strapi.documents(INITIATIVE).publish({ documentId: seeded.initiative });
    expect(await findReferences(app.strapi, PERSON, seeded.person)).toEqual([]);
    await admin('delete', `/content-manager/collection-types/${PERSON}/${seeded.person}`).expect(200);
    expect(await exists(PERSON, seeded.person)).toBe(false);
  });

  test('findReferences lists each kind of reference with a count and examples, for a merge to move', async () => {
    const seeded = await seed(app.strapi);
    const references = await findReferences(app.strapi, ORGANISATION, seeded.chamber);
    expect(references.map(({ kind, source, path, count }) => ({ kind, source, path, count })).sort((a, b) => a.kind.localeCompare(b.kind))).toEqual([
      { kind: 'initiative.organisers', source: INITIATIVE, path: ['organisers'], count: 1 },
      { kind: 'news-article.mentionedOrganisations', source: ARTICLE, path: ['mentionedOrganisations'], count: 1 },
      { kind: 'person.positions.organisation', source: PERSON, path: ['positions', 'organisation'], count: 1 },
    ]);
    const position = references.find((reference) => reference.kind === 'person.positions.organisation');
    expect(position?.examples).toEqual([{ documentId: seeded.person, label: `张三${seeded.suffix}`, detail: '副会长' }]);
  });

  test('unpublishing and discarding the draft of a referenced person are not deletes and go through', async () => {
    const seeded = await seed(app.strapi);
    await admin('put', `/content-manager/collection-types/${PERSON}/${seeded.person}`).send({ nameEn: 'Zhang San' }).expect(200);
    await admin('post', `/content-manager/collection-types/${PERSON}/${seeded.person}/actions/discard`).send({}).expect(200);
    await admin('post', `/content-manager/collection-types/${PERSON}/${seeded.person}/actions/unpublish`).send({}).expect(200);
    expect(await exists(PERSON, seeded.person)).toBe(true);
  });
});
