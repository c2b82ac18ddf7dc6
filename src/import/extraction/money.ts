import type { MoneyMention } from './context';
import { isArabicDigit, isNumeralChar, isUnit, numeralEnd, readNumeral, unitValue, type Numeral } from './numerals';

/**
 * The money pass: amounts of money in a page's normalised text, as Chinese chamber, association and
 * government news prints them on the mainland, in Hong Kong, Macau and Taiwan — 5100多万元, 超2.5亿元,
 * 约3.6万美元, 人民币1,000万元, 澳门币伍拾万元正, 新台币3亿元, 捐款300万、400万港币.
 *
 * A number is money when a currency is printed with it (before or after), or when it is a 万/亿
 * amount that a money word stands next to (捐款300万, 247万物资), or when it is listed with one
 * (300万、400万港币). A measure word after it makes it a count (5万余件, 800人, 3000家).
 *
 * The scan reads each run of numerals once and looks only a few characters to either side of it,
 * so it is linear in the length of the page; every pattern is compiled once, here.
 */

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const longestFirst = (words: readonly string[]): string[] => [...words].sort((a, b) => b.length - a.length);
/** Words grouped by their last character, longest first, to find the one that ends at a position. */
type EndingIndex = ReadonlyMap<string, readonly string[]>;
const byLastChar = (words: readonly string[]): EndingIndex => {
  const index = new Map<string, string[]>();
  for (const word of longestFirst(words)) {
    const last = word[word.length - 1];
    index.set(last, [...(index.get(last) ?? []), word]);
  }
  return index;
};
/** A sticky pattern that matches one of `words` exactly where it is asked to. */
const stickyWords = (words: readonly string[]): RegExp => new RegExp(`(?:${longestFirst(words).map(escape).join('|')})`, 'y');

/** Currency words, after the number (500万港元) or before it (港币500万). */
const CURRENCY_WORDS = new Map<string, string>([
  ['人民币', 'CNY'], ['美元', 'USD'], ['美金', 'USD'], ['港元', 'HKD'], ['港币', 'HKD'],
  ['澳门元', 'MOP'], ['澳门币', 'MOP'], ['葡币', 'MOP'], ['新台币', 'TWD'], ['台币', 'TWD'],
  ['欧元', 'EUR'], ['英镑', 'GBP'], ['日元', 'JPY'], ['韩元', 'KRW'], ['澳元', 'AUD'], ['加元', 'CAD'],
  ['新加坡元', 'SGD'], ['新西兰元', 'NZD'], ['瑞士法郎', 'CHF'], ['卢布', 'RUB'], ['印度卢比', 'INR'], ['卢比', 'INR'],
  ['泰铢', 'THB'], ['林吉特', 'MYR'], ['越南盾', 'VND'], ['印尼盾', 'IDR'], ['菲律宾比索', 'PHP'],
]);
/** Codes printed in Latin letters, before or after the number (RMB 500万, 100万USD). */
const CURRENCY_CODES = new Map<string, string>([
  ['RMB', 'CNY'], ['CNY', 'CNY'], ['USD', 'USD'], ['HKD', 'HKD'], ['MOP', 'MOP'], ['TWD', 'TWD'], ['NTD', 'TWD'],
  ['EUR', 'EUR'], ['GBP', 'GBP'], ['JPY', 'JPY'],
]);
/** Stands for the dollar sign alone: the page's own dollar on Hong Kong, Macau and Taiwan pages, else USD. */
const DOLLAR = '$';
/** Symbols before the number. */
const CURRENCY_SYMBOLS = new Map<string, string>([
  ['HK$', 'HKD'], ['US$', 'USD'], ['NT$', 'TWD'], ['MOP$', 'MOP'], ['¥', 'CNY'], ['￥', 'CNY'],
  ['港币$', 'HKD'], ['港元$', 'HKD'], ['澳门币$', 'MOP'], ['澳门元$', 'MOP'], ['新台币$', 'TWD'], ['人民币¥', 'CNY'], ['人民币￥', 'CNY'],
  ['$', DOLLAR], ['＄', DOLLAR],
]);
/** The unit alone, whose currency is the page's: 元 is the yuan on the mainland and the dollar in Hong Kong, Macau and Taiwan. */
const YUAN_WORDS = ['元', '块钱', '圆'];
const YUAN = '元';

const PREFIX_CURRENCIES = new Map<string, string>([...CURRENCY_WORDS, ...CURRENCY_CODES, ...CURRENCY_SYMBOLS]);
const PREFIX_CURRENCY_ENDINGS = byLastChar([...PREFIX_CURRENCIES.keys()]);
const SUFFIX_CURRENCY = new RegExp(`[ \\t]?(${longestFirst([...CURRENCY_WORDS.keys(), ...CURRENCY_CODES.keys(), ...YUAN_WORDS]).map(escape).join('|')})(?![A-Za-z])`, 'y');
/** 100亿元人民币, 100元港币: a currency word after 元 names the currency 元 is in. */
const AFTER_YUAN = stickyWords(['人民币', '港币', '港元', '美元', '美金', '澳门币', '澳门元', '葡币', '新台币', '台币']);
/** Words that begin with 元 (元旦, 元宵, 元素, 一元化, 元首, 元帅, 元勋, 元器件): no money there. */
const YUAN_WORD_AFTER = /[旦宵素化首帅勋器]/y;
/** 元正 / 元整 close an amount on cheques and lists; after lower-case numerals, 正在 after 元 is the next word. */
const CHEQUE_ENDING = /[正整](?!\p{Script=Han})/uy;
const HAN = /\p{Script=Han}/u;
const APPROXIMATE_AFTER = /(?:左右|以上|上下(?!游|级|班))/y;

/**
 * Words before a number that make it approximate (and belong to the amount): 约, 超过, 近, 逾…
 * Bounds (超过, 突破, 不少于, 不足) count: the page does not give the exact amount.
 */
const APPROXIMATE_BEFORE = byLastChar([
  '约', '大约', '约合', '约为', '近', '将近', '接近', '超', '超过', '超出', '逾', '突破', '不少于', '不低于', '不足', '不到',
]);
/** 上亿元, 过亿元, 上千万元: only before a number that starts with its unit. */
const APPROXIMATE_BEFORE_UNIT = byLastChar(['上', '过']);
/** 签约100亿元 is contracts signed, 最近 and 附近 are no approximation: the single-character words inside longer words. */
const NOT_APPROXIMATE_AFTER = new Map<string, string>([
  ['约', '签节预履违公制特邀相条契集和'],
  ['近', '最附邻靠亲贴就'],
  ['超', '赶高'],
  ['上', '线网以向晚早之路'],
  ['过', '通经不'],
]);
/** Before a numeral starting with its unit, these leave the amount unknown: 数百万元, 几十万元, 若干万元. */
const UNKNOWN_BEFORE = new Set([...'数几干']);

/** Words that make a bare 万/亿 amount money, before it (捐款300万) or after it (247万物资). */
const MONEY_WORDS = [
  '捐', '捐款', '捐资', '捐赠', '捐助', '捐献', '捐物', '善款', '资金', '投资', '投入', '授信', '筹', '筹集', '筹措', '募', '募集',
  '价值', '金额', '额度', '总额', '物资', '款物', '款项', '资助', '出资', '注资', '融资', '贷款', '经费', '奖金', '基金', '奖励',
  '预算', '营收', '营业额', '销售额', '成交额', '交易额', '产值', '总值', '市值', '估值', '资产', '税收', '利税', '利润', '收入',
  '补贴', '补助', '现金', '拨款', '拨付', '价格', '造价', '贸易额', '进出口额', '出口额', '进口额', '余额',
];
/**
 * Before an amount, a word ending in one of these is about money too (募款, 工资, 奖学金, 会费,
 * 纳税, 房价). After an amount they are measure words (300万款产品), so only before.
 */
const MONEY_ENDINGS = ['款', '资', '金', '费', '税', '价'];
const MONEY_WORD_AFTER = stickyWords(MONEY_WORDS);
const MONEY_WORD_ENDINGS = byLastChar([...MONEY_WORDS, ...MONEY_ENDINGS]);
/** What may stand between a money word and its amount: 捐款共计300万, 投资总额达600亿, 捐赠了300万. */
const FILLER = new Set([...'了共计合累总达到为高至的是出得入已有值：:']);
const FILLER_REACH = 6;

/**
 * Measure words and units: after a number they make it a count (5万余件, 14亿人, 300万千瓦), never
 * money. Those that begin common words after an amount (300万分别, 300万支持, 300万用于) are left out.
 */
const MEASURE = stickyWords(
  [...'人名位家户件个只套台辆部张封场次册本条吨斤克米亩头箱瓶盒袋份双把座栋间股度字篇首幅枚株棵颗粒剂例批项类种期届岁倍层级号盏盆顶顿束片块卷集瓦票根副笔单%％'].concat([
    '平方', '立方', '公里', '公斤', '公顷', '千米', '千克', '小时', '分钟', '人次', '户次', '标箱',
  ]),
);
const LATIN_LETTER = /[A-Za-z]/;

/** Separators of a list or a range of amounts: 300万、400万港币, 300万至400万元, 300-400万元. */
const LIST_SEPARATORS = new Set(['、', '和', '与', '及', '或', '以及']);
const RANGE_SEPARATORS = new Set(['至', '到', '-', '~', '～', '—', '–', '——']);
/** 500万元，其中300万: a part of the amount just before. */
const PART_OF = /^[，；]?其中(?:有|包括|含)?$/;
const RANGE_AHEAD = /(?:——|[至到\-~～—–])/y;

/** Currencies that a page from Hong Kong, Macau or Taiwan prints its money in. */
const LOCAL_CURRENCIES = new Set(['HKD', 'MOP', 'TWD']);

type Kind =
  /** A currency was printed: `currency` is it. */
  | 'explicit'
  /** 元 alone: the page's currency. */
  | 'yuan'
  /** $ alone: the page's dollar, else USD. */
  | 'dollar'
  /** A 万/亿 amount with no currency: money by its context or its list. */
  | 'bare'
  /** 300 in 300-400万元: money only as the start of a range. */
  | 'head';

type Candidate = {
  start: number;
  end: number;
  value: number;
  approximate: boolean;
  kind: Kind;
  currency: string | null;
  /** A money word stands next to a bare amount. */
  context: boolean;
  /** The units that close the amount (400万 → 1e4), which the start of a range shares (300-400万). */
  scale: number;
  bigScale: number;
  hasUnit: boolean;
};

const round = (value: number): number => Math.round(value * 100) / 100;

/** The first of `words` that ends at `end` (and starts at or after `floor`), or null. */
const wordEndingAt = (text: string, end: number, words: EndingIndex, floor: number): string | null => {
  if (end <= floor) return null;
  for (const word of words.get(text[end - 1]) ?? []) {
    const start = end - word.length;
    if (start >= floor && text.startsWith(word, start)) return word;
  }
  return null;
};

const matchAt = (pattern: RegExp, text: string, index: number): RegExpExecArray | null => {
  pattern.lastIndex = index;
  return pattern.exec(text);
};

type Prefix = { start: number; approximate: boolean; currency: string | null };

const approximateEndingAt = (text: string, end: number, floor: number, startsWithUnit: boolean): string | null => {
  const word = wordEndingAt(text, end, APPROXIMATE_BEFORE, floor) ?? (startsWithUnit ? wordEndingAt(text, end, APPROXIMATE_BEFORE_UNIT, floor) : null);
  if (word === null) return null;
  const inside = NOT_APPROXIMATE_AFTER.get(word);
  return inside !== undefined && inside.includes(text[end - word.length - 1] ?? '') ? null : word;
};

/** 约人民币300万 / 人民币约300万 / 澳门币伍拾万 / HK$ 100万: what stands before the number and belongs to the amount. */
const readPrefix = (text: string, numberStart: number, floor: number): Prefix => {
  const startsWithUnit = isUnit(text[numberStart]);
  let start = numberStart;
  let approximate = false;
  let currency: string | null = null;
  const approximateHere = (): void => {
    const word = approximateEndingAt(text, start, floor, startsWithUnit && currency === null);
    if (word === null) return;
    approximate = true;
    start -= word.length;
  };
  approximateHere();
  const spaced = start > floor && text[start - 1] === ' ' ? start - 1 : start;
  const word = wordEndingAt(text, spaced, PREFIX_CURRENCY_ENDINGS, floor);
  if (word !== null && !(CURRENCY_CODES.has(word) && LATIN_LETTER.test(text[spaced - word.length - 1] ?? ''))) {
    currency = PREFIX_CURRENCIES.get(word) ?? null;
    start = spaced - word.length;
    if (!approximate) approximateHere();
  }
  return { start, approximate, currency };
};

type Suffix = { end: number; approximate: boolean; currency: string | null; yuan: boolean; multiplier: number; afterNumber: number };

/** 多/余/来 and the units after it: 5100多万, 30余万, 十来万, 24万余. */
const readApproximateUnits = (text: string, index: number): { end: number; multiplier: number; approximate: boolean } => {
  const char = text[index];
  if (char !== '多' && char !== '余' && char !== '来') return { end: index, multiplier: 1, approximate: false };
  let end = index + 1;
  let multiplier = 1;
  while (isUnit(text[end])) {
    multiplier *= unitValue(text[end]);
    end += 1;
  }
  if (multiplier === 1) return char === '来' ? { end: index, multiplier: 1, approximate: false } : { end, multiplier, approximate: true };
  if (text[end] === '多' || text[end] === '余') end += 1;
  return { end, multiplier, approximate: true };
};

/** What follows the numeral and belongs to the amount: 多万, the currency, 元正, 以上. */
const readSuffix = (text: string, numeralStop: number, numeral: Numeral): Suffix => {
  const units = readApproximateUnits(text, numeralStop);
  let end = units.end;
  let currency: string | null = null;
  let yuan = false;
  const word = matchAt(SUFFIX_CURRENCY, text, end);
  if (word !== null) {
    const printed = word[1];
    const endsWithYuan = printed.endsWith(YUAN) && matchAt(YUAN_WORD_AFTER, text, end + word[0].length) !== null;
    const chequeOnly = printed === '圆' && !numeral.capital;
    if (!endsWithYuan && !chequeOnly) {
      end += word[0].length;
      yuan = YUAN_WORDS.includes(printed);
      currency = yuan ? null : (CURRENCY_WORDS.get(printed) ?? CURRENCY_CODES.get(printed) ?? null);
      const named = yuan ? matchAt(AFTER_YUAN, text, end) : null;
      if (named !== null) {
        currency = CURRENCY_WORDS.get(named[0]) ?? null;
        yuan = false;
        end += named[0].length;
      }
      const chequeEnding = text[end] === '正' || text[end] === '整';
      if (chequeEnding && (numeral.capital || matchAt(CHEQUE_ENDING, text, end) !== null)) end += 1;
    }
  }
  const after = matchAt(APPROXIMATE_AFTER, text, end);
  const approximateAfter = after !== null;
  const afterNumber = units.end;
  if (after !== null) end += after[0].length;
  return { end, approximate: units.approximate || approximateAfter, currency, yuan, multiplier: units.multiplier, afterNumber };
};

/** 捐款共计300万 / 投资总额达600亿: a money word before the amount, across a few filler characters. */
const moneyWordBefore = (text: string, start: number, floor: number): boolean => {
  let index = start;
  for (let step = 0; step <= FILLER_REACH && index > floor; step += 1) {
    if (wordEndingAt(text, index, MONEY_WORD_ENDINGS, floor) !== null) return true;
    if (!FILLER.has(text[index - 1])) return false;
    index -= 1;
  }
  return false;
};

/** 247万物资 / 300万的善款: a money word after the amount. */
const moneyWordAfter = (text: string, end: number): boolean =>
  matchAt(MONEY_WORD_AFTER, text, end) !== null || (text[end] === '的' && matchAt(MONEY_WORD_AFTER, text, end + 1) !== null);

const isCount = (text: string, index: number): boolean => matchAt(MEASURE, text, index) !== null || LATIN_LETTER.test(text[index] ?? '');

/** A date, not money: 1月1日元旦 reads 日元 after a day of the month. */
const isDate = (text: string, prefixStart: number, numeralStop: number): boolean => text[prefixStart - 1] === '月' && text[numeralStop] === '日';

type Reading = { kind: Kind; currency: string | null; context: boolean };

/** What kind of amount the number is, by its currency or its context; null when it is not money. */
const readKind = (text: string, start: number, numeral: Numeral, prefix: Prefix, suffix: Suffix, floor: number): Reading | null => {
  const currency = suffix.currency ?? prefix.currency;
  if (currency !== null || suffix.yuan) {
    // 万元 and 亿元 alone are units of account (每万元), not amounts, unless bounded: 逾万元, 上亿元, 万余元.
    if (!numeral.hasDigit && numeral.end - start < 2 && !prefix.approximate && !suffix.approximate) return null;
    // 一元化, 三元里: a lone Chinese digit before 元 is a word, not money.
    if (!numeral.hasUnit && numeral.end - start === 1 && !isArabicDigit(text[start])) return null;
    if (suffix.currency === null && !suffix.yuan && isCount(text, suffix.afterNumber)) return null;
    if (suffix.currency !== null) return { kind: 'explicit', currency, context: false };
    if (currency === DOLLAR) return { kind: 'dollar', currency: null, context: false };
    return prefix.currency !== null ? { kind: 'explicit', currency, context: false } : { kind: 'yuan', currency: null, context: false };
  }
  if (isCount(text, suffix.afterNumber)) return null;
  // 千万 and 百亿 alone are words (千万不要) unless bounded: 总投资超百亿.
  if (!numeral.hasDigit && !prefix.approximate) return null;
  if (numeral.hasBigUnit || suffix.multiplier >= 1e4) {
    const context = moneyWordBefore(text, prefix.start, floor) || moneyWordAfter(text, suffix.afterNumber);
    return { kind: 'bare', currency: null, context };
  }
  if (suffix.end === numeral.end && matchAt(RANGE_AHEAD, text, suffix.end) !== null) return { kind: 'head', currency: null, context: false };
  return null;
};

/** The amount whose numeral starts at `start`, or null when the number there is not money. */
const readCandidate = (text: string, start: number, numeral: Numeral, floor: number): Candidate | null => {
  const prefix = readPrefix(text, start, floor);
  const suffix = readSuffix(text, numeral.end, numeral);
  const value = numeral.value * suffix.multiplier;
  if (value === 0 || isDate(text, prefix.start, numeral.end)) return null;
  const reading = readKind(text, start, numeral, prefix, suffix, floor);
  if (reading === null) return null;
  const multiplied = suffix.multiplier > 1;
  return {
    start: prefix.start,
    end: suffix.end,
    value,
    approximate: prefix.approximate || suffix.approximate,
    kind: reading.kind,
    currency: reading.currency,
    context: reading.context,
    scale: multiplied ? suffix.multiplier : numeral.scale,
    bigScale: multiplied ? suffix.multiplier : numeral.bigScale,
    hasUnit: numeral.hasUnit || multiplied,
  };
};

/** The numeral that starts at `start`, with a colloquial tail left out when a word follows it (三百万一次性). */
const numeralAt = (text: string, start: number): { numeral: Numeral | null; runEnd: number } => {
  const runEnd = numeralEnd(text, start);
  const numeral = readNumeral(text, start, runEnd);
  if (numeral === null || !numeral.colloquialTail) return { numeral, runEnd };
  const next = text[numeral.end] ?? '';
  const followedByWord =
    HAN.test(next) && !'元多余块圆'.includes(next) && matchAt(SUFFIX_CURRENCY, text, numeral.end) === null && matchAt(APPROXIMATE_AFTER, text, numeral.end) === null;
  return { numeral: followedByWord ? readNumeral(text, start, numeral.end - 1) : numeral, runEnd };
};

/** Every number that may be money, in page order, with its currency still unresolved where the page decides. */
const scan = (text: string): Candidate[] => {
  const candidates: Candidate[] = [];
  let floor = 0;
  let index = 0;
  while (index < text.length) {
    if (!isNumeralChar(text[index])) {
      index += 1;
      continue;
    }
    const { numeral, runEnd } = numeralAt(text, index);
    const unknown = isUnit(text[index]) && UNKNOWN_BEFORE.has(text[index - 1] ?? '');
    const candidate = numeral === null || unknown ? null : readCandidate(text, index, numeral, floor);
    if (candidate !== null) {
      candidates.push(candidate);
      floor = candidate.end;
    }
    index = Math.max(runEnd, candidate?.end ?? 0, index + 1);
  }
  return candidates;
};

/**
 * The currency a bare 元 stands for on a page. 元 is the unit of the yuan on the mainland, and also
 * of the Hong Kong, Macau and Taiwan dollars (港元, 澳门元, 新台币…元): pages from there print bare 元
 * in their own currency, naming it on some amounts and leaving it off others. So when a page names
 * one of those currencies more often than it names 人民币, its bare 元 (and bare 万/亿 amounts) are
 * in that currency; otherwise they are yuan. A mainland page that mentions a Hong Kong donation once
 * usually names 人民币 too.
 */
const decideCurrency = (candidates: readonly Candidate[]): string => {
  const counts = new Map<string, number>();
  for (const candidate of candidates) {
    if (candidate.kind === 'explicit' && candidate.currency !== null) counts.set(candidate.currency, (counts.get(candidate.currency) ?? 0) + 1);
  }
  let best = 'CNY';
  let bestCount = counts.get('CNY') ?? 0;
  for (const [currency, count] of counts) {
    if (LOCAL_CURRENCIES.has(currency) && count > bestCount) {
      best = currency;
      bestCount = count;
    }
  }
  return best;
};

/** The few characters between two neighbouring amounts ('' when they are further apart than any separator). */
const SEPARATOR_REACH = 5;
const between = (text: string, left: Candidate, right: Candidate): string =>
  right.start - left.end <= SEPARATOR_REACH ? text.slice(left.end, right.start) : '';

/** Bare amounts and range starts take the currency of the money amount listed after them: 300万、400万港币. */
const linkBackwards = (text: string, candidates: Candidate[]): void => {
  for (let index = candidates.length - 2; index >= 0; index -= 1) {
    const left = candidates[index];
    const right = candidates[index + 1];
    if (left.currency !== null || right.currency === null || (left.kind !== 'bare' && left.kind !== 'head')) continue;
    const separator = between(text, left, right);
    if (left.kind === 'head') {
      if (!RANGE_SEPARATORS.has(separator)) continue;
      // 300-400万元 is 300万 to 400万; 三千至五千万元 shares only the 万.
      left.value *= left.hasUnit ? right.bigScale : right.scale;
    } else if (!LIST_SEPARATORS.has(separator) && !RANGE_SEPARATORS.has(separator)) {
      continue;
    }
    left.currency = right.currency;
  }
};

/**
 * Bare amounts after a money word are in the page's currency; those listed after a money amount, or
 * singled out of it with 其中 (募得500万元，其中300万…), share its currency.
 */
const linkForwards = (text: string, candidates: Candidate[], pageCurrency: string): void => {
  for (let index = 0; index < candidates.length; index += 1) {
    const candidate = candidates[index];
    if (candidate.kind !== 'bare' || candidate.currency !== null) continue;
    const left = candidates[index - 1];
    if (candidate.context) {
      candidate.currency = pageCurrency;
    } else if (left !== undefined && left.currency !== null) {
      const separator = between(text, left, candidate);
      if (LIST_SEPARATORS.has(separator) || PART_OF.test(separator)) candidate.currency = left.currency;
    }
  }
};

const resolve = (text: string, candidates: Candidate[], pageCurrency: string): MoneyMention[] => {
  for (const candidate of candidates) {
    if (candidate.kind === 'yuan') candidate.currency = pageCurrency;
    if (candidate.kind === 'dollar') candidate.currency = LOCAL_CURRENCIES.has(pageCurrency) ? pageCurrency : 'USD';
  }
  linkBackwards(text, candidates);
  linkForwards(text, candidates, pageCurrency);
  return candidates.flatMap(({ start, end, value, currency, approximate }) =>
    currency === null ? [] : [{ start, end, value: round(value), currency, approximate }],
  );
};

/** The currency that a bare 元 means on this page: CNY, or HKD, MOP or TWD on pages that print their money in those. */
export const pageCurrency = (text: string): string => decideCurrency(scan(text));

/**
 * Every amount of money in the normalised text, in order. A bare 元 (and a bare 万/亿 amount in a
 * money context) is in `defaultCurrency` when given, else in the text's own page currency.
 */
export const findMoney = (text: string, options: { defaultCurrency?: string } = {}): MoneyMention[] => {
  const candidates = scan(text);
  return resolve(text, candidates, options.defaultCurrency ?? decideCurrency(candidates));
};
