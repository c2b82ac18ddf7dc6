import fs from 'fs';
import path from 'path';

/**
 * A deterministic corpus of pages that look like the scraped ones: site header and breadcrumbs, a
 * title, a 来源/日期 line, paragraphs naming people with titles at organisations, donations with
 * amounts, quotes, photo captions and a footer with ICP numbers and links to other chambers. The
 * same seed always gives the same pages. Names are drawn from pools, so organisations and people
 * recur across pages the way they do on a real site.
 */

export type Random = { next: () => number; int: (min: number, max: number) => number; pick: <T>(items: readonly T[]) => T };

/** mulberry32: small, fast and good enough to vary test data. */
export const seededRandom = (seed: number): Random => {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return { next, int, pick: (items) => items[Math.floor(next() * items.length)] };
};

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗', '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '萧', '田', '董', '潘', '袁', '蔡', '蒋', '余', '于', '杜', '叶', '程', '魏', '苏', '吕', '丁', '任', '沈', '姚', '卢', '姜', '崔', '钟', '谭', '陆', '汪', '范', '金', '石', '廖', '贾', '夏', '韦', '方', '白', '邹', '孟', '熊', '秦', '邱', '江', '尹', '薛', '闫', '段', '雷', '侯', '龙', '史', '陶', '黎', '贺', '顾', '毛', '郝', '龚', '邵', '万', '钱', '严', '覃', '武', '戴', '莫', '孔', '向', '汤', '欧阳', '司马', '上官'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀', '霞', '平', '刚', '桂', '英', '华', '建', '国', '志', '文', '海', '红', '林', '玉', '春', '荣', '新', '宏', '晓', '德', '亮', '鹏', '飞', '云', '峰', '俊', '松', '成', '东', '辉', '兴', '安', '宁', '博', '嘉', '振', '祥', '瑞', '泽', '浩', '宇', '晨'];
const PLACES = ['海川', '云州', '青岚', '江陵', '北湖', '南屿', '临溪', '石桥', '金塘', '白鹭', '东莱', '西岭', '长汀', '碧水', '丰源', '福宁', '兴安', '瑞丰'];
const PROVINCES = ['江南省', '岭东省', '河西省', '山北省'];
const INDUSTRIES = ['科技', '实业', '电子', '新材料', '生物医药', '食品', '纺织', '建设', '物流', '能源', '贸易', '文化传媒', '农业', '机械', '环保'];
const CORES = ['远航', '恒信', '华腾', '鼎盛', '宏图', '瑞达', '金诚', '天成', '博远', '新辰', '润泽', '永盛', '合创', '嘉禾', '启明', '星河'];
const COMPANY_SUFFIXES = ['有限公司', '股份有限公司', '集团有限公司', '集团'];
const CHAMBER_KINDS = ['商会', '总商会', '青年企业家商会', '女企业家协会', '工商业联合会', '企业家协会', '民营企业协会'];
const TITLES_CHAMBER = ['会长', '副会长', '常务副会长', '执行会长', '秘书长', '副秘书长', '监事长', '名誉会长'];
const TITLES_COMPANY = ['董事长', '总经理', '董事局主席', '执行董事', '总裁'];
const ITEMS = ['防疫物资', '医用口罩', '防护服', '消毒液', '助学金', '慰问品'];
const RECIPIENTS = ['市红十字会', '市慈善总会', '县人民医院', '乡村小学', '社区卫生服务中心'];
const EVENTS = ['企业家座谈会', '经济发展论坛', '商会年会', '民营经济高质量发展大会', '产业对接会', '公益助学活动'];
const VERBS = ['表示', '指出', '强调', '介绍说'];
const SAYINGS = [
  '我们将继续发挥商会的桥梁纽带作用，团结广大会员企业共克时艰。',
  '企业发展离不开良好的营商环境，商会要做好服务工作。',
  '这次捐赠体现了民营企业家的社会责任感，我们倍感振奋。',
  '希望大家坚定信心，抓住机遇，推动产业转型升级。',
];

export type Person = { name: string; positions: Array<{ title: string; organisation: string }> };

export type GeneratedPage = { file: string; text: string; persons: Person[]; amounts: string[] };

const personName = (random: Random) =>
  `${random.pick(SURNAMES)}${random.pick(GIVEN)}${random.next() < 0.7 ? random.pick(GIVEN) : ''}`;

const chamberName = (random: Random) => `${random.pick(PLACES)}市${random.pick(CHAMBER_KINDS)}`;

const companyName = (random: Random) => `${random.pick(PLACES)}${random.pick(CORES)}${random.pick(INDUSTRIES)}${random.pick(COMPANY_SUFFIXES)}`;

const amountText = (random: Random): string => {
  const form = random.int(0, 5);
  if (form === 0) return `${random.int(2, 99)}万余元`;
  if (form === 1) return `${random.int(1, 9)}.${random.int(1, 9)}万元`;
  if (form === 2) return `约${random.int(1, 50)}万元`;
  if (form === 3) return `${random.int(100, 9000)}多万元`;
  if (form === 4) return `超${random.int(1, 5)}亿元`;
  return `${random.int(10, 500)}万元`;
};

/** A stable pool of people, so the same person at the same organisation appears on many pages. */
export const peoplePool = (random: Random, size: number): Person[] =>
  Array.from({ length: size }, () => ({
    name: personName(random),
    positions: [
      { title: random.pick(TITLES_CHAMBER), organisation: chamberName(random) },
      { title: random.pick(TITLES_COMPANY), organisation: companyName(random) },
    ],
  }));

export const generatePage = (random: Random, index: number, pool: Person[]): GeneratedPage => {
  const site = `${random.pick(PROVINCES)}${random.pick(['工商业联合会', '总商会', '民营企业协会'])}`;
  const people = Array.from({ length: random.int(3, 6) }, () => random.pick(pool)).filter(
    (person, position, all) => all.findIndex((other) => other.name === person.name) === position
  );
  const host = people[0].positions[0].organisation;
  const event = `${random.int(2015, 2024)}年${host}${random.pick(EVENTS)}`;
  const year = random.int(2015, 2024);
  const date = `${year}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`;
  const title = `${host}举办${random.pick(EVENTS)}（第${index + 1}期）`;
  const amounts: string[] = [];
  const paragraphs: string[] = [];
  paragraphs.push(
    `${date.slice(0, 4)}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日,${event}在${random.pick(PLACES)}市召开。会议由${people[0].positions[0].organisation}${people[0].positions[0].title}${people[0].name}主持,${people.length + random.int(20, 200)}名会员企业代表参加会议。`
  );
  for (const person of people.slice(1)) {
    const amount = amountText(random);
    amounts.push(amount);
    const [chamber, company] = person.positions;
    paragraphs.push(
      `${chamber.organisation}${chamber.title}、${company.organisation}${company.title}${person.name}向${random.pick(RECIPIENTS)}捐赠了价值${amount}的${random.pick(ITEMS)},并捐赠口罩${random.int(1, 9)}000只。`
    );
    if (random.next() < 0.5) {
      paragraphs.push(`${person.name}在发言中${random.pick(VERBS)}:“${random.pick(SAYINGS)}”`);
    }
  }
  const captionAt = random.int(1, Math.max(1, paragraphs.length - 1));
  const body = paragraphs.flatMap((paragraph, position) =>
    position === captionAt ? ['', `${people[0].name}在${random.pick(EVENTS)}上讲话`, paragraph] : [paragraph]
  );
  const footerLinks = Array.from({ length: 8 }, () => `${random.pick(PLACES)}${random.pick(['工商联', '总商会', '青年商会'])}`);
  const text = [
    `${site}`,
    '首页  新闻中心  商会动态  会员风采  |',
    `您现在的位置:首页 > 新闻中心 > 商会动态`,
    title,
    `来源:${site}     日期:${date}`,
    '',
    ...body.map((line) => (line === '' ? '  ' : `  ${line}`)),
    '',
    `主办单位:${site} 技术支持:${random.pick(PLACES)}网络科技有限公司`,
    `地址:${random.pick(PLACES)}市人民路${random.int(1, 300)}号 联系电话:0${random.int(100, 999)}-${random.int(1000000, 9999999)}`,
    `ICP备案号:${random.pick(['苏', '浙', '京', '粤'])}ICP备${random.int(10000000, 99999999)}号-1`,
    '',
    ...footerLinks.flatMap((link) => [link, '']),
  ].join('\n');
  return { file: `page-${String(index).padStart(6, '0')}.txt`, text, persons: people, amounts };
};

/** Writes `count` pages into `directory`, one at a time, and returns nothing it has to keep. */
export const writeCorpus = (directory: string, count: number, seed = 20200410): void => {
  fs.mkdirSync(directory, { recursive: true });
  const random = seededRandom(seed);
  const pool = peoplePool(random, Math.max(20, Math.round(count / 4)));
  for (let index = 0; index < count; index += 1) {
    const page = generatePage(random, index, pool);
    fs.writeFileSync(path.join(directory, page.file), page.text);
  }
};

if (require.main === module) {
  const [directory, count, seed] = process.argv.slice(2);
  if (directory === undefined) {
    console.error('usage: corpus <directory> [count=2000] [seed]');
    process.exit(2);
  }
  writeCorpus(directory, Number(count ?? 2000), seed === undefined ? undefined : Number(seed));
}
