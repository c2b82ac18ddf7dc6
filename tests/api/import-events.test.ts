import fs from 'fs';
import os from 'os';
import path from 'path';
import { startStrapiWithAdmin, type TestApp } from '../helpers/strapi';
import { rest } from '../helpers/http';
import { startWebhookReceiver, type Receipt, type WebhookReceiver } from '../helpers/webhooks';
import { ARTICLE, INITIATIVE, ORGANISATION, PERSON } from '../helpers/seed';
import { runImport } from '../helpers/importer';

/**
 * Webhooks a frontend configures hear about imported content as they hear about the admin's: a real
 * receiver on a local port, a webhook made through the admin API, and the importer writing invented
 * pages in the genre's style.
 */

let app: TestApp;
let adminToken: string;
let receiver: WebhookReceiver;
let pagesDirectory: string;

const EVENTS = ['entry.create', 'entry.update', 'entry.publish', 'entry.unpublish', 'entry.delete'];
const TYPES = [ARTICLE, ORGANISATION, PERSON, INITIATIVE] as const;

beforeAll(async () => {
  ({ app, adminToken } = await startStrapiWithAdmin());
  receiver = await startWebhookReceiver(app.strapi, adminToken, { events: EVENTS, headers: { 'x-revalidate-secret': 'invented-secret' } });
  pagesDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'import-events-'));
});

afterAll(async () => {
  await receiver?.close();
  await app?.stop();
  if (pagesDirectory !== undefined) fs.rmSync(pagesDirectory, { recursive: true, force: true });
});

const page = (title: string, source: string, paragraphs: string[]): string => [title, `来源：${source}  日期：2024-05-20`, '', ...paragraphs.flatMap((paragraph) => [paragraph, ''])].join('\n');

/**
 * The places and people of one test's pages. Each test imports pages of its own, under file names of
 * its own, so its records are new to the newsroom and its events are its own, in whatever order the
 * tests run.
 */
type Cast = { id: string; city: string; county: string; town: string; chair: string; president: string; secretary: string };

const CASTS: Record<'fresh' | 'again' | 'changed' | 'rollback' | 'editor' | 'person' | 'recurring', Cast> = {
  fresh: { id: 'fresh', city: '临江', county: '北岭', town: '云州', chair: '韩知远', president: '周明澜', secretary: '林若溪' },
  again: { id: 'again', city: '青禾', county: '石屏', town: '澄川', chair: '贺知秋', president: '钟明远', secretary: '施若兰' },
  changed: { id: 'changed', city: '桐川', county: '南屿', town: '岚山', chair: '邵知行', president: '葛明哲', secretary: '裴若冰' },
  rollback: { id: 'rollback', city: '枫林', county: '西岗', town: '白沙', chair: '骆知微', president: '麦明德', secretary: '卓若水' },
  editor: { id: 'editor', city: '梧州', county: '东篱', town: '清溪', chair: '殷知白', president: '甘明朗', secretary: '苗若愚' },
  person: { id: 'person', city: '栖霞', county: '北塘', town: '柳岸', chair: '戚知章', president: '龚明轩', secretary: '詹若岚' },
  recurring: { id: 'recurring', city: '临江', county: '北岭', town: '石屏', chair: '韩知远', president: '周明澜', secretary: '林若溪' },
};

const assemblyTitle = (cast: Cast) => `${cast.city}市青年企业家商会召开第三届会员大会`;
const jobFairTitle = (cast: Cast) => `${cast.county}县工商联举办民营企业专场招聘会`;

const jobFair = (cast: Cast, firms: string, jobs: string, extra: string[] = []): string =>
  page(jobFairTitle(cast), `${cast.county}县工商业联合会`, [
    `6月2日，${cast.county}县工商联举办民营企业专场招聘会，${firms}家会员企业提供就业岗位${jobs}个。`,
    `${cast.county}县工商联主席${cast.president}在招聘会上表示：“工商联将持续搭建平台，帮助会员企业解决用工难题。”`,
    ...extra,
  ]);

const pagesOf = (cast: Cast): Record<string, string> => ({
  [`${cast.id}-assembly.txt`]: page(assemblyTitle(cast), `${cast.city}商会网`, [
    `5月20日，${cast.city}市青年企业家商会第三届会员大会在市民营经济服务中心召开，120余名会员企业代表出席会议。`,
    `${cast.city}市青年企业家商会会长${cast.chair}主持会议并讲话。`,
    `${cast.chair}表示：“新一届理事会将围绕服务会员的宗旨，带领青年企业家在产业升级中发挥更大作用。”`,
  ]),
  // The same chamber and its chairman again, on a page of the same batch.
  [`${cast.id}-charity.txt`]: page(`${cast.city}市青年企业家商会开展爱心助学活动`, `${cast.city}商会网`, [
    `5月25日，${cast.city}市青年企业家商会开展爱心助学活动，为${cast.city}市实验小学送去图书2000册。`,
    `${cast.city}市青年企业家商会会长${cast.chair}带队参加活动。`,
  ]),
  [`${cast.id}-job-fair.txt`]: jobFair(cast, '40余', '600多'),
  [`${cast.id}-scholarship.txt`]: page(`${cast.town}市总商会向山区学校捐赠助学金`, `${cast.town}市总商会`, [
    `5月10日，${cast.town}市总商会在青溪镇中心小学举行助学金捐赠仪式，向山区学校捐赠助学金38万元。`,
    `${cast.town}市总商会秘书长${cast.secretary}出席仪式并讲话。`,
  ]),
});

const writePages = (pages: Record<string, string>): void => {
  for (const [name, text] of Object.entries(pages)) fs.writeFileSync(path.join(pagesDirectory, name), text);
};

/**
 * Imports the named pages only, so one test never re-imports another's. Each page has a URL of its
 * own, so the casts' look-alike pages are never taken for one article that moved.
 */
const importPages = (pages: Record<string, string>) =>
  runImport({
    paths: Object.keys(pages).map((name) => path.join(pagesDirectory, name)),
    dryRun: false,
    publish: true,
    locale: 'zh-Hans',
    strapi: app.strapi,
    baseUrl: 'https://news.example.org/',
  });

/** Writes and imports a cast's pages, and forgets the events that import sent. */
const imported = async (cast: Cast): Promise<Record<string, string>> => {
  const pages = pagesOf(cast);
  writePages(pages);
  expect((await importPages(pages)).summary.failed).toBe(0);
  await receiver.settled();
  return pages;
};

/** Every document of the newsroom's types, as `uid documentId`. */
const allDocuments = async (): Promise<string[]> => {
  const found: string[] = [];
  for (const uid of TYPES) {
    const rows = (await app.strapi.db.query(uid).findMany({ where: { publishedAt: null }, select: ['documentId'] })) as Array<{ documentId: string }>;
    found.push(...rows.map((row) => `${uid} ${row.documentId}`));
  }
  return found.sort();
};

const described = (receipts: Receipt[]): string[] => receipts.map((receipt) => `${receipt.uid} ${receipt.entry.documentId} ${receipt.event}`).sort();

const articleTitled = async (title: string): Promise<{ documentId: string } & Record<string, unknown>> => {
  const found = (await app.strapi.db.query(ARTICLE).findOne({
    where: { title, publishedAt: null },
    populate: { mentionedOrganisations: true, mentionedPersons: true, mentionedInitiatives: true },
  })) as ({ documentId: string } & Record<string, unknown>) | null;
  if (found === null) throw new Error(`no article titled ${title}`);
  return found;
};

describe('webhooks for imported content', () => {
  test('an import that publishes new pages sends one entry.create and one entry.publish for every record it wrote, and nothing else', async () => {
    const pages = pagesOf(CASTS.fresh);
    writePages(pages);
    const before = await allDocuments();
    const report = await importPages(pages);
    expect(report.summary.failed).toBe(0);
    const got = await receiver.settled();

    const added = (await allDocuments()).filter((document) => !before.includes(document));
    expect(added.filter((document) => document.startsWith(ARTICLE))).toHaveLength(4);
    expect(added.length).toBeGreaterThan(6);
    expect(described(got)).toEqual(added.flatMap((document) => [`${document} entry.create`, `${document} entry.publish`]).sort());

    const article = got.find((receipt) => receipt.uid === ARTICLE && receipt.event === 'entry.publish') as Receipt;
    expect(article.entry.publishedAt).not.toBeNull();
    expect(article.entry.locale).toBe('zh-Hans');
    // The payload is the entry as the Document Service sends it: its relations and components, never its private fields.
    expect(article.entry).toHaveProperty('mentionedPersons');
    expect(article.entry).toHaveProperty('body');
    expect(article.entry).not.toHaveProperty('importKey');
    expect(article.entry).not.toHaveProperty('rawText');
    const created = got.find((receipt) => receipt.uid === ARTICLE && receipt.event === 'entry.create') as Receipt;
    expect(created.entry.publishedAt).toBeNull();
  });

  test('importing the same pages again sends nothing', async () => {
    const pages = await imported(CASTS.again);
    await importPages(pages);
    expect(await receiver.settled()).toEqual([]);
  });

  test("a page that changed sends events for its article and its records only: the article's entry.update and entry.publish once each", async () => {
    const cast = CASTS.changed;
    await imported(cast);
    const before = await articleTitled(jobFairTitle(cast));
    const changed = { [`${cast.id}-job-fair.txt`]: jobFair(cast, '50余', '800多', [`${cast.county}宏远机械有限公司总经理欧阳立新介绍，企业当天收到简历80多份。`]) };
    writePages(changed);
    await importPages(changed);
    const got = await receiver.settled();
    const after = await articleTitled(jobFairTitle(cast));

    const ofArticle = got.filter((receipt) => receipt.uid === ARTICLE);
    expect(described(ofArticle)).toEqual([`${ARTICLE} ${before.documentId} entry.publish`, `${ARTICLE} ${before.documentId} entry.update`]);
    const linked = new Set(
      ['mentionedOrganisations', 'mentionedPersons', 'mentionedInitiatives'].flatMap((field) =>
        ((after[field] ?? []) as Array<{ documentId: string }>).map((row) => row.documentId)
      )
    );
    const others = got.filter((receipt) => receipt.uid !== ARTICLE);
    expect(others.length).toBeGreaterThan(0);
    for (const receipt of others) expect(linked).toContain(receipt.entry.documentId);
    // Each record of the page heard of each change once.
    expect(new Set(described(got)).size).toBe(got.length);
  });

  test('a batch that rolls back sends nothing for it: its good pages, written again one by one, are announced once', async () => {
    const cast = CASTS.rollback;
    await imported(cast);
    // The changed page's article is refused at the batch's end, after the new pages' rows were written.
    const refused = await articleTitled(jobFairTitle(cast));
    const refuse = (async (context: { uid: string; action: string; params: { documentId?: unknown } }, next: () => Promise<unknown>) => {
      if (context.uid === ARTICLE && context.action === 'update' && context.params.documentId === refused.documentId) throw new Error('refused by a test middleware');
      return next();
    }) as Parameters<typeof app.strapi.documents.use>[0];
    const remove = app.strapi.documents.use(refuse) as unknown as () => void;
    const before = await allDocuments();
    try {
      const batch = {
        [`${cast.id}-a-forum.txt`]: page('海川市青商会举办数字化转型论坛', '海川青商网', ['5月28日，海川市青年企业家商会举办数字化转型论坛，海川市青年企业家商会副会长宋清和作主题分享。']),
        [`${cast.id}-c-visit.txt`]: page('海川市总商会走访会员企业', '海川市总商会', ['5月30日，海川市总商会会长陶知行带队走访会员企业。']),
        [`${cast.id}-job-fair.txt`]: jobFair(cast, '60余', '900多'),
      };
      writePages(batch);
      const report = await importPages(batch);
      expect(report.summary.failed).toBe(1);
    } finally {
      remove();
    }
    const got = await receiver.settled();
    const added = (await allDocuments()).filter((document) => !before.includes(document));
    expect(added.filter((document) => document.startsWith(ARTICLE))).toHaveLength(2);
    expect(described(got)).toEqual(added.flatMap((document) => [`${document} entry.create`, `${document} entry.publish`]).sort());
    const titles = got.filter((receipt) => receipt.uid === ARTICLE).map((receipt) => receipt.entry.title);
    expect(titles.sort()).toEqual(['海川市总商会走访会员企业', '海川市总商会走访会员企业', '海川市青商会举办数字化转型论坛', '海川市青商会举办数字化转型论坛']);
  });

  test('a record that several pages of one batch change is updated and published once, with every page’s change', async () => {
    const cast = CASTS.recurring;
    const forum = `${cast.city}民营经济发展论坛`;
    const first = {
      [`${cast.id}-forum.txt`]: page(`${cast.city}市青年企业家商会举办民营经济发展论坛`, `${cast.city}商会网`, [
        `5月20日，${forum}在${cast.city}市民营经济服务中心召开，论坛由${cast.city}市青年企业家商会主办。`,
      ]),
    };
    writePages(first);
    expect((await importPages(first)).summary.failed).toBe(0);
    const organisersOf = (receipt: Receipt): string[] => ((receipt.entry.organisers ?? []) as Array<{ name: string }>).map((organiser) => organiser.name);
    const created = (await receiver.settled()).find((receipt) => receipt.uid === INITIATIVE && receipt.entry.name === forum && receipt.event === 'entry.publish');
    expect(created).toBeDefined();
    const before = organisersOf(created as Receipt);
    // Three pages of one batch, each naming another organiser of the same event.
    const counties = [cast.county, cast.town, '东篱'];
    const joining = Object.fromEntries(
      counties.map((county, n) => [
        `${cast.id}-forum-${n}.txt`,
        page(`${county}县工商联组织会员企业参加民营经济发展论坛`, `${county}县工商业联合会`, [`5月20日，${county}县工商联组织会员企业参加${forum}，论坛由${county}县工商联承办。`]),
      ])
    );
    writePages(joining);
    expect((await importPages(joining)).summary.failed).toBe(0);
    const ofForum = (await receiver.settled()).filter((receipt) => receipt.uid === INITIATIVE && receipt.entry.name === forum);
    const published = ofForum.filter((receipt) => receipt.event === 'entry.publish');
    const updated = ofForum.filter((receipt) => receipt.event === 'entry.update');
    expect(published).toHaveLength(1);
    expect(updated).toHaveLength(1);
    for (const receipt of [...updated, ...published]) {
      // Every page's organiser is there, and what the first import found stays.
      expect(organisersOf(receipt).sort()).toEqual([...new Set([...before, ...counties.map((county) => `${county}县工商联`)])].sort());
    }
  });

  test("an editor's save in the admin sends one entry.update, with the entry in the same shape as the importer's", async () => {
    const cast = CASTS.editor;
    const pages = pagesOf(cast);
    writePages(pages);
    await importPages(pages);
    const fromImport = (await receiver.settled()).find((receipt) => receipt.uid === ARTICLE && receipt.event === 'entry.create') as Receipt;
    const article = await articleTitled(assemblyTitle(cast));
    const response = await rest(app.strapi)
      .put(`/content-manager/collection-types/${ARTICLE}/${article.documentId}`)
      .query({ locale: 'zh-Hans' })
      .set('Authorization', `Bearer ${adminToken}`)
      .send({ title: `${assemblyTitle(cast)}（更新）`, mentionedPersons: { connect: [], disconnect: [] } })
      .expect(200);
    expect(response.body.data.title).toContain('更新');
    const got = await receiver.settled();
    expect(described(got)).toEqual([`${ARTICLE} ${article.documentId} entry.update`]);
    expect(Object.keys(got[0].entry).sort()).toEqual(Object.keys(fromImport.entry).sort());
  });

  test("an editor's save of a person, whose positions the newsroom mirrors into relations, sends one entry.update", async () => {
    const cast = CASTS.person;
    await imported(cast);
    const person = (await app.strapi.db.query(PERSON).findOne({ where: { name: cast.chair, publishedAt: null }, select: ['documentId'] })) as { documentId: string };
    await rest(app.strapi)
      .put(`/content-manager/collection-types/${PERSON}/${person.documentId}`)
      .set('Authorization', `Bearer ${adminToken}`)
      .send({ biography: '本地企业家。' })
      .expect(200);
    expect(described(await receiver.settled())).toEqual([`${PERSON} ${person.documentId} entry.update`]);
  });
});
