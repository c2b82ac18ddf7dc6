import fs from 'fs';
import os from 'os';
import path from 'path';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { ARTICLE } from '../helpers/seed';
import { runImport } from '../helpers/importer';
import { INITIATIVE, PERSON } from '../../src/content-types';

/**
 * An import does not hold every initiative and person it knows: it reads the ones a page may mean
 * from the database, and lets go of them after each batch (src/import/steps/held-records.ts). Here
 * it holds none at all between batches of one page, so every page after the first finds the
 * initiatives and persons it shares with earlier pages only in the database. The pages are
 * invented, in the genre's style: three articles about one named campaign, one of them with a
 * donation of its own, and a secretary-general two of them quote.
 */

let app: TestApp;
let directory: string;

beforeEach(async () => {
  app = await startStrapi();
  directory = fs.mkdtempSync(path.join(os.tmpdir(), 'held-records-'));
});

afterEach(async () => {
  await app?.stop();
  fs.rmSync(directory, { recursive: true, force: true });
});

const page = (title: string, source: string, paragraphs: string[]): string => [title, `来源：${source}  日期：2024-05-10`, '', ...paragraphs.flatMap((paragraph) => [paragraph, ''])].join('\n');

const CAMPAIGN = '“送政策进企业”活动';
const SECRETARY_SAYS = '云州市总商会秘书长林若溪说：“我们要把政策送到企业门口，让会员企业应知尽知、应享尽享。”';
const SECRETARY_REPORTS = '云州市总商会秘书长林若溪介绍，服务专员今后每月走访园区一次。';

const PAGES: Record<string, string> = {
  '1-launch.txt': page('云州市总商会启动“送政策进企业”活动', '云州市总商会', [
    `5月10日，云州市总商会启动${CAMPAIGN}，组织服务专员走进园区，为会员企业解读减税降费和融资支持政策。`,
    SECRETARY_SAYS,
    '活动当天，商会还向云州市慈善总会捐赠助学资金20万元，用于资助家庭困难的在校学生。',
  ]),
  '2-visit.txt': page('云州市总商会“送政策进企业”活动走进高新区', '云州市总商会', [
    `5月17日，云州市总商会${CAMPAIGN}走进高新区，服务专员走访了8家会员企业，现场收集企业诉求30余条。`,
    '高新区商会会长陈启航表示，这样的走访帮助企业及时了解了最新的支持政策。',
    SECRETARY_REPORTS,
  ]),
  '3-summary.txt': page('云州市总商会“送政策进企业”活动惠及企业百余家', '云州市总商会', [
    `截至6月底，云州市总商会${CAMPAIGN}已走访会员企业120余家，协调解决融资、用工等问题40余个。`,
    '云州市总商会会长许知远表示，商会将把这项活动作为服务会员的常态化工作。',
  ]),
};

const importPages = (options: { recordsHeld?: number } = {}) =>
  runImport({ paths: [directory], dryRun: false, publish: true, locale: 'zh-Hans', strapi: app.strapi, batchPages: 1, ...options });

/** Each stored initiative's name with the titles of the articles that mention it, in a form a test can compare. */
const initiativesAsStored = async () => {
  const rows = (await app.strapi.db.query(INITIATIVE).findMany({
    where: { publishedAt: null },
    select: ['name', 'kind', 'importKey'],
    populate: { mentionedInArticles: { select: ['title'] }, people: { select: ['name'] }, organisers: { select: ['name'] } },
    orderBy: { importKey: 'asc' },
  })) as Array<{ name: string; kind: string; importKey: string; mentionedInArticles: Array<{ title: string }>; people: Array<{ name: string }>; organisers: Array<{ name: string }> }>;
  return rows.map((row) => ({
    name: row.name,
    kind: row.kind,
    importKey: row.importKey,
    articles: row.mentionedInArticles.map((article) => article.title).sort(),
    people: row.people.map((person) => person.name).sort(),
    organisers: row.organisers.map((organisation) => organisation.name).sort(),
  }));
};

const campaignRows = async () => (await initiativesAsStored()).filter((row) => row.name.includes('送政策进企业'));

/** Each stored person's name and key, with their positions and the titles of the articles that mention them. */
const personsAsStored = async () => {
  const rows = (await app.strapi.db.query(PERSON).findMany({
    where: { publishedAt: null },
    select: ['name', 'importKey', 'importedValues'],
    populate: { positions: { populate: { organisation: { select: ['name'] } } }, mentionedInArticles: { select: ['title'] } },
    orderBy: { importKey: 'asc' },
  })) as Array<{ name: string; importKey: string; importedValues: unknown; positions: Array<{ title: string; organisation: { name: string } | null }>; mentionedInArticles: Array<{ title: string }> }>;
  return rows.map((row) => ({
    name: row.name,
    importKey: row.importKey,
    // What the importer remembers: the fingerprints of what it wrote and which articles claim each position.
    memory: row.importedValues,
    positions: row.positions.map((position) => `${position.title} @ ${position.organisation?.name ?? ''}`).sort(),
    articles: row.mentionedInArticles.map((article) => article.title).sort(),
  }));
};

const secretaryRows = async () => (await personsAsStored()).filter((row) => row.name === '林若溪');

describe('an import that holds no initiatives or persons between batches', () => {
  test('finds the campaign later pages name in the database, creates it once and links it to all three articles', async () => {
    fs.writeFileSync(path.join(directory, '1-launch.txt'), PAGES['1-launch.txt']);
    fs.writeFileSync(path.join(directory, '2-visit.txt'), PAGES['2-visit.txt']);
    fs.writeFileSync(path.join(directory, '3-summary.txt'), PAGES['3-summary.txt']);
    const report = await importPages({ recordsHeld: 0 });
    expect(report.summary.failed).toBe(0);
    const campaigns = await campaignRows();
    expect(campaigns).toHaveLength(1);
    expect(campaigns[0].articles).toHaveLength(3);
    // Each initiative is counted once as created, however many pages name it.
    expect(report.summary.records.initiatives.created).toBe((await initiativesAsStored()).length);
  });

  test('finds the person a later page names in the database: one secretary-general, with her position, mentioned by both articles', async () => {
    for (const [name, text] of Object.entries(PAGES)) fs.writeFileSync(path.join(directory, name), text);
    const report = await importPages({ recordsHeld: 0 });
    expect(report.summary.failed).toBe(0);
    expect(await secretaryRows()).toEqual([
      {
        name: '林若溪',
        importKey: expect.any(String),
        memory: expect.anything(),
        positions: ['秘书长 @ 云州市总商会'],
        articles: ['云州市总商会启动“送政策进企业”活动', '云州市总商会“送政策进企业”活动走进高新区'].sort(),
      },
    ]);
    expect(report.summary.records.persons.created).toBe((await personsAsStored()).length);
  });

  test('a namesake at another organisation, read back from the database, is still flagged for review instead of merged', async () => {
    for (const [name, text] of Object.entries(PAGES)) fs.writeFileSync(path.join(directory, name), text);
    fs.writeFileSync(
      path.join(directory, '4-youth.txt'),
      page('云州市青年企业家协会召开换届大会', '云州市青年企业家协会', ['6月20日，云州市青年企业家协会召开第三次会员大会，选举产生新一届理事会。', '云州市青年企业家协会会长林若溪作工作报告。'])
    );
    const report = await importPages({ recordsHeld: 0 });
    expect(report.summary.failed).toBe(0);
    expect((await secretaryRows()).map((row) => row.positions.join(', ')).sort()).toEqual(['会长 @ 云州市青年企业家协会', '秘书长 @ 云州市总商会'].sort());
    const youth = report.documents.find((document) => document.file.endsWith('4-youth.txt'));
    expect(youth?.needsReview?.some((reason) => reason.includes('同名人物「林若溪」'))).toBe(true);
  });

  test('stores exactly what an import holding every record stores, and a second run changes nothing', async () => {
    for (const [name, text] of Object.entries(PAGES)) fs.writeFileSync(path.join(directory, name), text);
    await importPages({ recordsHeld: 0 });
    const heldNone = { initiatives: await initiativesAsStored(), persons: await personsAsStored() };
    expect(heldNone.initiatives.length).toBeGreaterThanOrEqual(2);
    expect(heldNone.persons.length).toBeGreaterThanOrEqual(3);

    const again = await importPages({ recordsHeld: 0 });
    expect(again.summary.records.articles.unchanged).toBe(3);
    expect(again.summary.records.initiatives.created).toBe(0);
    expect(again.summary.records.persons.created).toBe(0);
    expect({ initiatives: await initiativesAsStored(), persons: await personsAsStored() }).toEqual(heldNone);

    // The same pages into a second newsroom, holding everything.
    await app.stop();
    app = await startStrapi();
    await importPages();
    expect({ initiatives: await initiativesAsStored(), persons: await personsAsStored() }).toEqual(heldNone);
  });

  test('a page that stops naming a person is planned against the person as stored: her position then stands on the other page alone, as when holding everything', async () => {
    const rewrite = () => fs.writeFileSync(path.join(directory, '2-visit.txt'), PAGES['2-visit.txt'].replace(SECRETARY_REPORTS, '服务专员今后每月走访园区一次。'));
    const twoRuns = async (recordsHeld?: number) => {
      for (const [name, text] of Object.entries(PAGES)) fs.writeFileSync(path.join(directory, name), text);
      await importPages({ recordsHeld });
      rewrite();
      const report = await importPages({ recordsHeld });
      expect(report.summary.failed).toBe(0);
      return { initiatives: await initiativesAsStored(), persons: await personsAsStored() };
    };
    const heldNone = await twoRuns(0);
    const [secretary] = heldNone.persons.filter((row) => row.name === '林若溪');
    expect(secretary.articles).toEqual(['云州市总商会启动“送政策进企业”活动']);
    // Her position now stands on the first page's word alone.
    expect(secretary.memory).toMatchObject({ claims: { positions: { '秘书长 @ org:云州市总商会': ['path:1-launch.txt'] } } });

    await app.stop();
    app = await startStrapi();
    expect(await twoRuns()).toEqual(heldNone);
  });

  test('a person an editor linked to the campaign stays linked when a page that names the campaign but not them is imported again', async () => {
    for (const [name, text] of Object.entries(PAGES)) fs.writeFileSync(path.join(directory, name), text);
    await importPages({ recordsHeld: 0 });
    const person = async (name: string) => ((await app.strapi.db.query(PERSON).findMany({ where: { name, publishedAt: null }, select: ['documentId'] })) as Array<{ documentId: string }>)[0];
    const [campaign] = (await app.strapi.db.query(INITIATIVE).findMany({ where: { importKey: `initiative:${CAMPAIGN}`, publishedAt: null }, select: ['documentId'] })) as Array<{ documentId: string }>;
    const president = await person('许知远');
    await app.strapi.documents(INITIATIVE).update({ documentId: campaign.documentId, data: { people: [president.documentId] } as never });

    // The launch page (which does not name the president) now names a second organiser of the
    // campaign, so the campaign is written again.
    fs.writeFileSync(path.join(directory, '1-launch.txt'), PAGES['1-launch.txt'].replace(`总商会启动${CAMPAIGN}`, `总商会联合云州市工商联启动${CAMPAIGN}`));
    const report = await importPages({ recordsHeld: 0 });
    expect(report.summary.records.articles.updated).toBe(1);
    const [stored] = await campaignRows();
    expect(stored.organisers).toContain('云州市工商联');
    expect(stored.people).toEqual(['许知远']);
  });

  test('pages changed since the last run are planned against the persons as stored: a position an editor removed stays removed', async () => {
    for (const [name, text] of Object.entries(PAGES)) fs.writeFileSync(path.join(directory, name), text);
    await importPages({ recordsHeld: 0 });
    const [secretary] = (await app.strapi.db.query(PERSON).findMany({ where: { name: '林若溪', publishedAt: null }, select: ['documentId'] })) as Array<{ documentId: string }>;
    // An editor decides the title is wrong and removes the position.
    await app.strapi.documents(PERSON).update({ documentId: secretary.documentId, data: { positions: [] } as never });

    // Both pages that name her change, so both are planned again, after her record was let go.
    for (const name of ['1-launch.txt', '2-visit.txt']) fs.writeFileSync(path.join(directory, name), `${PAGES[name]}\n本次活动还得到了园区管委会的支持。\n`);
    const report = await importPages({ recordsHeld: 0 });
    expect(report.summary.failed).toBe(0);
    expect(report.summary.records.persons.created).toBe(0);
    const rows = await secretaryRows();
    expect(rows).toHaveLength(1);
    expect(rows[0].positions).toEqual([]);
    expect(rows[0].articles).toHaveLength(2);
  });

  test('a campaign and a person no page names any more are read back at the end of the run and removed as orphans', async () => {
    for (const [name, text] of Object.entries(PAGES)) fs.writeFileSync(path.join(directory, name), text);
    await importPages({ recordsHeld: 0 });
    expect(await campaignRows()).toHaveLength(1);

    expect(await secretaryRows()).toHaveLength(1);

    // The site rewrites its pages without the campaign's name, and without the secretary-general.
    for (const [name, text] of Object.entries(PAGES)) {
      fs.writeFileSync(path.join(directory, name), text.replaceAll(CAMPAIGN, '走访服务工作').replaceAll('秘书长林若溪', '负责人'));
    }
    const report = await importPages({ recordsHeld: 0 });
    expect(report.summary.failed).toBe(0);
    expect(await campaignRows()).toHaveLength(0);
    expect(report.reimport?.orphans.removed.some((label) => label.includes('送政策进企业'))).toBe(true);
    expect(await secretaryRows()).toHaveLength(0);
    expect(report.reimport?.orphans.removed).toContain('person 林若溪');
    const titles = ((await app.strapi.db.query(ARTICLE).findMany({ where: { publishedAt: null }, select: ['title'] })) as Array<{ title: string }>).map((row) => row.title);
    expect(titles).toHaveLength(3);
  });
});
