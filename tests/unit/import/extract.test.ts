import fs from 'fs';
import path from 'path';
import { analyse } from '../../../src/import/analyse';
import { readGoldDirectory } from '../../../src/import/evaluation/gold';
import { prf, scoreDocument } from '../../../src/import/evaluation/score';
import { extract } from '../../../src/import/extract';
import type { Extraction } from '../../../src/import/types';
import { parsedPage } from '../../helpers/parsed-page';

const ROOT = path.resolve(__dirname, '..', '..', '..');

const page = parsedPage;

const extractFile = (file: string): Extraction => {
  const result = analyse({ file, bytes: fs.readFileSync(path.join(ROOT, file)) });
  if (!result.ok) throw new Error(result.problem.message);
  return result.value.extraction;
};

const positionsOf = (extraction: Extraction, name: string) =>
  extraction.persons.find((person) => person.name === name)?.positions.map((p) => [p.title, p.organisation]);

describe('persons and their positions', () => {
  test('an appositive chain gives one person with a position at each organisation', () => {
    const found = extract(page('云州市中小企业协会副会长、云州远航生物科技有限公司董事长林建华在分享中表示：“我们将继续努力。”'));
    expect(positionsOf(found, '林建华')).toEqual([
      ['副会长', '云州市中小企业协会'],
      ['董事长', '云州远航生物科技有限公司'],
    ]);
  });

  test('a compound title is split into its positions at the same organisation', () => {
    const found = extract(page('会上，海川市工商联执行常务副会长兼秘书长赵立军作工作报告。'));
    expect(positionsOf(found, '赵立军')).toEqual([
      ['执行常务副会长', '海川市工商联'],
      ['秘书长', '海川市工商联'],
    ]);
  });

  test('a title without its own organisation takes the one before it in the chain', () => {
    const found = extract(page('云州远航集团党委书记、董事长林若溪出席活动。'));
    expect(positionsOf(found, '林若溪')).toEqual([
      ['党委书记', '云州远航集团'],
      ['董事长', '云州远航集团'],
    ]);
  });

  test('two-character, four-character and compound-surname names end where the sentence goes on', () => {
    const found = extract(page('云州市女企业家协会会长王芳主持会议，云州市商会副会长欧阳明华致辞，云州启明科技有限公司总经理司马文博发言。'));
    expect(found.persons.map((person) => person.name)).toEqual(['王芳', '欧阳明华', '司马文博']);
  });

  test('a short form of an organisation resolves to the full name printed earlier', () => {
    const found = extract(page('海川市青年企业家商会召开年会。', '副会长林若溪代表商会致辞。', '商会秘书长周海燕主持会议。'));
    expect(positionsOf(found, '林若溪')).toEqual([['副会长', '海川市青年企业家商会']]);
    expect(positionsOf(found, '周海燕')).toEqual([['秘书长', '海川市青年企业家商会']]);
  });

  test('市 and 县 short forms take the page’s own city or county', () => {
    const found = extract(page('青岚县工商联召开会议。县工商联党组书记、主席张丽主持会议。'));
    expect(positionsOf(found, '张丽')).toEqual([
      ['党组书记', '青岚县工商联'],
      ['主席', '青岚县工商联'],
    ]);
  });

  test('a list of names before 等会员 is several persons who are members', () => {
    const found = extract(page('云州市湖南商会党支部组织会员参与防控，李明、王小红等会员向医院捐款12万元。'));
    expect(found.persons.map((person) => person.name)).toEqual(['李明', '王小红']);
    expect(positionsOf(found, '李明')).toEqual([['会员', '云州市湖南商会']]);
  });

  test('a name already known followed by a title adds nothing new to the same organisation', () => {
    const found = extract(page('会议由云州市商会驻会副会长任建国主持。', '任建国副会长在总结讲话中指出，要坚定信心。'));
    expect(positionsOf(found, '任建国')).toEqual([['驻会副会长', '云州市商会']]);
  });

  test('people listed after a comma keep the organisation of the person before them', () => {
    const found = extract(page('出席会议的有：云州市工商联党组书记、主席王建国，副主席李晓红，秘书长陈刚。'));
    expect(positionsOf(found, '李晓红')).toEqual([['副主席', '云州市工商联']]);
    expect(positionsOf(found, '陈刚')).toEqual([['秘书长', '云州市工商联']]);
  });

  test('titles in brackets after a name are that person’s positions', () => {
    const found = extract(page('会议邀请了林小燕（云州远航科技有限公司董事长）和周强（云州市商会副会长、秘书长）作交流发言。'));
    expect(positionsOf(found, '林小燕')).toEqual([['董事长', '云州远航科技有限公司']]);
    expect(positionsOf(found, '周强')).toEqual([
      ['副会长', '云州市商会'],
      ['秘书长', '云州市商会'],
    ]);
  });

  test('a title the page does not place is not guessed: the person stays, and the sentence is flagged for review', () => {
    const found = extract(page('座谈会上，副会长周启明介绍了今年的工作安排。'));
    expect(found.persons.map((person) => [person.name, person.positions])).toEqual([['周启明', []]]);
    expect(found.uncertain).toEqual([expect.stringContaining('座谈会上，副会长周启明介绍了今年的工作安排。')]);
  });

  test('words that start with a surname character are not names', () => {
    const found = extract(page('协会会长向全体会员发出倡议。'));
    expect(found.persons).toEqual([]);
  });

  test('pages in traditional characters are read, and names are given back as printed', () => {
    const found = extract(page('長汀市台商協會會長陳志豪帶領協會理事向市紅十字會捐贈口罩。'));
    expect(positionsOf(found, '陳志豪')).toEqual([['會長', '長汀市台商協會']]);
  });
});

describe('organisations', () => {
  test('each organisation has a kind from what its name ends with', () => {
    const found = extract(page('云州市工商联、云州市青年企业家商会、云州市女企业家协会、云州远航科技有限公司、云州市人民医院、云州大学、云州市商务局和云州日报共同参与。'));
    const kinds = Object.fromEntries(found.organisations.map((o) => [o.name, o.kind]));
    expect(kinds).toMatchObject({
      云州市工商联: 'federation_of_industry_and_commerce',
      云州市青年企业家商会: 'chamber_of_commerce',
      云州市女企业家协会: 'association',
      云州远航科技有限公司: 'company',
      云州市人民医院: 'hospital',
      云州大学: 'university',
      云州市商务局: 'government_body',
      云州日报: 'media',
    });
  });

  test('a party organisation belongs to the organisation it is named after', () => {
    const found = extract(page('云州市湖南商会党支部动员全体党员。'));
    const party = found.organisations.find((o) => o.name === '云州市湖南商会党支部');
    expect(party).toMatchObject({ kind: 'party_organisation', parent: '云州市湖南商会' });
    expect(found.organisations.map((o) => o.name)).toContain('云州市湖南商会');
  });

  test('a kind of institution is not an organisation', () => {
    const found = extract(page('它是首个以中医医院运转模式来管理的医院，用方舱医院这样的方式控制扩散，云州市人民医院也派出了医生。'));
    expect(found.organisations.map((o) => o.name)).toEqual(['云州市人民医院']);
  });

  test('organisations inside a book title are not mentions', () => {
    const found = extract(page('商会印发《致云州市总商会全体会员的一封信》。'));
    expect(found.organisations.map((o) => o.name)).not.toContain('云州市总商会');
  });
});

describe('initiatives', () => {
  test('book titles are publications, policies or campaigns by what they end with', () => {
    const found = extract(page('云州市商会编发《商会通讯》，推动出台《关于支持民营企业发展的若干措施》，并发出《携手抗疫》倡议书。'));
    const kinds = Object.fromEntries(found.initiatives.map((i) => [i.name, i.kind]));
    expect(kinds).toMatchObject({ 商会通讯: 'publication', 关于支持民营企业发展的若干措施: 'policy', 携手抗疫: 'campaign' });
  });

  test('a quoted event name is an initiative, a slogan is not', () => {
    const found = extract(page('由云州市商会与云州市人民政府联合主办的“2023云州民营企业家高峰论坛”将于9月举行，落实“六稳”“六保”要求。'));
    expect(found.initiatives.map((i) => [i.name, i.kind])).toEqual([['2023云州民营企业家高峰论坛', 'event']]);
    expect(found.initiatives[0].organisers.sort()).toEqual(['云州市人民政府', '云州市商会'].sort());
  });

  test('each donor’s donation is an initiative with its amounts', () => {
    const found = extract(page('云州市福建商会向市慈善总会捐赠了价值约8万元的防疫物资，云州市浙江商会捐款12.5万元。'));
    const donations = found.initiatives.filter((i) => i.kind === 'donation');
    expect(donations.map((d) => [d.organisers, d.amounts.map((a) => a.value)])).toEqual([
      [['云州市福建商会'], [80000]],
      [['云州市浙江商会'], [125000]],
    ]);
  });

  test('a collective total is an amount but not a donor’s donation', () => {
    const found = extract(page('全市商会和民营企业共捐助款物超2.5亿元。'));
    expect(found.amounts.map((a) => a.value)).toEqual([250000000]);
    expect(found.initiatives).toEqual([]);
  });
});

describe('quotes', () => {
  test('who said what, with nested quotes kept whole and the speaker’s printed title', () => {
    const found = extract(page('云州市商会副会长林若溪在分享中表示：“我们要发扬“敢闯敢干再向前”的精神。”'));
    expect(found.quotes).toMatchObject([{ speaker: '林若溪', speakerTitle: '云州市商会副会长', text: '我们要发扬“敢闯敢干再向前”的精神。' }]);
  });

  test('他 and 她 refer to the person named before', () => {
    const found = extract(page('云州市商会会长孙建国致开班辞。他说：“希望大家学以致用，把政策红利转化为发展动力。”'));
    expect(found.quotes.map((q) => q.speaker)).toEqual(['孙建国']);
  });

  test('ASCII quotes are read too', () => {
    const found = extract(page('云州远航科技有限公司董事长范明在分享中表示:"希望用创新的力量，早日走出困境。"'));
    expect(found.quotes.map((q) => q.speaker)).toEqual(['范明']);
  });
});

describe('the bundled sample pages, against what a careful editor lists (data/eval/bundled/gold)', () => {
  const golds = readGoldDirectory(path.join(ROOT, 'data/eval/bundled/gold'));
  test.each([...golds.keys()])('%s: every person and every amount of money, and nothing else; no position wrong and most found', (stem) => {
    const gold = golds.get(stem);
    if (gold === undefined) throw new Error(`no gold for ${stem}`);
    const found = extractFile(`data/documents/${stem}.txt`);
    const report = { persons: found.persons, organisations: found.organisations, amounts: found.amounts, initiatives: found.initiatives, article: null, status: 'ok' };
    const score = scoreDocument(report, gold);
    expect(score.persons).toEqual({ tp: gold.persons.length, fp: 0, fn: 0 });
    expect(score.amounts).toEqual({ tp: gold.amounts.length, fp: 0, fn: 0 });
    expect(score.positions.fp).toBe(0);
    expect(prf(score.positions).recall).toBeGreaterThanOrEqual(0.85);
  });
});

describe('pages in other styles', () => {
  test('a county federation page: titles, compound titles, short forms and an amount in Chinese numerals', () => {
    const found = extractFile('tests/fixtures/styles/county-federation.txt');
    // The organisation is named as fully as the page prints it, with its second name in brackets.
    expect(positionsOf(found, '赵立军')).toEqual([
      ['执行常务副会长', '青岚县工商联（总商会）'],
      ['秘书长', '青岚县工商联（总商会）'],
    ]);
    expect(positionsOf(found, '李娜')).toEqual([
      ['董事长', '青岚华腾新材料股份有限公司'],
      ['副主席', '青岚县工商联（总商会）'],
    ]);
    expect(positionsOf(found, '司马文博')).toEqual([
      ['会员', '青岚县工商联（总商会）'],
      ['总经理', '青岚鼎盛食品有限公司'],
    ]);
    expect(found.amounts.map((a) => a.value)).toEqual([50000000, 120000000]);
    expect(found.quotes.map((q) => q.speaker)).toEqual(['欧阳明华']);
  });

  test('an election page: results printed as lists, colleagues listed after a company title, an amount without 元', () => {
    const found = extractFile('tests/fixtures/styles/election.txt');
    const chamber = '江南省浙江商会';
    for (const name of ['王立新', '郑美玲', '胡海涛']) expect(positionsOf(found, name)).toEqual([['常务副会长', chamber]]);
    expect(positionsOf(found, '蒋文')).toEqual([['秘书长', chamber]]);
    expect(positionsOf(found, '刘洋')).toEqual([['副主任', '江南省经济合作办公室']]);
    expect(positionsOf(found, '钱程')).toEqual([['副总经理', '江南瑞丰控股集团有限公司']]);
    expect(found.amounts.map((a) => [a.text, a.value])).toEqual([['100万', 1000000]]);
    expect(found.initiatives.filter((i) => i.kind === 'event').map((i) => [i.name, i.organisers])).toEqual([
      ['江南省浙江商会第三届会员大会暨换届选举大会', [chamber]],
    ]);
  });

  test('a county page with a list of company donations and a total', () => {
    const found = extractFile('tests/fixtures/styles/county-donations.html');
    const donations = found.initiatives.filter((i) => i.kind === 'donation').map((i) => [i.organisers[0], i.amounts.map((a) => a.value)]);
    expect(donations).toEqual([
      ['碧水兴安建材有限公司', [100000]],
      ['碧水瑞丰电子科技有限公司', [80000]],
      ['碧水丰源农业发展有限公司', [50000]],
    ]);
    expect(found.amounts.map((a) => a.value)).toEqual([100000, 80000, 50000, 230000]);
    expect(positionsOf(found, '何文')).toEqual([['党组书记', '碧水县工商联']]);
    expect(found.organisations.map((o) => o.name)).not.toContain('碧水县总商会');
  });

  test('a WeChat-style page: dateline above the title, 文/图 credit, a village party secretary', () => {
    const result = analyse({ file: 'wechat.txt', bytes: fs.readFileSync(path.join(ROOT, 'tests/fixtures/styles/wechat.txt')) });
    if (!result.ok) throw new Error(result.problem.message);
    expect(result.value.parsed.date).toBe('2023-05-12');
    expect(result.value.parsed.reporter).toBe('郑晓');
    const found = result.value.extraction;
    expect(positionsOf(found, '韦一鸣')).toEqual([
      ['会长', '云州市青年商会'],
      ['董事长', '云州启明科技有限公司'],
      ['总经理', '云州启明科技有限公司'],
    ]);
    expect(positionsOf(found, '田丰')).toEqual([
      ['党支部书记', '白沙村'],
      ['主任', '白沙村'],
    ]);
    expect(found.amounts.map((a) => [a.value, a.approximate])).toEqual([
      [2000000, true],
      [15000000, true],
    ]);
  });

  test('a newspaper page: 本报讯 byline, elected officers, bureau chiefs, no preposition taken for a surname', () => {
    const result = analyse({ file: 'newspaper.txt', bytes: fs.readFileSync(path.join(ROOT, 'tests/fixtures/styles/newspaper.txt')) });
    if (!result.ok) throw new Error(result.problem.message);
    expect([result.value.parsed.reporter, result.value.parsed.correspondent]).toEqual(['许可', '魏宁']);
    const found = result.value.extraction;
    const association = '金塘市电子商务协会';
    // Everyone named is a person, the reporter and the correspondent of the byline included.
    expect(found.persons.map((p) => p.name)).toEqual(['许可', '魏宁', '曹卫国', '冯丽', '邵宇', '丁佳', '邹凯', '彭飞']);
    // 市民政局 is named as printed: the page never prints the city's bureau in full.
    expect(positionsOf(found, '冯丽')).toEqual([['副局长', '市民政局']]);
    expect(positionsOf(found, '邵宇')).toEqual([
      ['董事长', '金塘远帆网络科技有限公司'],
      ['会长', association],
    ]);
    expect(positionsOf(found, '丁佳')).toEqual([
      ['总经理', '金塘云集供应链管理有限公司'],
      ['副会长', association],
    ]);
    expect(positionsOf(found, '彭飞')).toEqual([['秘书长', association]]);
  });

  test('a page in traditional characters', () => {
    const found = extractFile('tests/fixtures/styles/traditional.html');
    expect(found.persons.map((p) => p.name)).toEqual(['陳志豪', '黃玉蘭']);
    expect(found.amounts.map((a) => [a.value, a.approximate])).toEqual([[150000, true]]);
  });

  test('a training page: a chairman with a party title, a quoted training and a company donation', () => {
    const found = extractFile('tests/fixtures/styles/training.txt');
    expect(positionsOf(found, '孙建国')).toEqual([
      ['会长', '西岭市民营企业协会'],
      ['党委书记', '西岭天成实业集团有限公司'],
      ['董事长', '西岭天成实业集团有限公司'],
    ]);
    expect(found.initiatives.map((i) => [i.name, i.kind])).toEqual(
      expect.arrayContaining([
        ['“助企纾困”专项培训班', 'training'],
        ['西岭天成实业集团有限公司捐赠', 'donation'],
      ])
    );
    expect(found.quotes.map((q) => q.speaker)).toEqual(['孙建国']);
  });
});

describe('one position per post', () => {
  test('a title printed again after the name, without its organisation, is the same post', () => {
    const found = extract(page('云州市政协副主席、工商联主席周海燕出席会议。', '周海燕主席在讲话中指出，要坚定发展信心。'));
    expect(positionsOf(found, '周海燕')).toEqual([
      ['副主席', '云州市政协'],
      ['主席', '市工商联'],
    ]);
  });
});
