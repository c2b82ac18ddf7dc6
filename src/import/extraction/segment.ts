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

const jieba = (): Jieba => {
  // Loading the dictionary takes a few hundred milliseconds: once per process, on first use.
  if (instance === null) {
    instance = Jieba.withDict(dict);
    instance.loadDict(Buffer.from(userDictionary(), 'utf8'));
  }
  return instance;
};

/** The words of `text` with their offsets, starting at `offset`. */
export const segment = (text: string, offset = 0): Token[] => {
  const tokens: Token[] = [];
  let position = offset;
  for (const { word, tag } of jieba().tag(text, true)) {
    tokens.push({ word, tag, start: position, end: position + word.length });
    position += word.length;
  }
  return tokens;
};
