/**
 * Small text helpers shared by the import stages. Everything here is pure and
 * knows nothing about any particular site: it is either plain Unicode
 * knowledge (what is a CJK character) or vocabulary of the genre (the labels
 * Chinese news pages print in front of 来源, 日期, 责任编辑 …).
 */
import { isPlaceName } from './extraction/places';

const HAN = /\p{Script=Han}/u;

/** True for a Han ideograph (including 〇). */
export function isHan(char: string): boolean {
  return HAN.test(char);
}

/**
 * True for punctuation and symbols that only occur in East Asian typesetting:
 * the CJK symbols block (、。〈〉《》「」【】…), full-width forms (，：；！？（）),
 * curly quotes, the ellipsis and the em dash. Curly quotes and dashes count
 * because in these pages they are used as Chinese punctuation.
 */
export function isCjkPunctuation(char: string): boolean {
  const code = char.codePointAt(0);
  if (code === undefined) {
    return false;
  }
  return (
    (code >= 0x3000 && code <= 0x303f) ||
    (code >= 0xff00 && code <= 0xffef) ||
    (code >= 0x2018 && code <= 0x201f) ||
    code === 0x2026 ||
    code === 0x2014 ||
    code === 0x00b7
  );
}

/** A character that makes its neighbourhood "Chinese text". */
export function isCjkContext(char: string | undefined): boolean {
  if (char === undefined) {
    return false;
  }
  return isHan(char) || isCjkPunctuation(char);
}

/** True when the text contains at least one Han ideograph. */
export function hasHan(text: string): boolean {
  return HAN.test(text);
}

/** Length in code points, so that one Chinese character counts as one. */
export function textLength(text: string): number {
  return [...text].length;
}

const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;
const OPENING_FULL_WIDTH = '（《「『“‘【〈〔';
const CLOSING_FULL_WIDTH = '，。、；：！？）》」』”’】〉〕';

/**
 * Trims, removes zero-width characters, turns every run of whitespace
 * (including no-break and ideographic spaces) into one ASCII space, and drops
 * spaces that only pad full-width punctuation. A single space between two
 * Chinese words is kept on purpose: in these pages it separates items (names
 * in a list, fields on a meta line), and removing it would fuse them.
 */
export function collapseWhitespace(text: string): string {
  let result = text.replace(ZERO_WIDTH, '').replace(/\s+/gu, ' ').trim();
  result = result.replace(new RegExp(` (?=[${CLOSING_FULL_WIDTH}])`, 'gu'), '');
  result = result.replace(new RegExp(`(?<=[${OPENING_FULL_WIDTH}${CLOSING_FULL_WIDTH}]) `, 'gu'), '');
  return result;
}

/** True when the line is empty once whitespace (of any width) is removed. */
export function isBlank(text: string): boolean {
  return text.replace(ZERO_WIDTH, '').trim().length === 0;
}

const URL_OR_EMAIL =
  /(?:https?|ftp):\/\/[^\s\u3000-\u303f\uff00-\uffef"'<>“”‘’\p{Script=Han}]+|www\.[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+[^\s\u3000-\u303f\uff00-\uffef"'<>“”‘’\p{Script=Han}]*|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/gu;

/** Index ranges of URLs and e-mail addresses, whose punctuation must not change. */
function protectedRanges(chars: string[]): boolean[] {
  const text = chars.join('');
  const isProtected = new Array<boolean>(chars.length).fill(false);
  // Work in code-point indexes: map UTF-16 offsets of matches to char indexes.
  const offsetToIndex = new Int32Array(text.length + 1).fill(-1);
  let offset = 0;
  chars.forEach((char, index) => {
    offsetToIndex[offset] = index;
    offset += char.length;
  });
  offsetToIndex[offset] = chars.length;
  for (const match of text.matchAll(URL_OR_EMAIL)) {
    // Like a linkifier: punctuation at the very end belongs to the sentence.
    const url = match[0].replace(/[.,;:!?)\]'"]+$/u, '');
    const start = offsetToIndex[match.index ?? 0];
    const end = offsetToIndex[(match.index ?? 0) + url.length];
    if (start === -1 || end === -1) {
      continue;
    }
    for (let index = start; index < end; index += 1) {
      isProtected[index] = true;
    }
  }
  return isProtected;
}

const FULL_WIDTH_OF: Record<string, string> = {
  ',': '，',
  ':': '：',
  ';': '；',
  '?': '？',
  '!': '！',
};

/** Nearest character on one side, skipping spaces. */
function neighbour(chars: string[], index: number, step: 1 | -1): string | undefined {
  let position = index + step;
  while (position >= 0 && position < chars.length && chars[position] === ' ') {
    position += step;
  }
  return chars[position];
}

function touchesCjk(chars: string[], index: number): boolean {
  return isCjkContext(neighbour(chars, index, -1)) || isCjkContext(neighbour(chars, index, 1));
}

/** Han characters before each index, so that "is there Han between two marks" costs nothing per pair. */
function hanCounts(chars: string[]): Int32Array {
  const counts = new Int32Array(chars.length + 1);
  chars.forEach((char, index) => {
    counts[index + 1] = counts[index] + (isHan(char) ? 1 : 0);
  });
  return counts;
}

function rangeHasHan(counts: Int32Array, from: number, to: number): boolean {
  return to > from && counts[to] - counts[from] > 0;
}

/**
 * Replaces ASCII punctuation that sits in Chinese text with its full-width
 * form: , : ; ? ! ( ) and straight double quotes (which become “ and ”).
 *
 * A mark is converted only when the nearest non-space character on at least
 * one side is Chinese (an ideograph or Chinese punctuation), so numbers
 * (1,000), times (20:55:36), ASCII words and sentences stay as they are; URLs
 * and e-mail addresses are never touched. Brackets and quotes are handled as
 * pairs so that both halves change together: a pair is converted when it
 * touches Chinese on the outside or contains Chinese inside. Straight quotes
 * pair up in order of appearance within the line (first opens, second closes).
 */
export function normalisePunctuation(text: string): string {
  if (!/[,:;?!()"]/u.test(text)) {
    return text;
  }
  const chars = [...text];
  const isProtected = protectedRanges(chars);
  const han = hanCounts(chars);
  const replacement = new Map<number, string>();

  const quotes: number[] = [];
  chars.forEach((char, index) => {
    if (char === '"' && !isProtected[index]) {
      quotes.push(index);
    }
  });
  for (let pair = 0; pair + 1 < quotes.length; pair += 2) {
    const open = quotes[pair];
    const close = quotes[pair + 1];
    if (touchesCjk(chars, open) || touchesCjk(chars, close) || rangeHasHan(han, open + 1, close)) {
      replacement.set(open, '“');
      replacement.set(close, '”');
    }
  }
  if (quotes.length % 2 === 1) {
    const lone = quotes[quotes.length - 1];
    if (touchesCjk(chars, lone)) {
      const opensSomething = chars[lone + 1] !== undefined && chars[lone + 1] !== ' ';
      replacement.set(lone, opensSomething ? '“' : '”');
    }
  }

  const openBrackets: number[] = [];
  chars.forEach((char, index) => {
    if (isProtected[index]) {
      return;
    }
    if (char === '(') {
      openBrackets.push(index);
    } else if (char === ')') {
      const open = openBrackets.pop();
      if (open === undefined) {
        if (touchesCjk(chars, index)) {
          replacement.set(index, '）');
        }
        return;
      }
      if (touchesCjk(chars, open) || touchesCjk(chars, index) || rangeHasHan(han, open + 1, index)) {
        replacement.set(open, '（');
        replacement.set(index, '）');
      }
    }
  });
  for (const open of openBrackets) {
    if (touchesCjk(chars, open)) {
      replacement.set(open, '（');
    }
  }

  chars.forEach((char, index) => {
    const fullWidth = FULL_WIDTH_OF[char];
    if (fullWidth === undefined || isProtected[index]) {
      return;
    }
    if (touchesCjk(chars, index)) {
      replacement.set(index, fullWidth);
    }
  });

  return chars.map((char, index) => replacement.get(index) ?? char).join('');
}

/** Closing quotes and brackets that may follow the last real character. */
const TRAILING_CLOSERS = /[”’」』）)】\]》〉"'\s]+$/u;
const SENTENCE_END = /[。！？!?；;…~～]$/u;

/**
 * True when the line ends like a sentence (。！？；…), looking through closing
 * quotes and brackets: `……的决定》。”` ends a sentence.
 */
export function endsLikeSentence(text: string): boolean {
  return SENTENCE_END.test(text.replace(TRAILING_CLOSERS, ''));
}

/** True when the line ends with a colon, i.e. it introduces what follows. */
export function endsWithColon(text: string): boolean {
  return /[：:]$/u.test(text.trim());
}

/** Sentence punctuation anywhere inside the text (not commas). */
export function hasSentencePunctuation(text: string): boolean {
  return /[。！？!?；;]/u.test(text);
}

// ---------------------------------------------------------------------------
// Dates

export type FoundDate = {
  /** YYYY-MM-DD when the text gives a valid full date, else null. */
  iso: string | null;
  /** The date as printed. */
  text: string;
  /** UTF-16 offset in the searched text. */
  index: number;
  hasYear: boolean;
  /** False for impossible dates such as 2020-02-31 (iso is then null). */
  valid: boolean;
};

const CHINESE_DIGIT: Record<string, number> = {
  〇: 0, 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};

/** 二〇二〇 → 2020 (digit by digit). */
function chineseYear(text: string): number {
  return Number([...text].map((char) => String(CHINESE_DIGIT[char] ?? 0)).join(''));
}

/** 十 → 10, 二十一 → 21, 三十 → 30, 四 → 4. */
function chineseSmallNumber(text: string): number {
  const [tensText, unitsText] = text.includes('十') ? text.split('十') : ['', text];
  const tens = text.includes('十') ? (tensText === '' ? 1 : CHINESE_DIGIT[tensText] ?? 0) : 0;
  const units = unitsText === '' ? 0 : CHINESE_DIGIT[unitsText] ?? 0;
  return tens * 10 + units;
}

/** YYYY-MM-DD for a real calendar date between 1900 and 2100, else null. */
export function toIsoDate(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) {
    return null;
  }
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) {
    return null;
  }
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) {
    return null;
  }
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const FULL_DATE_PATTERNS: { pattern: RegExp; read: (match: RegExpMatchArray) => [number, number, number] }[] = [
  {
    pattern: /(?<!\d)(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]/gu,
    read: (match) => [Number(match[1]), Number(match[2]), Number(match[3])],
  },
  {
    pattern: /(?<![\d.])(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?![\d.])/gu,
    read: (match) => [Number(match[1]), Number(match[3]), Number(match[4])],
  },
  {
    pattern: /([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})[日号]/gu,
    read: (match) => [chineseYear(match[1]), chineseSmallNumber(match[2]), chineseSmallNumber(match[3])],
  },
];

const YEARLESS_DATE = /(?<![\d年.\-/])(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]/gu;

/**
 * Every date printed in the text, in order: full dates (2020-04-10,
 * 2020/4/10, 2020.04.10, 2020年4月10日, 二〇二〇年四月十日, and the date part
 * of 2020-02-05T20:55:36) and dates without a year (4月10日), which are
 * reported with hasYear false so callers can refuse to guess the year.
 */
export function findDates(text: string): FoundDate[] {
  const found: FoundDate[] = [];
  const covered: [number, number][] = [];
  for (const { pattern, read } of FULL_DATE_PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const index = match.index ?? 0;
      const [year, month, day] = read(match);
      const iso = toIsoDate(year, month, day);
      found.push({ iso, text: match[0], index, hasYear: true, valid: iso !== null });
      covered.push([index, index + match[0].length]);
    }
  }
  // Matches come in text order, so one pass over the covered ranges, sorted, tells which fall inside one.
  covered.sort((left, right) => left[0] - right[0]);
  let next = 0;
  let coveredUpTo = -1;
  for (const match of text.matchAll(YEARLESS_DATE)) {
    const index = match.index ?? 0;
    while (next < covered.length && covered[next][0] <= index) {
      coveredUpTo = Math.max(coveredUpTo, covered[next][1]);
      next += 1;
    }
    if (index < coveredUpTo) {
      continue;
    }
    found.push({ iso: null, text: match[0], index, hasYear: false, valid: true });
  }
  return found.sort((left, right) => left.index - right.index);
}

// ---------------------------------------------------------------------------
// Metadata fields printed on news pages (来源：… 日期：… 责任编辑：…)

export type FieldKind =
  | 'source'
  /** 供稿: who supplied the article; the publisher when no 来源 is printed. */
  | 'contributor'
  | 'date'
  | 'reporter'
  | 'correspondent'
  | 'editor'
  | 'reviewer'
  | 'photographer'
  | 'views'
  | 'other'
  | 'widget';

/**
 * Field labels of the genre, longest first so that 信息来源 wins over 来源 and
 * 责任编辑 over 编辑 when both could match at the same place.
 */
const FIELD_LABELS: [string, FieldKind][] = (
  [
    ['信息来源', 'source'],
    ['稿件来源', 'source'],
    ['文章来源', 'source'],
    ['新闻来源', 'source'],
    ['消息来源', 'source'],
    ['来源', 'source'],
    ['出处', 'source'],
    // E-paper pages name the newspaper the article was printed in.
    ['当前报纸名称', 'source'],
    ['报纸名称', 'source'],
    ['供稿单位', 'contributor'],
    ['供稿', 'contributor'],
    ['发布日期', 'date'],
    ['发布时间', 'date'],
    ['发表日期', 'date'],
    ['发表时间', 'date'],
    ['发文日期', 'date'],
    ['更新日期', 'date'],
    ['更新时间', 'date'],
    ['上传时间', 'date'],
    ['录入时间', 'date'],
    ['日期', 'date'],
    ['时间', 'date'],
    ['本报记者', 'reporter'],
    ['特约记者', 'reporter'],
    ['见习记者', 'reporter'],
    ['记者', 'reporter'],
    ['作者', 'reporter'],
    ['撰稿', 'reporter'],
    ['撰文', 'reporter'],
    ['文', 'reporter'],
    ['特约通讯员', 'correspondent'],
    ['通讯员', 'correspondent'],
    ['责任编辑', 'editor'],
    ['责编', 'editor'],
    ['编辑', 'editor'],
    ['审核', 'reviewer'],
    ['审校', 'reviewer'],
    ['审签', 'reviewer'],
    ['监制', 'reviewer'],
    ['校对', 'reviewer'],
    ['摄影', 'photographer'],
    ['图片', 'photographer'],
    ['摄', 'photographer'],
    ['图', 'photographer'],
    ['浏览次数', 'views'],
    ['浏览量', 'views'],
    ['点击次数', 'views'],
    ['点击数', 'views'],
    ['点击量', 'views'],
    ['阅读次数', 'views'],
    ['阅读量', 'views'],
    ['访问量', 'views'],
    ['浏览', 'views'],
    ['点击', 'views'],
    ['阅读', 'views'],
    ['发布人', 'other'],
    ['发布者', 'other'],
    ['录入者', 'other'],
    ['录入', 'other'],
    ['字体', 'widget'],
    ['字号', 'widget'],
  ] as [string, FieldKind][]
).sort((left, right) => right[0].length - left[0].length);

const KIND_OF_LABEL = new Map(FIELD_LABELS);

/**
 * One-character labels (文, 图, 摄) are ordinary words too, so they count only
 * at a boundary (line start, space, bracket, separator) and, for 文/图, also
 * with a slash: 文/张三.
 */
const FIELD_LABEL_PATTERN = new RegExp(
  `(?:${FIELD_LABELS.filter(([label]) => textLength(label) > 1)
    .map(([label]) => label)
    .join('|')})\\s*[：:]|(?<=^|[\\s【\\[（(|｜/，,])(?:摄影|文|图|摄)\\s*[：:/／]`,
  'gu',
);

/** Drops closing brackets at the end that close nothing opened in the value. */
function trimUnbalancedClosers(value: string): string {
  let result = value.trim();
  while (/[）)】\]]$/u.test(result)) {
    const opened = (result.match(/[（(【\[]/gu) ?? []).length;
    const closed = (result.match(/[）)】\]]/gu) ?? []).length;
    if (closed <= opened) {
      break;
    }
    result = result.slice(0, -1).trim();
  }
  return result;
}

export type Field = {
  label: string;
  kind: FieldKind;
  /** The printed value, trimmed of separators, e.g. a publisher's name. */
  value: string;
};

/**
 * Splits a meta line into its labelled fields. A value runs up to the next
 * label, so "来源：某某日报 日期：2020-04-10" gives two fields.
 */
export function findFields(line: string): Field[] {
  const matches = [...line.matchAll(FIELD_LABEL_PATTERN)];
  return matches.map((match, position) => {
    const label = match[0].replace(/[\s：:/／]+$/u, '');
    const start = (match.index ?? 0) + match[0].length;
    const next = matches[position + 1];
    const end = next === undefined ? line.length : next.index ?? line.length;
    const value = trimUnbalancedClosers(
      line
        .slice(start, end)
        .replace(/^[\s：:）)】\]]+/u, '')
        .replace(/[\s|｜/【\[（(]+$/u, ''),
    );
    return { label, kind: KIND_OF_LABEL.get(label) ?? 'widget', value };
  });
}

/** Field kinds that mark a line as article metadata rather than text. */
const META_KINDS = new Set<FieldKind>(['source', 'contributor', 'date', 'reporter', 'correspondent', 'editor', 'reviewer', 'photographer', 'views', 'other']);

/**
 * A byline in brackets, with or without colons: （记者 张三 通讯员 李四）,
 * 【编辑：王五】, (文/张三).
 */
const BRACKETED_BYLINE =
  /^[（(【\[]\s*(?:本报|本刊|本网|本台)?(?:特约|见习)?(?:记者|通讯员|作者|责任编辑|责编|编辑|审核|摄影|文|图)\s*[：:/／\s]/u;

const NAME = '[\\p{Script=Han}·]{2,5}';
const BYLINE_ROLE = '(?:本报|本刊|本网|本台)?(?:特约|见习|全媒体?|融媒体?)?(?:记者|通讯员|摄影|实习生)';
/**
 * 记者 张三 通讯员 李四 — a byline printed on its own line without brackets. Newspapers may put a
 * mark such as □ in front and the contributor's name before the first role: □张三 记者 李四 王五.
 */
const BARE_BYLINE = new RegExp(
  `^(?:[□■◇◆○●◎]\\s*)?(?:${NAME}(?:[\\s、]+${NAME})*\\s+)?${BYLINE_ROLE}[\\s：:]*${NAME}(?:[\\s、]+${NAME})*(?:\\s+${BYLINE_ROLE}[\\s：:]*${NAME}(?:[\\s、]+${NAME})*)*$`,
  'u',
);

/**
 * True for a line that carries article metadata — 来源/日期/发布时间/作者/
 * 记者/通讯员/责任编辑/浏览 with a colon, or a byline — and is not
 * itself a sentence. Such lines are never boilerplate: the parse stage reads
 * them and then removes them from the body.
 */
export function isMetaLine(line: string): boolean {
  const text = line.trim();
  if (text.length === 0 || textLength(text) > 160 || /[。！？]/u.test(text)) {
    return false;
  }
  if ((BRACKETED_BYLINE.test(text) && /[）)】\]]$/u.test(text)) || BARE_BYLINE.test(text)) {
    return true;
  }
  const fields = findFields(text);
  if (fields.length === 0 || !fields.some((field) => META_KINDS.has(field.kind))) {
    return false;
  }
  // A line such as "时间：4月10日上午，地点：…" inside an announcement is text:
  // real meta lines start with a field (or a date) and hold little else.
  const firstLabelAt = text.search(FIELD_LABEL_PATTERN);
  const lead = text.slice(0, Math.max(firstLabelAt, 0)).replace(/[\s【\[（(|｜]/gu, '');
  return lead.length === 0 || findDates(lead).some((date) => date.hasYear) || /^\d[\d\s:\-/.]*$/u.test(lead);
}

/**
 * True for a line that is only a date (and perhaps a time, a weekday, or a
 * word such as 发布/更新), as printed under many titles: "2020年04月10日 星期五".
 */
export function isDateLine(line: string): boolean {
  const dates = findDates(line).filter((date) => date.hasYear);
  if (dates.length === 0) {
    return false;
  }
  // The dates cut out by position: replacing each by searching for it again would cost a pass over
  // the line per date.
  const pieces: string[] = [];
  let from = 0;
  for (const date of dates) {
    if (date.index < from) {
      continue;
    }
    pieces.push(line.slice(from, date.index));
    from = date.index + date.text.length;
  }
  pieces.push(line.slice(from));
  const rest = pieces
    .join(' ')
    .replace(/T?\d{1,2}[:：]\d{2}(?:[:：]\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?/gu, ' ')
    .replace(/星期[一二三四五六日天]|周[一二三四五六日天]|[上下]午/gu, ' ')
    .replace(/[\s|｜/【】[\]（）()\-—,，]/gu, '');
  return rest.length === 0 || /^(?:发布|更新|发表|上传|时间|日期)$/u.test(rest);
}

// ---------------------------------------------------------------------------
// Post headers and datelines: where pages without a 来源 line name their publisher

const TIME_TOKEN = /^\d{1,2}[:：]\d{2}(?:[:：]\d{2})?$/u;
const NAME_TOKEN = /^[\p{L}\p{N}·（）()]+$/u;
/** Words a post header may carry besides names: the 原创 badge, a weekday. */
const POST_HEADER_WORD = /^(?:原创|转载|置顶|星期[一二三四五六日天]|周[一二三四五六日天])$/u;

export type PostHeader = {
  /** The names printed before the date, in order: the account or publisher, and perhaps an author. */
  names: string[];
  date: FoundDate;
};

/**
 * The header line of a social-media post (the kind WeChat public accounts print): names, then the
 * date with a year, the time and perhaps the poster's region, separated by spaces and nothing else —
 * "某某商会 2024年3月2日 16:05 浙江". Null for any other line.
 */
export function readPostHeader(line: string): PostHeader | null {
  if (line.length > 200 || textLength(line) > 100) {
    return null;
  }
  const tokens = line.trim().split(/\s+/u);
  if (tokens.length < 2 || tokens.length > 8) {
    return null;
  }
  const dateAt = tokens.findIndex((token) => findDates(token).some((found) => found.hasYear && found.text === token));
  if (dateAt < 1) {
    return null;
  }
  const date = findDates(tokens[dateAt])[0];
  const before = tokens.slice(0, dateAt).filter((token) => !POST_HEADER_WORD.test(token));
  const [time, ...after] = tokens.slice(dateAt + 1);
  const isName = (token: string): boolean => NAME_TOKEN.test(token) && textLength(token) <= 30 && /\p{L}/u.test(token) && findDates(token).length === 0;
  // The time of posting follows the date, and after it only the poster's region: one short name.
  if (time === undefined || !TIME_TOKEN.test(time) || after.length > 1 || !after.every((token) => isName(token) && textLength(token) <= 6)) {
    return null;
  }
  if (before.length === 0 || !before.every(isName)) {
    return null;
  }
  return { names: before, date };
}

/** Endings of a publisher's name as printed in a dateline: 日报, 网, 通讯社, 电视台, 客户端 … */
const OUTLET_ENDING = /(?:报|報|网|網|社|台|刊|新闻|新聞|客户端|客戶端|频道|頻道|在线|在線)$/u;
/** The newsroom desk a dateline may name after the paper: 某某日报全媒体讯. */
const MEDIA_DESK = /(?:全媒体|融媒体|全媒體|融媒體)$/u;

/**
 * The opening of a news lead: the publisher, the place and date it was filed, and 讯 or 电 —
 * 某某日报讯, 某某网北京3月5日电, 【某某时报讯 （记者…）】. `rest` is what follows it.
 */
const DATELINE =
  /^[【[]?\s*([^\s，。；：:,、“”"（）()【】[\]]{1,30}?)\s*((?:(?:19|20)\d{2}年)?\d{1,2}月\d{1,2}日)?\s*(讯|訊|电|電)(?![员員录錄息号號])(?=$|[\s（(【】\]：:，,“"])/u;

export type Dateline = {
  /** The publisher named in the dateline; null for 本报讯, 本刊讯 and other words for "this paper". */
  outlet: string | null;
  /** The date printed in the dateline, when it has one. */
  date: FoundDate | null;
  /** The text after the dateline (a bracketed byline, then the story). */
  rest: string;
};

/**
 * The publisher in the name printed before the date: 某某网北京 → 某某网, the place the story was
 * filed from dropped. A name must begin like a publisher's (end in 报, 网, 社 … somewhere); what
 * follows that is kept unless it is a place, for publishers' names run on (某某网新闻, 某某网时刻).
 */
function outletName(text: string): string | null {
  const printed = text.replace(MEDIA_DESK, '');
  const chars = [...printed];
  for (let end = chars.length; end >= 2; end -= 1) {
    const name = chars.slice(0, end).join('');
    if (OUTLET_ENDING.test(name)) {
      return end === chars.length || !isPlaceName(chars.slice(end).join('')) ? printed : name;
    }
  }
  return null;
}

/** The dateline at the start of a lead, or null when the line does not start with one. */
export function readDateline(line: string): Dateline | null {
  const match = DATELINE.exec(line);
  if (match === null) {
    return null;
  }
  const [whole, printedName, printedDate, mark] = match;
  const date = printedDate === undefined ? null : findDates(printedDate)[0] ?? null;
  // 电 is an ordinary word too: only a dated dispatch or a news agency's (某某社电) is a dateline.
  if (/[电電]/u.test(mark) && date === null && !/社$/u.test(printedName)) {
    return null;
  }
  const name = outletName(printedName);
  const thisPaper = /^本[报報刊网網台社站]/u.test(printedName);
  if (name === null && !thisPaper) {
    return null;
  }
  const rest = line.slice(whole.length).replace(/^[\s】\]]+/u, '');
  return { outlet: thisPaper ? null : name, date, rest };
}

/** Marks that open a pair (《》, “”, brackets), and the marks that close one. */
export const PAIR_OPENERS = '《“‘（(【「『〈';
export const PAIR_CLOSERS = '》”’）)】」』〉';

/** True when a 《》, “” or bracket pair is opened in the text and not closed. */
function hasOpenPair(text: string): boolean {
  let depth = 0;
  for (const char of text) {
    if (PAIR_OPENERS.includes(char)) {
      depth += 1;
    } else if (PAIR_CLOSERS.includes(char) && depth > 0) {
      depth -= 1;
    }
  }
  return depth > 0;
}

/**
 * True when the last line of an article stops in the middle of a sentence, as pages cut off by a
 * scraper do: it does not end like a sentence and is plainly a sentence in progress (it holds clause
 * punctuation, ends on a comma, a colon or an opening mark, or leaves a 《》/“” open). A short
 * unpunctuated line — a signature, a caption — is not taken for a cut, nor is a "联系电话：…" line,
 * whose colon only labels a value.
 */
export function endsMidSentence(line: string): boolean {
  const text = line.trim();
  if (text.length === 0 || endsLikeSentence(text) || /[”’」』）)】\]》〉]$/u.test(text)) {
    return false;
  }
  return /[，、；,;]/u.test(text) || hasOpenPair(text) || /[：:（(《“【]$/u.test(text);
}
