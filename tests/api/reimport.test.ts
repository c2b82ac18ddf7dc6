import fs from 'fs';
import os from 'os';
import path from 'path';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { ARTICLE, ORGANISATION, PERSON } from '../helpers/seed';
import { runImport } from '../helpers/importer';
import { blocksText } from '../../src/body/blocks';

/**
 * Importing a site again after the importer changed: the same articles (no duplicates), what the
 * importer asserted replaced (no stale links), editors' work kept. The pages are invented, in the
 * genre's style. A change of the rules is stood for by another rules version (RunOptions.rulesVersion);
 * a reading the older rules made, by importing a variant of the page that reads that way.
 */

let app: TestApp;

// Each test imports a site of its own into a newsroom of its own: the importer matches pages by
// path and text and people by name, so two tests sharing a database would share articles and people.
beforeEach(async () => {
  app = await startStrapi();
});

afterEach(async () => {
  await app?.stop();
});

type Options = { dryRun?: boolean; rulesVersion?: string; baseUrl?: string };

const importDirectory = (directory: string, options: Options = {}) =>
  runImport({ paths: [directory], dryRun: options.dryRun ?? false, publish: false, locale: 'zh-Hans', strapi: app.strapi, rulesVersion: options.rulesVersion, baseUrl: options.baseUrl });

const page = (title: string, source: string, paragraphs: string[]): string => [title, `来源：${source}  日期：2024-03-18`, '', ...paragraphs.flatMap((paragraph) => [paragraph, ''])].join('\n');

const CHAMBER_MEETING = (host: string) =>
  page('临江市青年企业家商会召开第三届会员大会', '临江商会网', [
    '3月18日，临江市青年企业家商会第三届会员大会在市民营经济服务中心召开，120余名会员企业代表出席会议。',
    `会议审议通过了第二届理事会工作报告和财务报告，选举产生了第三届理事会。${host}会长韩知远主持会议并讲话。`,
    '韩知远表示：“新一届理事会将围绕服务会员、服务发展的宗旨，带领青年企业家在产业升级中发挥更大作用。”',
    '会上，商会还向市慈善总会捐赠助学资金38万元，用于资助家庭困难的在校学生。',
  ]);

const JOB_FAIR = page('北岭县工商联举办民营企业专场招聘会', '北岭县工商业联合会', [
  '6月2日，北岭县工商联联合县人社局举办民营企业专场招聘会，40余家会员企业提供就业岗位600多个，吸引1500余名求职者到场。',
  '北岭县工商联主席周明澜在招聘会上表示：“工商联将持续搭建平台，帮助会员企业解决用工难题，也为群众就近就业创造条件。”',
  '北岭宏远机械有限公司总经理欧阳立新介绍，企业当天收到简历80多份，初步达成意向20人。',
]);

const POLICY_VISIT = (host: string) =>
  page('云州市总商会开展“送政策进企业”活动', '云州市总商会', [
    '5月10日，云州市总商会组织服务专员走进园区，开展“送政策进企业”活动，为会员企业解读减税降费和融资支持政策。',
    `${host}秘书长林若溪带队走访了6家会员企业，现场收集企业诉求30余条。`,
    '林若溪说：“我们要把政策送到企业门口，让会员企业应知尽知、应享尽享。”',
  ]);

/** The pages as another clean stage would read them: site lines it keeps or drops now, the 来源 line gone. */
const withOtherBoilerplate = (text: string): string =>
  [
    '首页  新闻中心  商会动态  会员风采',
    '您现在的位置：首页 > 新闻中心 > 商会动态',
    ...text.split('\n').filter((line) => !line.startsWith('来源')),
    '图为会议现场',
    '文章关键词：商会 会员大会',
    '【打印本页】【关闭窗口】',
    '版权所有：临江市工商业联合会 备案号：苏ICP备12345678号-1',
  ].join('\n');

/** The meeting's chair and the policy visit's secretary-general as a new reading of their pages ties them to other organisations. */
const NEW_READING = { 'meeting.txt': CHAMBER_MEETING('临江市女企业家协会'), 'policy.txt': POLICY_VISIT('云州市企业联合会') };

const write = (directory: string, pages: Record<string, string>) => {
  for (const [name, text] of Object.entries(pages)) fs.writeFileSync(path.join(directory, name), text);
};

const articleCount = () => app.strapi.db.query(ARTICLE).count({ where: { publishedAt: null } });

const articleTitled = async (title: string) => {
  const [found] = await app.strapi.documents(ARTICLE).findMany({ locale: 'zh-Hans', filters: { title }, populate: { mentionedPersons: true } });
  return found;
};

const personsNamed = (name: string) =>
  app.strapi.db.query(PERSON).findMany({ where: { name, publishedAt: null }, populate: { positions: { populate: { organisation: true } } } }) as Promise<
    Array<{ documentId: string; needsReview: boolean; reviewReason: string | null; positions: Array<{ title: string; organisation: { name: string } | null }> }>
  >;

describe('importing a site again', () => {
  let directory: string;
  let meetingId: string;
  let jobFairId: string;
  let editorsPersonId: string;

  /** The link an editor added to the meeting article: it must survive every re-import below. */
  const expectEditorsLinkKept = async () => {
    const meeting = await app.strapi.documents(ARTICLE).findOne({ documentId: meetingId, locale: 'zh-Hans', populate: { mentionedPersons: true } });
    expect((meeting?.mentionedPersons as Array<{ documentId: string }>).map((person) => person.documentId)).toContain(editorsPersonId);
  };

  /** Every test's starting point: the site's three pages imported under rules-1, and editors at work on them. */
  beforeEach(async () => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'reimport-'));
    write(directory, { 'meeting.txt': CHAMBER_MEETING('临江市青年企业家商会'), 'job-fair.txt': JOB_FAIR, 'policy.txt': POLICY_VISIT('云州市总商会') });
    const report = await importDirectory(directory, { rulesVersion: 'rules-1' });
    expect(report.summary.failed).toBe(0);
    expect(report.summary.records.articles.created).toBe(3);
    meetingId = (await articleTitled('临江市青年企业家商会召开第三届会员大会')).documentId;
    jobFairId = (await articleTitled('北岭县工商联举办民营企业专场招聘会')).documentId;
    // Editors at work: a person of their own linked to the meeting, a better title for the job fair,
    // a biography for the secretary-general the policy page names.
    const editorsPerson = await app.strapi.documents(PERSON).create({ data: { name: '沈清和' } });
    editorsPersonId = editorsPerson.documentId;
    await app.strapi.documents(ARTICLE).update({ documentId: meetingId, locale: 'zh-Hans', data: { mentionedPersons: { connect: [editorsPersonId] } } as never });
    await app.strapi.documents(ARTICLE).update({ documentId: jobFairId, locale: 'zh-Hans', data: { title: '编辑改过的招聘会标题' } });
    const [secretary] = await personsNamed('林若溪');
    await app.strapi.documents(PERSON).update({ documentId: secretary.documentId, data: { biography: '编辑补充的简历。' } });
  });

  afterEach(() => {
    fs.rmSync(directory, { recursive: true, force: true });
  });

  test('a page without a URL changed by one character updates the same article, flagged for review with the similarity', async () => {
    write(directory, { 'job-fair.txt': JOB_FAIR.replace('600多个', '800多个') });
    const before = await articleCount();
    const report = await importDirectory(directory, { rulesVersion: 'rules-1' });
    expect(report.summary.records.articles.created).toBe(0);
    expect(report.summary.records.articles.updated).toBe(1);
    expect(await articleCount()).toBe(before);
    const page = report.reimport?.pages.find((candidate) => candidate.file.endsWith('job-fair.txt'));
    expect(page?.match).toMatchObject({ rule: 'path', key: 'path:job-fair.txt' });
    const jobFair = await app.strapi.db.query(ARTICLE).findOne({ where: { documentId: jobFairId, publishedAt: null } });
    expect(jobFair.needsReview).toBe(true);
    expect(jobFair.reviewReason).toMatch(/相似度 0\.\d\d/);
    expect(blocksText((await app.strapi.documents(ARTICLE).findOne({ documentId: jobFairId, locale: 'zh-Hans' }))?.body).join('\n')).toContain('800多个');
    // The editor's title stays, and the report says so.
    expect(jobFair.title).toBe('编辑改过的招聘会标题');
    expect(page?.kept).toContain("field title (an editor's version, kept)");
    await expectEditorsLinkKept();
  });

  test('every page read differently by the clean stage is imported again without a single new article', async () => {
    write(directory, {
      'meeting.txt': withOtherBoilerplate(CHAMBER_MEETING('临江市青年企业家商会')),
      'job-fair.txt': withOtherBoilerplate(JOB_FAIR),
      'policy.txt': withOtherBoilerplate(POLICY_VISIT('云州市总商会')),
    });
    const before = await articleCount();
    const report = await importDirectory(directory, { rulesVersion: 'rules-2' });
    expect(report.summary.failed).toBe(0);
    expect(report.summary.records.articles.created).toBe(0);
    expect(report.summary.matches).toMatchObject({ path: 3, new: 0 });
    expect(await articleCount()).toBe(before);
    await expectEditorsLinkKept();
  });

  test('a change of the rules analyses unchanged pages again; the same rules skip them', async () => {
    const same = await importDirectory(directory, { rulesVersion: 'rules-1' });
    expect(same.summary.matches).toMatchObject({ unchanged: 3, path: 0 });
    const changed = await importDirectory(directory, { rulesVersion: 'rules-2' });
    expect(changed.summary.matches).toMatchObject({ unchanged: 0, path: 3, new: 0 });
    expect(changed.summary.records.articles.created).toBe(0);
    const meeting = await app.strapi.db.query(ARTICLE).findOne({ where: { documentId: meetingId, publishedAt: null } });
    expect(meeting.importEvidence.rulesVersion).toBe('rules-2');
    await expectEditorsLinkKept();
  });

  test('a dry run says what reading the pages anew would change, and writes nothing', async () => {
    write(directory, NEW_READING);
    const persons = await app.strapi.db.query(PERSON).count({});
    const report = await importDirectory(directory, { rulesVersion: 'rules-2', dryRun: true });
    const meeting = report.reimport?.pages.find((candidate) => candidate.file.endsWith('meeting.txt'));
    expect(meeting?.match.rule).toBe('path');
    expect(meeting?.changed).toContain('position 韩知远: 会长 @ 临江市青年企业家商会 → position 韩知远: 会长 @ 临江市女企业家协会');
    expect(meeting?.kept.join('\n')).toMatch(/沈清和.*kept/);
    expect(report.reimport?.orphans.candidates).toEqual(expect.arrayContaining(['person 韩知远', 'person 林若溪']));
    // What the real run would do with them: the chair's old record goes, the secretary-general's (an editor wrote her biography) stays, flagged.
    expect(report.reimport?.orphans.removed).toEqual(['person 韩知远']);
    expect(report.reimport?.orphans.flagged).toEqual(['person 林若溪']);
    expect(await app.strapi.db.query(PERSON).count({})).toBe(persons);
    expect(await personsNamed('韩知远')).toHaveLength(1);
  });

  test('a person the new reading ties to another organisation ends as one person with the new position; the old record is removed, or flagged when an editor worked on it', async () => {
    write(directory, NEW_READING);
    const report = await importDirectory(directory, { rulesVersion: 'rules-2' });
    expect(report.summary.failed).toBe(0);
    expect(report.summary.records.articles.created).toBe(0);
    const chair = await personsNamed('韩知远');
    expect(chair).toHaveLength(1);
    expect(chair[0].positions.map((position) => [position.title, position.organisation?.name])).toEqual([['会长', '临江市女企业家协会']]);
    expect(report.reimport?.orphans.removed).toEqual(['person 韩知远']);
    // The secretary-general's old record carries an editor's biography: kept, flagged as orphaned.
    const secretaries = await personsNamed('林若溪');
    expect(secretaries).toHaveLength(2);
    const old = secretaries.find((person) => person.positions.length === 0);
    expect(old?.needsReview).toBe(true);
    expect(old?.reviewReason).toMatch(/已没有文章或记录引用/);
    expect(secretaries.find((person) => person.positions.length > 0)?.positions.map((position) => position.organisation?.name)).toEqual(['云州市企业联合会']);
    expect(report.reimport?.orphans.flagged).toEqual(['person 林若溪']);
    await expectEditorsLinkKept();
  });
});

describe('articles imported before paths and fingerprints were kept', () => {
  test('are found by their text, not duplicated, and keyed by path, or by URL with --base-url', async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'reimport-legacy-'));
    write(directory, {
      'visit.txt': page('云州市青年商会举办企业合规经营培训班', '云州市青年商会', [
        '6月18日，云州市青年商会举办企业合规经营培训班，邀请律师为60余名会员企业负责人讲解合同管理和劳动用工中的法律风险。',
        '云州市青年商会秘书长杜明远主持培训，并介绍了商会今年为会员企业提供法律服务的计划。',
        '参训企业负责人表示，培训内容贴近实际，对规范企业经营很有帮助。',
      ]),
    });
    await importDirectory(directory, { rulesVersion: 'rules-1' });
    const [article] = await app.strapi.db.query(ARTICLE).findMany({ where: { importKey: 'path:visit.txt', publishedAt: null } });
    // As an older importer left it: keyed by a hash of its text, with no fingerprint and no record of its links.
    await app.strapi.db.query(ARTICLE).updateMany({ where: { documentId: article.documentId }, data: { importKey: 'text:0123456789abcdef0123456789abcdef', textFingerprint: null, importedLinks: null } });
    const before = await articleCount();

    const again = await importDirectory(directory, { rulesVersion: 'rules-2' });
    expect(again.summary.records.articles.created).toBe(0);
    expect(again.reimport?.pages[0].match).toMatchObject({ rule: 'fingerprint', key: 'path:visit.txt', matchedKey: 'text:0123456789abcdef0123456789abcdef' });
    expect(await app.strapi.db.query(ARTICLE).count({ where: { documentId: article.documentId, importKey: 'path:visit.txt' } })).toBeGreaterThan(0);

    const withUrl = await importDirectory(directory, { rulesVersion: 'rules-3', baseUrl: 'https://news.example.org/archive/' });
    expect(withUrl.reimport?.pages[0].match).toMatchObject({ rule: 'path', key: 'url:https://news.example.org/archive/visit.txt' });
    expect(await articleCount()).toBe(before);
    expect(await app.strapi.db.query(ORGANISATION).count({ where: { name: '云州市青年商会', publishedAt: null } })).toBe(1);
  });
});
