import * as OpenCC from 'opencc-js';

/**
 * Normalises a page's text for the extraction passes without moving a single character: traditional
 * characters become simplified (opencc-js, Hong Kong and Taiwan variants included) and the ASCII
 * punctuation scrapers leave behind becomes the full-width punctuation Chinese text uses. Each
 * character maps to exactly one character, so offsets found in the result hold in the original.
 */

type Convert = (text: string) => string;

let converter: Convert | null = null;
const toSimplified = (): Convert => {
  // Built on first use: the dictionaries take a few milliseconds to load, once per process.
  if (converter === null) {
    const hongKong = OpenCC.Converter({ from: 'hk', to: 'cn' });
    const taiwan = OpenCC.Converter({ from: 'tw', to: 'cn' });
    converter = (text) => taiwan(hongKong(text));
  }
  return converter;
};

const simplifiedChar = new Map<string, string>();

/** One character in simplified form; a conversion that is not one character for one is not applied. */
const simplify = (char: string): string => {
  const known = simplifiedChar.get(char);
  if (known !== undefined) return known;
  const converted = toSimplified()(char);
  const result = converted.length === char.length ? converted : char;
  simplifiedChar.set(char, result);
  return result;
};

/** CJK ideographs by code unit: the unified blocks and the compatibility block (fast, no regex per character). */
const isHanUnit = (code: number): boolean => (code >= 0x3400 && code <= 0x9fff) || (code >= 0xf900 && code <= 0xfaff);

/** ASCII punctuation that stands for the full-width mark in Chinese prose. */
const FULL_WIDTH: Record<string, string> = { ',': '，', ':': '：', ';': '；', '(': '（', ')': '）', '!': '！', '?': '？' };

/** Commas and colons between digits (1,000 and 10:30) are part of the number. */
const betweenDigits = (text: string, index: number): boolean => /\d/.test(text[index - 1] ?? '') && /\d/.test(text[index + 1] ?? '');

/** How many of the text's Han characters change when simplified, and how many there are. */
const countChanged = (original: string): { han: number; changed: number; distinct: number } => {
  let han = 0;
  let changed = 0;
  const kinds = new Set<string>();
  for (let index = 0; index < original.length; index += 1) {
    if (!isHanUnit(original.charCodeAt(index))) continue;
    han += 1;
    if (simplify(original[index]) !== original[index]) {
      changed += 1;
      kinds.add(original[index]);
    }
  }
  return { han, changed, distinct: kinds.size };
};

/**
 * True when the page is printed in traditional characters: enough of its Han characters change,
 * and several different ones. A simplified page can hold a character the converter would change
 * (乾 in a name), never many different ones.
 */
export const isTraditionalText = (original: string): boolean => {
  const { han, changed, distinct } = countChanged(original);
  return han > 0 && changed / han > 0.05 && distinct >= 3;
};

/**
 * A page printed in simplified characters keeps its characters: converting them would turn a
 * simplified name's 乾 into 干. Only a page in traditional characters is converted.
 */
export const normalise = (original: string, converted = isTraditionalText(original)): string => {
  const parts: string[] = [];
  // ASCII double quotes open and close in turn within a line: "…" reads as “…”.
  let quoteOpen = false;
  for (let index = 0; index < original.length; index += 1) {
    const char = original[index];
    const code = original.charCodeAt(index);
    if (code < 0x80) {
      if (char === '\n') quoteOpen = false;
      if (char === '"') {
        parts.push(quoteOpen ? '”' : '“');
        quoteOpen = !quoteOpen;
        continue;
      }
      const wide = FULL_WIDTH[char];
      parts.push(wide === undefined || ((char === ',' || char === ':') && betweenDigits(original, index)) ? char : wide);
    } else if (char === '\u3000') {
      parts.push(' ');
    } else {
      parts.push(converted && isHanUnit(code) ? simplify(char) : char);
    }
  }
  return parts.join('');
};

/** Every Han character in simplified form, whatever the page: for keys that must match across scripts. */
export const toSimplifiedText = (original: string): string => {
  const parts: string[] = [];
  for (let index = 0; index < original.length; index += 1) parts.push(isHanUnit(original.charCodeAt(index)) ? simplify(original[index]) : original[index]);
  return parts.join('');
};
