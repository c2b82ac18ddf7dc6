/**
 * Numbers as Chinese news prints them, read from normalised (simplified) text: Arabic digits with
 * decimals and thousands separators (1,000.5), Chinese numerals (九百万, 一亿二千万), the banker's
 * capitals of cheques and receipts (大写: 壹拾壹万贰仟玖佰肆拾捌) and mixes (3亿4395万, 1.05亿, 2千万).
 * Full-width digits (１２３) read as ASCII ones.
 */

const CHINESE_DIGITS = new Map<string, number>([
  ['一', 1], ['二', 2], ['两', 2], ['三', 3], ['四', 4], ['五', 5], ['六', 6], ['七', 7], ['八', 8], ['九', 9],
  ['壹', 1], ['贰', 2], ['叁', 3], ['肆', 4], ['伍', 5], ['陆', 6], ['柒', 7], ['捌', 8], ['玖', 9],
]);
const ZEROS = new Set(['零', '〇']);
const SMALL_UNITS = new Map<string, number>([['十', 10], ['拾', 10], ['百', 100], ['佰', 100], ['千', 1000], ['仟', 1000]]);
const BIG_UNITS = new Map<string, number>([['万', 1e4], ['亿', 1e8]]);
/** The capitals (大写) that only cheques, receipts and donation lists use. */
const CAPITALS = new Set([...'壹贰叁肆伍陆柒捌玖拾佰仟']);

const arabicDigit = (char: string | undefined): number | null => {
  if (char === undefined) return null;
  const code = char.charCodeAt(0);
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0xff10 && code <= 0xff19) return code - 0xff10;
  return null;
};

export const isArabicDigit = (char: string | undefined): boolean => arabicDigit(char) !== null;
const isChineseDigit = (char: string | undefined): boolean => char !== undefined && (CHINESE_DIGITS.has(char) || ZEROS.has(char));
export const isUnit = (char: string | undefined): boolean => char !== undefined && (SMALL_UNITS.has(char) || BIG_UNITS.has(char));
/** A character that can begin or continue a numeral. */
export const isNumeralChar = (char: string | undefined): boolean => isArabicDigit(char) || isChineseDigit(char) || isUnit(char);

/** The value of a run of units alone, as after 多 in 5100多万 or 十多千万: 万 → 1e4, 千万 → 1e7. */
export const unitValue = (char: string): number => SMALL_UNITS.get(char) ?? BIG_UNITS.get(char) ?? 1;

/** 1,000: a comma between digits with exactly three digits after it. */
const isThousandsComma = (text: string, index: number): boolean =>
  text[index] === ',' &&
  isArabicDigit(text[index - 1]) &&
  isArabicDigit(text[index + 1]) &&
  isArabicDigit(text[index + 2]) &&
  isArabicDigit(text[index + 3]) &&
  !isArabicDigit(text[index + 4]);

/** A decimal point: '.' between Arabic digits, 点 between Chinese digits (三点五亿). */
const isDecimalPoint = (text: string, index: number): boolean => {
  const char = text[index];
  if (char === '.' || char === '．') return isArabicDigit(text[index - 1]) && isArabicDigit(text[index + 1]);
  return char === '点' && CHINESE_DIGITS.has(text[index - 1] ?? '') && isChineseDigit(text[index + 1]);
};

/** Where the run of numeral characters that starts at `start` ends. */
export const numeralEnd = (text: string, start: number): number => {
  let index = start;
  while (index < text.length && (isNumeralChar(text[index]) || isThousandsComma(text, index) || isDecimalPoint(text, index))) index += 1;
  return index;
};

type Token =
  | { kind: 'number'; value: number; single: boolean; chinese: boolean; length: number }
  | { kind: 'zero'; length: number }
  | { kind: 'unit'; value: number; big: boolean; length: number };

const readArabic = (text: string, start: number, end: number): Token => {
  let index = start;
  let digits = '';
  while (index < end && (isArabicDigit(text[index]) || isThousandsComma(text, index) || isDecimalPoint(text, index))) {
    const digit = arabicDigit(text[index]);
    if (digit !== null) digits += String(digit);
    else if (text[index] !== ',') digits += '.';
    index += 1;
  }
  return { kind: 'number', value: Number(digits), single: digits.length === 1, chinese: false, length: index - start };
};

const readChinese = (text: string, start: number, end: number): Token => {
  const whole = CHINESE_DIGITS.get(text[start]) ?? 0;
  if (start + 1 >= end || !isDecimalPoint(text, start + 1)) return { kind: 'number', value: whole, single: true, chinese: true, length: 1 };
  let index = start + 2;
  let fraction = '';
  while (index < end && isChineseDigit(text[index])) {
    fraction += String(CHINESE_DIGITS.get(text[index]) ?? 0);
    index += 1;
  }
  return { kind: 'number', value: Number(`${whole}.${fraction}`), single: false, chinese: true, length: index - start };
};

const tokenise = (text: string, start: number, end: number): Token[] => {
  const tokens: Token[] = [];
  let index = start;
  while (index < end) {
    const char = text[index];
    let token: Token;
    if (isArabicDigit(char)) token = readArabic(text, index, end);
    else if (CHINESE_DIGITS.has(char)) token = readChinese(text, index, end);
    else if (ZEROS.has(char)) token = { kind: 'zero', length: 1 };
    else token = { kind: 'unit', value: unitValue(char), big: BIG_UNITS.has(char), length: 1 };
    tokens.push(token);
    index += token.length;
  }
  return tokens;
};

export type Numeral = {
  /** Where the numeral ends; a Chinese digit after an Arabic numeral (300万一次性) is left out. */
  end: number;
  value: number;
  /** The product of the units that close the numeral: 400万 → 1e4, 5千万 → 1e7, 三千 → 1e3, 45 → 1. */
  scale: number;
  /** The product of the 万 and 亿 that close it: 5千万 → 1e4. */
  bigScale: number;
  /** It has a digit (十万 counts, as 一十万): 万, 百万 and 千万 alone do not. */
  hasDigit: boolean;
  /** It has a 万 or an 亿. */
  hasBigUnit: boolean;
  /** It has a unit of any size. */
  hasUnit: boolean;
  /** It is written in the banker's capitals (壹贰叁). */
  capital: boolean;
  /** It ends in a lone Chinese digit read colloquially (一万五 → 15000); `end - 1` reads without it. */
  colloquialTail: boolean;
};

type State = { high: number; wan: number; section: number; pending: Extract<Token, { kind: 'number' }> | null; unitBefore: number | null };

/** Folds one token into the running value; false when the sequence is not a number (两三万, 一二). */
const fold = (state: State, token: Token, previous: Token | undefined): boolean => {
  if (token.kind === 'number') {
    if (state.pending !== null) return false;
    state.pending = token;
    state.unitBefore = previous?.kind === 'unit' ? previous.value : null;
    return true;
  }
  if (token.kind === 'zero') return state.pending === null;
  const digit = state.pending?.value ?? null;
  state.pending = null;
  if (!token.big) {
    state.section += (digit ?? 1) * token.value;
    return true;
  }
  // 万 alone is one 万; 000万 is none.
  const written = digit !== null || state.section > 0;
  const group = state.section + (digit ?? 0);
  state.section = 0;
  if (token.value === 1e4) {
    if (state.wan > 0) return false;
    state.wan = (written ? group : 1) * 1e4;
    return true;
  }
  // 亿 multiplies what came before it since the last 亿: 2万亿 is 2e12, 1亿2千万 keeps its 1e8.
  const below = state.wan + group;
  const writtenBelow = written || state.wan > 0;
  state.wan = 0;
  if (state.high > 0 && below > 0) return false;
  state.high = state.high > 0 ? state.high * 1e8 : (writtenBelow ? below : 1) * 1e8;
  return true;
};

/**
 * The trailing lone digit. Colloquially and on cheques a digit right after a unit stands one place
 * below it: 一万五 and 壹万伍 are 15000, 三千五 is 3500, 一亿二 is 1.2亿 — a cheque writer who meant
 * 10005 must write the zero (壹万零伍), so a 零 between them makes the digit plain ones (一万零五 =
 * 10005). A single Arabic digit reads the same way (1万5 = 15000); more Arabic digits are literal
 * (2万500 = 20500).
 */
const tailValue = (pending: Extract<Token, { kind: 'number' }>, unitBefore: number | null): number =>
  pending.single && unitBefore !== null && unitBefore >= 10 ? (pending.value * unitBefore) / 10 : pending.value;

/** The product of the units at the end of the token list, all of them and the big ones only. */
const closingScales = (tokens: Token[]): { scale: number; bigScale: number } => {
  let scale = 1;
  let bigScale = 1;
  let seenSmall = false;
  for (let index = tokens.length - 1; index >= 0; index -= 1) {
    const token = tokens[index];
    if (token.kind !== 'unit') break;
    scale *= token.value;
    if (!token.big) seenSmall = true;
    else if (!seenSmall) bigScale *= token.value;
  }
  return { scale, bigScale };
};

const hasCapital = (text: string, start: number, end: number): boolean => {
  for (let index = start; index < end; index += 1) if (CAPITALS.has(text[index])) return true;
  return false;
};

/** Reads the numeral printed in text[start, end) (a run found by numeralEnd); null when it is not one number. */
export const readNumeral = (text: string, start: number, end: number): Numeral | null => {
  let tokens = tokenise(text, start, end);
  const last = tokens[tokens.length - 1];
  let stop = end;
  if (last?.kind === 'number' && last.chinese && tokens.some((token) => token.kind === 'number' && !token.chinese)) {
    // 300万一次性: Arabic numerals are not followed by a Chinese digit; that digit begins the next word.
    tokens = tokens.slice(0, -1);
    stop -= last.length;
  }
  if (tokens.length === 0) return null;
  const state: State = { high: 0, wan: 0, section: 0, pending: null, unitBefore: null };
  for (let index = 0; index < tokens.length; index += 1) {
    if (!fold(state, tokens[index], tokens[index - 1])) return null;
  }
  const tail = state.pending === null ? 0 : tailValue(state.pending, state.unitBefore);
  const value = state.high + state.wan + state.section + tail;
  if (!Number.isFinite(value)) return null;
  const first = tokens[0];
  return {
    end: stop,
    value,
    ...closingScales(tokens),
    hasDigit: tokens.some((token) => token.kind === 'number') || (first.kind === 'unit' && first.value === 10),
    hasBigUnit: tokens.some((token) => token.kind === 'unit' && token.big),
    hasUnit: tokens.some((token) => token.kind === 'unit'),
    capital: hasCapital(text, start, stop),
    colloquialTail: state.pending !== null && state.pending.chinese && tail !== state.pending.value,
  };
};

/** The value of a numeral written alone ('一亿二千万' → 120000000); null when it is not one. */
export const parseNumeral = (numeral: string): number | null => {
  if (numeralEnd(numeral, 0) !== numeral.length) return null;
  return readNumeral(numeral, 0, numeral.length)?.value ?? null;
};
