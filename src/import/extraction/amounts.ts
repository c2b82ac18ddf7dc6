import type { Money } from '../types';

/**
 * Money as printed in Chinese news: 5100多万元, 超2.5亿元, 约3.6万美元, 30余万元, 五千万元,
 * 人民币1,000万元, ¥500万. A number without a currency (4000只口罩, 20多封, 5万余件) is a count.
 */

const CURRENCIES: Array<[string, string]> = [
  ['美元', 'USD'], ['美金', 'USD'], ['港元', 'HKD'], ['港币', 'HKD'], ['澳门元', 'MOP'], ['澳元', 'AUD'], ['加元', 'CAD'], ['欧元', 'EUR'], ['英镑', 'GBP'],
  ['日元', 'JPY'], ['韩元', 'KRW'], ['新台币', 'TWD'], ['新加坡元', 'SGD'], ['卢布', 'RUB'], ['人民币', 'CNY'], ['元', 'CNY'], ['块钱', 'CNY'],
];

const CHINESE_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 壹: 1, 二: 2, 贰: 2, 两: 2, 三: 3, 叁: 3, 四: 4, 肆: 4, 五: 5, 伍: 5, 六: 6, 陆: 6, 七: 7, 柒: 7, 八: 8, 捌: 8, 九: 9, 玖: 9 };
const CHINESE_UNITS: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const BIG_UNITS: Record<string, number> = { 万: 1e4, 亿: 1e8 };

const NUMBER = String.raw`(?:\d+(?:[,，]\d{3})*(?:\.\d+)?|[零〇一壹二贰两三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万亿点]+)`;
const BEFORE = String.raw`(?:大约|约合|约为|约|近|将近|接近|超过|超|逾|高达|多达|达到|达|共计|合计|累计|总计|价值)?`;
const PREFIX_CURRENCY = String.raw`(?:人民币|RMB|CNY|¥|￥|US\$|\$|HK\$)?`;
const MULTIPLIER = String.raw`(?:万亿|千万|百万|十万|万|亿|千)`;
const CURRENCY = CURRENCIES.map(([word]) => word).join('|');

/**
 * number, then 多/余 either before or after the multiplier (5100多万 / 24万余), then the currency.
 * 元 followed by 旦, 宵 or 素 is a word (元旦), not money.
 */
const MONEY = new RegExp(
  String.raw`(${BEFORE})\s*(${PREFIX_CURRENCY})\s*(${NUMBER})\s*(多|余|来)?\s*(${MULTIPLIER})?\s*(多|余)?\s*(${CURRENCY})(?![旦宵素])(左右|上下|以上)?`,
  'g'
);

const APPROXIMATE_BEFORE = /^(?:大约|约合|约为|约|近|将近|接近|超过|超|逾|多达)$/;

/** 五千 → 5000, 一亿二千万 → 120000000, 三十五 → 35, 两千五百 → 2500, 1.2亿 handled by the caller. */
export const parseChineseNumber = (text: string): number | null => {
  if (/^\d/.test(text)) return null;
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  let decimal: string | null = null;
  for (const char of text) {
    if (decimal !== null) {
      if (char in CHINESE_DIGITS) {
        decimal += String(CHINESE_DIGITS[char]);
        continue;
      }
      section += Number(`0.${decimal}`);
      decimal = null;
    }
    if (char === '点') {
      section += digit ?? 0;
      digit = null;
      decimal = '';
    } else if (char in CHINESE_DIGITS) {
      digit = CHINESE_DIGITS[char];
    } else if (char in CHINESE_UNITS) {
      section += (digit ?? 1) * CHINESE_UNITS[char];
      digit = null;
    } else if (char in BIG_UNITS) {
      section += digit ?? 0;
      total += (section === 0 ? 1 : section) * BIG_UNITS[char];
      section = 0;
      digit = null;
    } else {
      return null;
    }
  }
  if (decimal !== null) section += Number(`0.${decimal === '' ? '0' : decimal}`);
  return total + section + (digit ?? 0);
};

const parseNumber = (text: string): number | null => {
  if (/^\d/.test(text)) {
    const value = Number(text.replace(/[,，]/g, ''));
    return Number.isFinite(value) ? value : null;
  }
  return parseChineseNumber(text);
};

const MULTIPLIER_VALUE: Record<string, number> = { 万亿: 1e12, 千万: 1e7, 百万: 1e6, 十万: 1e5, 万: 1e4, 亿: 1e8, 千: 1e3 };

const round = (value: number): number => Math.round(value * 100) / 100;

export type FoundMoney = Money & { index: number; end: number };

/**
 * 捐赠100万: after a word about money, 万 or 亿 without a currency still means yuan. A measure
 * word after it (100万只口罩) makes it a count.
 */
const IMPLIED_YUAN = new RegExp(
  String.raw`(?<=(?:捐款|捐赠|捐助|捐资|资助|善款|资金|投资|投入|筹集|募集|款项|金额|总额|奖金|基金)(?:了|共|约|近|超|逾|达|总计|合计|累计)?)(约|近|超|逾)?(${NUMBER})(多|余)?(万|亿)(多|余)?(?![元美港欧日英澳加韩卢\p{Script=Han}]*?[元镑币])(?![只件个套箱台份人名家场次张册本条辆吨斤平方米亩户元美港欧日英澳加韩])`,
  'gu'
);

/** Every money amount in the text, in order, with where it was found. */
export const findAmounts = (text: string): FoundMoney[] => {
  const found: FoundMoney[] = [];
  for (const match of text.matchAll(MONEY)) {
    const [whole, before, prefixCurrency, numberText, approxBefore, multiplier, approxAfter, currencyWord, approxTrailing] = match;
    const base = parseNumber(numberText);
    if (base === null || base === 0) continue;
    // A bare Chinese numeral such as 一 before 元 is usually a word (统一元素), not money.
    if (!/\d/.test(numberText) && numberText.length === 1 && multiplier === undefined) continue;
    const currency =
      prefixCurrency === '$' || prefixCurrency === 'US$'
        ? 'USD'
        : prefixCurrency === 'HK$'
          ? 'HKD'
          : (CURRENCIES.find(([word]) => word === currencyWord)?.[1] ?? 'CNY');
    const value = round(base * (multiplier === undefined ? 1 : MULTIPLIER_VALUE[multiplier]));
    const start = (match.index ?? 0) + (whole.length - whole.trimStart().length);
    const leading = before === '价值' || before === '共计' || before === '合计' || before === '累计' || before === '总计' || before === '达' || before === '达到' || before === '高达' ? before.length : 0;
    found.push({
      text: whole.trim().slice(leading),
      value,
      currency,
      approximate:
        APPROXIMATE_BEFORE.test(before) ||
        approxBefore !== undefined ||
        approxAfter !== undefined ||
        approxTrailing === '左右' ||
        approxTrailing === '上下' ||
        approxTrailing === '以上',
      index: start + leading,
      end: (match.index ?? 0) + whole.length,
    });
  }
  for (const match of text.matchAll(IMPLIED_YUAN)) {
    const start = match.index ?? 0;
    if (found.some((money) => money.index <= start && money.end > start)) continue;
    const [whole, before, numberText, approxBefore, multiplier, approxAfter] = match;
    const base = parseNumber(numberText);
    if (base === null || base === 0) continue;
    found.push({
      text: whole,
      value: round(base * MULTIPLIER_VALUE[multiplier]),
      currency: 'CNY',
      approximate: before !== undefined || approxBefore !== undefined || approxAfter !== undefined,
      index: start,
      end: start + whole.length,
    });
  }
  return found.sort((a, b) => a.index - b.index);
};
