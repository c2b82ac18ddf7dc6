import fs from 'fs';
import path from 'path';
import { analyse } from '../../../src/import/analyse';
import { extract } from '../../../src/import/extract';
import { findAmounts, parseChineseNumber } from '../../../src/import/extraction/amounts';
import type { Extraction, ParsedPage } from '../../../src/import/types';

const ROOT = path.resolve(__dirname, '..', '..', '..');

const page = (...paragraphs: string[]): ParsedPage => ({
  file: 'test.txt',
  title: null,
  date: null,
  source: null,
  url: null,
  reporter: null,
  correspondent: null,
  editor: null,
  blocks: paragraphs.map((text) => ({ type: 'paragraph', text })),
  warnings: [],
});

const extractFile = (file: string): Extraction => {
  const result = analyse({ file, bytes: fs.readFileSync(path.join(ROOT, file)) });
  if (!result.ok) throw new Error(result.problem.message);
  return result.value.extraction;
};

const positionsOf = (extraction: Extraction, name: string) =>
  extraction.persons.find((person) => person.name === name)?.positions.map((p) => [p.title, p.organisation]);

describe('amounts', () => {
  test.each([
    ['累计5100多万元', '5100多万元', 51000000, 'CNY', true],
    ['超2.5亿元', '超2.5亿元', 250000000, 'CNY', true],
    ['价值约3.6万美元的物资', '约3.6万美元', 36000, 'USD', true],
    ['捐款12.3万元', '12.3万元', 123000, 'CNY', false],
    ['30余万元', '30余万元', 300000, 'CNY', true],
    ['24万余元', '24万余元', 240000, 'CNY', true],
    ['五千万元', '五千万元', 50000000, 'CNY', false],
    ['一亿二千万元', '一亿二千万元', 120000000, 'CNY', false],
    ['人民币1,000万元', '人民币1,000万元', 10000000, 'CNY', false],
    ['近两千万元', '近两千万元', 20000000, 'CNY', true],
    ['500万港元', '500万港元', 5000000, 'HKD', false],
    ['10万元左右', '10万元左右', 100000, 'CNY', true],
    ['逾80万欧元', '逾80万欧元', 800000, 'EUR', true],
  ])('%s is %s = %d %s (approximate: %s)', (text, printed, value, currency, approximate) => {
    expect(findAmounts(text).map(({ text: t, value: v, currency: c, approximate: a }) => ({ t, v, c, a }))).toEqual([
      { t: printed, v: value, c: currency, a: approximate },
    ]);
  });

  test.each(['4000只外科口罩', '日产防护服5万余件', '感谢信20多封', '培训企业55000多人次', '举办培训51场', '1月1日元旦', '增长12.3%'])('%s is a count, not money', (text) => {
    expect(findAmounts(text)).toEqual([]);
  });

  test('reads Chinese numerals', () => {
    expect(parseChineseNumber('一亿二千万')).toBe(120000000);
    expect(parseChineseNumber('三十五')).toBe(35);
    expect(parseChineseNumber('两千五百')).toBe(2500);
    expect(parseChineseNumber('十')).toBe(10);
  });
});

describe('persons and their positions', () => {
  test('an appositive chain gives one person with a position at each organisation', () => {
    const found = extract(page('中国中小商业企业协会副会长、上海美迪西生物科技有限公司董事长陈建煌在分享中表示：“我们将继续努力。”'));
    expect(positionsOf(found, '陈建煌')).toEqual([
      ['副会长', '中国中小商业企业协会'],
      ['董事长', '上海美迪西生物科技有限公司'],
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
    const found = extract(page('云州市商会副会长林若溪在分享中表示：“我们要发扬“越是艰险越向前”的精神。”'));
    expect(found.quotes).toEqual([{ speaker: '林若溪', speakerTitle: '云州市商会副会长', text: '我们要发扬“越是艰险越向前”的精神。' }]);
  });

  test('他 and 她 refer to the person named before', () => {
    const found = extract(page('云州市商会会长孙建国致开班辞。他说：“希望大家学以致用，把政策红利转化为发展动力。”'));
    expect(found.quotes.map((q) => q.speaker)).toEqual(['孙建国']);
  });

  test('ASCII quotes are read too', () => {
    const found = extract(page('云州远航科技有限公司董事长范明在分享中表示:"希望用科技的力量，早日打赢这场战役。"'));
    expect(found.quotes.map((q) => q.speaker)).toEqual(['范明']);
  });
});

describe('the bundled sample pages', () => {
  test('000: every person with every position, and only the two amounts of money', () => {
    const found = extractFile('data/documents/000_f1cca717d84457e6.txt');
    const association = '中国中小商业企业协会';
    expect(found.persons.map((person) => person.name)).toEqual(['任兴磊', '陶瑩', '汪官蜀', '陈建煌', '叶文贤', '张伟方', '范世生', '金永淑', '雷根平', '黄方平', '左凌云']);
    expect(positionsOf(found, '任兴磊')).toEqual([['驻会副会长', association]]);
    expect(positionsOf(found, '陶瑩')).toEqual([['副会长', association]]);
    expect(positionsOf(found, '汪官蜀')).toEqual([['副会长', association], ['主任', '重庆曙光产业园区管委会']]);
    expect(positionsOf(found, '范世生')).toEqual([['副会长', association], ['董事长', '叠云（北京）科技股份有限公司']]);
    expect(positionsOf(found, '左凌云')).toEqual([['监事长', association]]);
    expect(positionsOf(found, '雷根平')?.map(([title]) => title)).toEqual(['副院长', '主任', '党总支书记', '队长', '临时党支部书记', '教授']);
    expect(found.amounts.map((a) => [a.text, a.value, a.approximate])).toEqual([
      ['5100多万元', 51000000, true],
      ['约400万元', 4000000, true],
    ]);
    expect(found.quotes.map((q) => q.speaker)).toEqual(['陶瑩', '汪官蜀', '陈建煌', '叶文贤', '张伟方', '范世生', '金永淑', '雷根平', '雷根平']);
    expect(found.organisations.map((o) => o.name)).not.toContain('北京农商互联科技有限公司');
  });

  test('002: the persons, all nine amounts, the donations per donor and no footer organisations', () => {
    const found = extractFile('data/documents/002_ce4251d4c8a5f3e5.txt');
    expect(positionsOf(found, '周海江')).toEqual([
      ['副会长', '中国民间商会'],
      ['主席', '无锡市工商联'],
      ['董事局主席', '红豆集团'],
    ]);
    expect(found.persons.map((p) => p.name).sort()).toEqual(['华金南', '吴杰', '周海江'].sort());
    expect(found.amounts.map((a) => a.text)).toEqual(['24万余元', '12.3万元', '约3.6万美元', '10万元', '1000万元', '32万余元', '28万元', '30余万元', '超2.5亿元']);
    const donors = found.initiatives.filter((i) => i.kind === 'donation').map((i) => i.organisers[0] ?? i.people.join('、'));
    expect(donors).toEqual(expect.arrayContaining(['美国无锡商会', '澳大利亚无锡商会', '英国无锡商会', '周海江', '无锡市溧阳商会党支部']));
    const names = found.organisations.map((o) => o.name);
    expect(names).toEqual(expect.arrayContaining(['无锡市总商会党委', '无锡市湖北商会', '无锡市溧阳商会']));
    expect(names).not.toContain('江苏省工商联黄金珠宝业商会');
    expect(found.organisations.find((o) => o.name === '无锡市总商会党委')?.parent).toBe('无锡市总商会');
  });
});

describe('pages in other styles', () => {
  test('a county federation page: titles, compound titles, short forms and an amount in Chinese numerals', () => {
    const found = extractFile('tests/fixtures/styles/county-federation.txt');
    expect(positionsOf(found, '赵立军')).toEqual([
      ['执行常务副会长', '青岚县工商联'],
      ['秘书长', '青岚县工商联'],
    ]);
    expect(positionsOf(found, '李娜')).toEqual([
      ['董事长', '青岚华腾新材料股份有限公司'],
      ['副主席', '青岚县工商联'],
    ]);
    expect(positionsOf(found, '司马文博')).toEqual([
      ['会员', '青岚县工商联'],
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
    expect(found.persons.map((p) => p.name)).toEqual(['曹卫国', '冯丽', '邵宇', '丁佳', '邹凯', '彭飞']);
    expect(positionsOf(found, '冯丽')).toEqual([['副局长', '金塘市民政局']]);
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
