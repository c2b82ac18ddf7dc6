import type { NameMention, PlaceLevel } from './context';
import { FOLLOWERS, HONORIFICS } from './lexicon/verbs';
import { placeAt } from './places';
import { segment } from './segment';
import { SINGLE_SURNAMES, surnameAt } from './surnames';
import { titleAt } from './titles';
import { isHan } from '../text';

/**
 * Reads a person's name where the grammar expects one: right after a title (会长张三表示), or in a
 * list after a colon or 、. A name is a surname and one or two given-name characters (a compound
 * surname and one or two); how long it is depends on what follows it: a mark, an honorific or a
 * title (先生, 会长), a follower word (表示, 等, 在) or, failing those, where jieba puts a word
 * boundary.
 *
 * Four Han characters are a name only with a compound surname (欧阳明华) or as a married name of
 * two surnames and a two-character given name (陈李美华女士, the Hong Kong and Macau usage), and
 * the married form only when a title or honorific follows right after it: otherwise the
 * fourth character is far more often the first of the next word. Minority and transliterated names
 * are joined with · (阿不都热合曼·艾买提) and may be longer; a name printed with a space to pad it
 * to three characters' width (王 伟) is read without the space.
 */

const ALL_HAN = /^\p{Script=Han}+$/u;
const allHan = (text: string): boolean => ALL_HAN.test(text);

/** Marks that join the parts of a minority or transliterated name. */
const NAME_JOINERS = '·•・‧∙⋅';
const JOINED_NAME = new RegExp(`^\\p{Script=Han}{1,10}(?:[${NAME_JOINERS}]\\p{Script=Han}{1,10})+`, 'u');
const LONGEST_JOINED_NAME = 20;

const FOLLOWERS_LONGEST_FIRST = [...FOLLOWERS].sort((a, b) => b.length - a.length);
/** Followers of one character (在, 等, 说…): they may also be a name's last character. */
const ONE_CHARACTER_FOLLOWERS = new Set(FOLLOWERS.filter((word) => word.length === 1));

/** One-character followers that end a name even before a word: 在, 向, 对… are seldom a given name's last character. */
const ALWAYS_ENDS = new Set([...'在向对为被把给从将于作做']);

/** One-character followers that still end a name right before a mark: 张三说：, 陈红等，. */
const ENDS_BEFORE_MARK = new Set([...'说等和与及称']);

/** Ways of addressing someone by surname and rank, with no given name: 王总, 李董, 张工, 刘局. */
const ADDRESS_BY_RANK = new Set([...'总董局处工老']);

/**
 * Words that begin with a surname character but are not names, where the grammar looks for one:
 * after a title (会长单位, 常务副会长), in a list (全体会员), or before a verb (同时, 高度评价).
 * Genre vocabulary, not people.
 */
const NOT_NAMES = new Set([
  '会员', '全体', '全市', '全省', '全国', '全县', '全区', '全面', '全力', '全程', '全年', '全员', '高度', '高级', '高层', '高管', '高新', '高效', '同时', '同志', '同比', '同期',
  '常务', '常委', '常态', '常年', '党员', '党委', '党组', '党支部', '党建', '企业', '企业家', '单位', '成员', '成立', '成功', '成效', '成为', '成果', '来宾', '来自', '顾问', '经理',
  '经济', '经营', '经过', '董事', '荣誉', '荣获', '曾经', '曾任', '于是', '于此', '尤其', '关于', '关心', '关注', '关爱', '华侨', '华人', '文化', '文明', '方面', '方式', '方案',
  '向上', '向善', '应邀', '应急', '应对', '安排', '安全', '严格', '程度', '任务', '任职', '任何', '计划', '和谐', '平台', '宣传', '宣读', '项目', '支持', '支部', '信息', '公司',
  '公益', '商会', '商务', '商界', '商贸', '齐心', '万众', '万元', '许多', '卫生', '管理', '国家', '国际', '国内', '明确', '时间', '时任', '时期', '金融', '金额', '周年', '周边',
  '年度', '年轻', '有关', '有限', '能够', '相关', '相互', '通过', '通知', '连续', '充分', '双方', '后续', '后来', '利用', '利益', '水平', '广大', '广泛', '章程', '贺信', '祝贺',
  '祝福', '班子', '代表', '陆续', '范围', '郑重', '庄严', '申请', '申报', '晋升', '钱款', '车间', '包括', '路线', '龙头', '杜绝', '季度', '师生', '强化', '加强', '解决', '宋体', '马上',
]);

/**
 * Surnames that are more often a function word or the first character of one (向大家致辞, 于今年,
 * 都表示, 应邀出席): a name starting with one needs jieba's agreement as well as a boundary.
 */
const FUNCTION_WORD_SURNAMES = new Set([...'向于和从由都有能经通后年法爱言双相空别终充益养须查红广国来全时原应曾成']);

/** jieba tags a name's first word never has: function words, verbs, numbers, time words. */
const NOT_NAME_TAGS = /^(?:p|c|u.*|r|d|m|mq|q|t|tg|f|v|vd|vn|ad|y|e|o|w)$/;
/** jieba tags of the parts of a transliterated name: person names, and unknown words (x). */
const TRANSLITERATION_TAGS = /^(?:nr.*|x|nz)$/;
/** jieba tags a surname standing alone never has when it is one: 向/p, 都/d, 和/c. */
const NOT_SURNAME_TAGS = /^(?:p|c|u.*|r|d|y|e|o)$/;

/** Places that are never a person's name: countries, regions, provinces and cities (苏州, 常州市); counties' short forms are (高明, 文成). */
const NEVER_NAMES: ReadonlySet<PlaceLevel> = new Set<PlaceLevel>(['country', 'region', 'province', 'city']);

const isPlace = (word: string): boolean => {
  const place = placeAt(word, 0);
  return place !== null && place.end === word.length && (NEVER_NAMES.has(place.level) || place.full === word);
};

/** Where a name can end: a mark or the limit, a word (表示, 会长, 先生), a one-character follower (在, 等), or nothing known. */
type Boundary = 'mark' | 'word' | 'weak' | 'none';

const titleOrHonorificAt = (text: string, index: number, end: number): boolean =>
  index < end && (HONORIFICS.some((word) => text.startsWith(word, index)) || titleAt(text.slice(index, Math.min(end, index + 16))) !== null);

const boundaryAt = (text: string, index: number, end: number): Boundary => {
  if (index >= end) return 'mark';
  const char = text[index];
  if (!isHan(char)) return NAME_JOINERS.includes(char) ? 'none' : 'mark';
  if (titleOrHonorificAt(text, index, end)) return 'word';
  const follower = FOLLOWERS_LONGEST_FIRST.find((word) => text.startsWith(word, index) && index + word.length <= end);
  if (follower === undefined) return 'none';
  return follower.length > 1 ? 'word' : 'weak';
};

const strong = (boundary: Boundary): boolean => boundary === 'mark' || boundary === 'word';

/** A reading of `length` characters from `start` that could be a name, whatever follows it. */
const fits = (text: string, start: number, length: number, end: number, surname: number): boolean => {
  if (start + length > end) return false;
  const reading = text.slice(start, start + length);
  if (!allHan(reading)) return false;
  const given = reading.slice(surname);
  if (ADDRESS_BY_RANK.has(given[0]) || titleAt(text.slice(start + surname, Math.min(end, start + surname + 16))) !== null) return false;
  if (HONORIFICS.some((word) => given.startsWith(word))) return false;
  return !isPlace(reading);
};

/** The first words jieba reads from `start`, within `end`. */
const wordsFrom = (text: string, start: number, end: number) => segment(text.slice(start, Math.min(end, start + 12)));

/** False when jieba reads the surname as a function word (向/p 大家) or the name as a verb or particle (来到/v). */
const segmenterAllows = (text: string, start: number, end: number, surname: number): boolean => {
  const first = wordsFrom(text, start, end)[0];
  if (first === undefined) return false;
  return first.word.length === surname ? !NOT_SURNAME_TAGS.test(first.tag) : !NOT_NAME_TAGS.test(first.tag);
};

/** The name's length by jieba's word boundaries, or 0: 王/建国, 刘强/东 (a lone character left over is the name's). */
const lengthBySegmenter = (text: string, start: number, end: number, surname: number): number => {
  const [first, second, third] = wordsFrom(text, start, end);
  if (first === undefined) return 0;
  if (first.word.length === surname) {
    if (NOT_SURNAME_TAGS.test(first.tag) || second === undefined || second.word.length > 2 || NOT_NAME_TAGS.test(second.tag)) return 0;
    if (second.word.length === 1 && ONE_CHARACTER_FOLLOWERS.has(second.word)) return 0;
    return surname + second.word.length;
  }
  if (first.word.length > surname + 2 || NOT_NAME_TAGS.test(first.tag)) return 0;
  const loneNext = first.word.length === surname + 1 && second !== undefined && second.word.length === 1 && !ONE_CHARACTER_FOLLOWERS.has(second.word);
  // 刘强/东/希望: a single character between the name's start and the next word is the name's third.
  if (loneNext && isHan(second.word) && (third === undefined || third.word.length > 1)) return surname + 2;
  return first.word.length;
};

/**
 * 陈李美华女士: two surnames and two given-name characters, with an honorific or title right after.
 * A mark is not enough: so many characters are surnames that 马云飞 + one more would pass.
 */
const marriedNameLength = (text: string, start: number, end: number): number =>
  SINGLE_SURNAMES.has(text[start + 1]) && fits(text, start, 4, end, 2) && titleOrHonorificAt(text, start + 4, end) ? 4 : 0;

/** The name's length from what follows each reading (surname + 1 or + 2), or from jieba. 0 when none fits. */
const nameLength = (text: string, start: number, end: number, surname: number): number => {
  const short = surname + 1;
  const long = surname + 2;
  const shortFits = fits(text, start, short, end, surname);
  const longFits = fits(text, start, long, end, surname);
  const afterShort = shortFits ? boundaryAt(text, start + short, end) : 'none';
  const afterLong = longFits ? boundaryAt(text, start + long, end) : 'none';
  // 张三说：, 李明和王芳, 陈红等人: the third character is the follower, unless a word follows it (王志和表示)
  // or a mark follows a character that is no verb before one (王新来、李四: 来 ends the name).
  // 在, 向, 对… after two characters end the name whatever follows them (张伟在讲话中).
  if (longFits && shortFits && ALWAYS_ENDS.has(text[start + short])) return short;
  // 等 is never a given name's last character: 张三等一行, 李四等出席.
  const followerEndsName = text[start + short] === '等' || afterLong !== 'mark' || start + long >= end || ENDS_BEFORE_MARK.has(text[start + short]);
  if (longFits && afterShort === 'weak' && ONE_CHARACTER_FOLLOWERS.has(text[start + short]) && (afterLong !== 'word' || text[start + short] === '等') && followerEndsName) return short;
  if (strong(afterLong)) return long;
  if (strong(afterShort)) return short;
  if (afterLong === 'weak') return long;
  if (afterShort === 'weak') return short;
  if (surname === 1) {
    const married = marriedNameLength(text, start, end);
    if (married > 0) return married;
  }
  const bySegmenter = lengthBySegmenter(text, start, end, surname);
  return (bySegmenter === short && shortFits) || (bySegmenter === long && longFits) ? bySegmenter : 0;
};

/**
 * Where the last part of a joined name ends: before a word that follows names (表示, 先生), else
 * before the first word jieba does not read as part of a name (艾力/表态), else at the run's end.
 */
const lastPartLength = (text: string, from: number, to: number, end: number): number => {
  // Transliterated names run long: the longest last part (up to four characters) that a mark or a
  // word follows wins (艾买提 before 出席, not 艾买 before 提出).
  // A reading that would swallow a word after the name (艾力率队) is not taken.
  const swallows = (length: number): boolean => {
    for (let index = from + 2; index < from + length; index += 1) {
      const word = FOLLOWERS_LONGEST_FIRST.find((follower) => follower.length > 1 && text.startsWith(follower, index));
      if (word !== undefined && index + word.length <= from + length) return true;
    }
    return false;
  };
  for (let length = Math.min(4, to - from); length >= 2; length -= 1) if (strong(boundaryAt(text, from + length, end)) && !swallows(length)) return length;
  let length = 0;
  for (const word of segment(text.slice(from, to))) {
    if (length > 0 && !TRANSLITERATION_TAGS.test(word.tag)) return length;
    length += word.word.length;
  }
  return to - from;
};

/** 阿不都热合曼·艾买提表示: the joined parts, the last one cut where what follows the name begins. */
const joinedName = (text: string, start: number, end: number): NameMention | null => {
  const match = text.slice(start, end).match(JOINED_NAME);
  if (match === null) return null;
  const lastPart = start + Math.max(...[...NAME_JOINERS].map((joiner) => match[0].lastIndexOf(joiner))) + 1;
  const length = lastPart - start + lastPartLength(text, lastPart, start + match[0].length, end);
  if (length > LONGEST_JOINED_NAME) return null;
  return { start, end: start + length, name: text.slice(start, start + length) };
};

/** 王 伟: a surname, one space and one character, printed to the width of a three-character name. */
const spacedName = (text: string, start: number, end: number): NameMention | null => {
  if (start + 3 > end || text[start + 1] !== ' ' || surnameAt(text, start) !== 1 || !isHan(text[start + 2])) return null;
  if (boundaryAt(text, start + 3, end) === 'none') return null;
  const name = `${text[start]}${text[start + 2]}`;
  if (NOT_NAMES.has(name) || !fits(name, 0, 2, 2, 1)) return null;
  return { start, end: start + 3, name };
};

const beginsWithNotName = (text: string, start: number): boolean => [2, 3].some((length) => NOT_NAMES.has(text.slice(start, start + length)));

/** A Han name read with a surname of `surname` characters, or null. */
const hanName = (text: string, start: number, end: number, surname: number): NameMention | null => {
  const length = nameLength(text, start, end, surname);
  if (length === 0) return null;
  if (FUNCTION_WORD_SURNAMES.has(text[start]) && surname === 1 && !segmenterAllows(text, start, end, surname)) return null;
  return { start, end: start + length, name: text.slice(start, start + length) };
};

/**
 * The person's name at `start` (spaces before it passed over), read no further than `end`; null when
 * what is there is not a name.
 */
export const readName = (text: string, start: number, end: number = text.length): NameMention | null => {
  let from = start;
  while (from < end && text[from] === ' ') from += 1;
  const limit = Math.min(end, text.length);
  if (from >= limit) return null;
  const joined = joinedName(text, from, limit);
  if (joined !== null) return joined;
  const spaced = spacedName(text, from, limit);
  if (spaced !== null) return spaced;
  const surname = surnameAt(text, from);
  if (surname === 0 || beginsWithNotName(text, from)) return null;
  const read = hanName(text, from, limit, surname);
  if (read !== null || surname === 1) return read;
  // 东方 is a compound surname and 东 a single one: 东方红 read either way.
  return SINGLE_SURNAMES.has(text[from]) ? hanName(text, from, limit, 1) : null;
};

/** True when the word, on its own, reads as a person's name: 张三, 欧阳明华, 阿不都热合曼·艾买提. */
export const looksLikeName = (word: string): boolean => {
  const name = readName(word, 0);
  return name !== null && name.start === 0 && name.end === word.length;
};

/** Characters that begin a clause far more often than a name (有李明, 和王芳): a shorter reading wins. */
const CLAUSE_FIRST = new Set([...'有和在从向于由对为将把被给让与及是']);

/**
 * The name that ends exactly at `end`, reading back no further than `floor`: three characters,
 * two or four, preferring two when the three-character reading starts with a clause word.
 */
export const nameEndingAt = (text: string, end: number, floor: number): NameMention | null => {
  const readings = [3, 2, 4]
    .filter((length) => end - length >= floor)
    .map((length) => readName(text, end - length, end))
    .filter((found): found is NameMention => found !== null && found.end === end);
  const [first, ...rest] = readings;
  if (first === undefined) return null;
  const shorter = rest.find((reading) => reading.name.length < first.name.length);
  return CLAUSE_FIRST.has(first.name[0]) && shorter !== undefined ? shorter : first;
};
