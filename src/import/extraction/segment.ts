import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import type { Token } from './context';
import { BASE_TITLES } from './lexicon/titles';
import { ORGANISATION_SUFFIXES } from './lexicon/organisations';

/**
 * Segments text into words with @node-rs/jieba (its dictionary plus a user dictionary of the
 * genre's titles and organisation endings, so 副会长 and 工商联 come out whole). The tags are
 * evidence for the passes (nr person, ns place, nt organisation), not truth.
 */

let instance: Jieba | null = null;

/** jieba's user dictionary format: word, frequency, tag per line. */
const userDictionary = (): string => {
  const lines: string[] = [];
  for (const words of Object.values(BASE_TITLES)) for (const word of words) lines.push(`${word} 20000 n`);
  for (const { suffix } of ORGANISATION_SUFFIXES) if (suffix.length >= 2) lines.push(`${suffix} 20000 n`);
  return `${lines.join('\n')}\n`;
};

export const jieba = (): Jieba => {
  // Loading the dictionary takes a few hundred milliseconds: once per process, on first use.
  if (instance === null) {
    instance = Jieba.withDict(dict);
    instance.loadDict(Buffer.from(userDictionary(), 'utf8'));
  }
  return instance;
};

/**
 * Short texts the name reader asks about again and again (the dozen characters after a title) are
 * segmented once: a small cache, emptied when full so it cannot grow with the run.
 */
const cache = new Map<string, Array<{ word: string; tag: string }>>();
const CACHE_LIMIT = 20_000;
const SHORT = 16;

const tag = (text: string): Array<{ word: string; tag: string }> => {
  if (text.length > SHORT) return jieba().tag(text, true);
  const known = cache.get(text);
  if (known !== undefined) return known;
  if (cache.size >= CACHE_LIMIT) cache.clear();
  const tagged = jieba().tag(text, true);
  cache.set(text, tagged);
  return tagged;
};

/** The words of `text` with their offsets, starting at `offset`. */
export const segment = (text: string, offset = 0): Token[] => {
  const tokens: Token[] = [];
  let position = offset;
  for (const { word, tag: partOfSpeech } of tag(text)) {
    tokens.push({ word, tag: partOfSpeech, start: position, end: position + word.length });
    position += word.length;
  }
  return tokens;
};
