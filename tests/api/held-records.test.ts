import fs from 'fs';
import os from 'os';
import path from 'path';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { ARTICLE } from '../helpers/seed';
import { runImport } from '../helpers/importer';

/**
 * An import does not hold every initiative it knows: it reads the ones a page names from the
 * database, and lets go of them after each batch (src/import/steps/held-initiatives.ts). Here it
 * holds none at all between batches of one page, so every page after the first finds the
 * initiatives it shares with earlier pages only in the database. The pages are invented, in the
 * genre's style: three articles about one named campaign, one of them with a donation of its own.
 */

const INITIATIVE = 'api::initiative.initiative';

let app: TestApp;
let directory: string;

beforeEach(async () => {
  app = await startStrapi();
  directory = fs.mkdtempSync(path.join(os.tmpdir(), 'held-initiatives-'));
});

afterEach(async () => {
  await app?.stop();
  fs.rmSync(directory, { recursive: true, force: true });
});

const page = (title: string, source: string, paragraphs: string[]): string => [title, `来源：${source}  日期：2024-05-10`, '', ...paragraphs.flatMap((paragraph) => [paragraph, ''])].join('\n');

const CAMPAIGN = '“送政策进企业”活动';

const PAGES: Record<string, string> = {
  '1-launch.txt': page('云州市总商会启动“送政策进企业”活动', '云州市总商会', [
    `5月10日，云州市总商会启动${CAMPAIGN}，组织服务专员走进园区，为会员企业解读减税降费和融资支持政策。`,
    '云州市总商会秘书长林若溪说：“我们要把政策送到企业门口，让会员企业应知尽知、应享尽享。”',
    '活动当天，商会还向云州市慈善总会捐赠助学资金20万元，用于资助家庭困难的在校学生。',
  ]),
  '2-visit.txt': page('云州市总商会“送政策进企业”活动走进高新区', '云州市总商会', [
    `5月17日，云州市总商会${CAMPAIGN}走进高新区，服务专员走访了8家会员企业，现场收集企业诉求30余条。`,
    '高新区商会会长陈启航表示，这样的走访帮助企业及时了解了最新的支持政策。',
  ]),
  '3-summary.txt': page('云州市总商会“送政策进企业”活动惠及企业百余家', '云州市总商会', [
    `截至6月底，云州市总商会${CAMPAIGN}已走访会员企业120余家，协调解决融资、用工等问题40余个。`,
    '云州市总商会会长许知远表示，商会将把这项活动作为服务会员的常态化工作。',
  ]),
};

const importPages = (options: { initiativesHeld?: number } = {}) =>
  runImport({ paths: [directory], dryRun: false, publish: true, locale: 'zh-Hans', strapi: app.strapi, batchPages: 1, ...options });

/** Each stored initiative's name with the titles of the articles that mention it, in a form a test can compare. */
const initiativesAsStored = async () => {
  const rows = (await app.strapi.db.query(INITIATIVE).findMany({
    where: { publishedAt: null },
    select: ['name', 'kind', 'importKey'],
    populate: { mentionedInArticles: { select: ['title'] } },
    orderBy: { importKey: 'asc' },
  })) as Array<{ name: string; kind: string; importKey: string; mentionedInArticles: Array<{ title: string }> }>;
  return rows.map((row) => ({ name: row.name, kind: row.kind, importKey: row.importKey, articles: row.mentionedInArticles.map((article) => article.title).sort() }));
};

const campaignRows = async () => (await initiativesAsStored()).filter((row) => row.name.includes('送政策进企业'));

describe('an import that holds no initiatives between batches', () => {
  test('finds the campaign later pages name in the database, creates it once and links it to all three articles', async () => {
    fs.writeFileSync(path.join(directory, '1-launch.txt'), PAGES['1-launch.txt']);
    fs.writeFileSync(path.join(directory, '2-visit.txt'), PAGES['2-visit.txt']);
    fs.writeFileSync(path.join(directory, '3-summary.txt'), PAGES['3-summary.txt']);
    const report = await importPages({ initiativesHeld: 0 });
    expect(report.summary.failed).toBe(0);
    const campaigns = await campaignRows();
    expect(campaigns).toHaveLength(1);
    expect(campaigns[0].articles).toHaveLength(3);
    // Each initiative is counted once as created, however many pages name it.
    expect(report.summary.records.initiatives.created).toBe((await initiativesAsStored()).length);
  });

  test('stores exactly what an import holding every initiative stores, and a second run changes nothing', async () => {
    for (const [name, text] of Object.entries(PAGES)) fs.writeFileSync(path.join(directory, name), text);
    await importPages({ initiativesHeld: 0 });
    const heldNone = await initiativesAsStored();
    expect(heldNone.length).toBeGreaterThanOrEqual(2);

    const again = await importPages({ initiativesHeld: 0 });
    expect(again.summary.records.articles.unchanged).toBe(3);
    expect(again.summary.records.initiatives.created).toBe(0);
    expect(await initiativesAsStored()).toEqual(heldNone);

    // The same pages into a second newsroom, holding everything.
    await app.stop();
    app = await startStrapi();
    await importPages();
    expect(await initiativesAsStored()).toEqual(heldNone);
  });

  test('a campaign no page names any more is read back at the end of the run and removed as an orphan', async () => {
    for (const [name, text] of Object.entries(PAGES)) fs.writeFileSync(path.join(directory, name), text);
    await importPages({ initiativesHeld: 0 });
    expect(await campaignRows()).toHaveLength(1);

    // The site rewrites its pages without the campaign's name.
    for (const [name, text] of Object.entries(PAGES)) fs.writeFileSync(path.join(directory, name), text.replaceAll(CAMPAIGN, '走访服务工作'));
    const report = await importPages({ initiativesHeld: 0 });
    expect(report.summary.failed).toBe(0);
    expect(await campaignRows()).toHaveLength(0);
    expect(report.reimport?.orphans.removed.some((label) => label.includes('送政策进企业'))).toBe(true);
    const titles = ((await app.strapi.db.query(ARTICLE).findMany({ where: { publishedAt: null }, select: ['title'] })) as Array<{ title: string }>).map((row) => row.title);
    expect(titles).toHaveLength(3);
  });
});
