import type { TitleDomain } from './context';
import { BASE_TITLES, CONGRESS_TITLES, DROPPED_QUALIFIERS, KEPT_MODIFIERS, TITLE_JOINERS } from './lexicon/titles';

/** Reads titles: a title is kept modifiers followed by a base title, and one item may join several. */

const escape = (word: string): string => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alternation = (words: string[]): string => [...words].sort((a, b) => b.length - a.length).map(escape).join('|');

const DOMAIN_OF = new Map<string, TitleDomain>();
for (const [domain, words] of Object.entries(BASE_TITLES) as Array<[TitleDomain, string[]]>) {
  for (const word of words) if (!DOMAIN_OF.has(word)) DOMAIN_OF.set(word, domain);
}
const BASES = alternation([...DOMAIN_OF.keys()]);
const MODIFIERS = alternation(KEPT_MODIFIERS);
const JOINERS = alternation(TITLE_JOINERS);

/** One title, whole: modifiers then a base. */
const ONE_TITLE = new RegExp(`^(?:${MODIFIERS})*(?:${BASES})$`);
/** The longest title at the start of a text. */
const TITLE_PREFIX = new RegExp(`^(?:${MODIFIERS})*(?:${BASES})`);
const BASE_AT_END = new RegExp(`(?:${BASES})$`);
const JOINER_PREFIX = new RegExp(`^(?:${JOINERS})`);
const BRACKETED_TITLE = new RegExp(`^（((?:${MODIFIERS})*(?:${BASES}))）`);
/** Characters a title can start with: a quick test before the patterns run. */
const FIRST_CHARACTERS = new Set([...KEPT_MODIFIERS, ...DOMAIN_OF.keys()].map((word) => word[0]));
const QUALIFIER_FIRST = /^[原前时现新首本上当第一二三四五六七八九十\d]/;

export type ReadTitle = {
  /** The titles, split: 执行常务副会长兼秘书长 → [执行常务副会长, 秘书长]. */
  titles: string[];
  domain: TitleDomain;
  /** Characters the title takes in the text, qualifiers (原, 首任) and joiners included. */
  length: number;
};

export const domainOf = (title: string): TitleDomain => {
  const base = title.match(BASE_AT_END)?.[0];
  return base === undefined ? 'generic' : (DOMAIN_OF.get(base) ?? 'generic');
};

export const isTitle = (text: string): boolean => ONE_TITLE.test(text);

/** 原主任 → 主任; 第三届理事会会长 → 会长. Returns the title and how many characters were dropped. */
const withoutQualifiers = (text: string): { rest: string; dropped: number } => {
  let rest = text;
  let dropped = 0;
  for (;;) {
    const qualifier = rest.match(DROPPED_QUALIFIERS)?.[0];
    if (qualifier === undefined || qualifier.length === rest.length) return { rest, dropped };
    rest = rest.slice(qualifier.length);
    dropped += qualifier.length;
  }
};

/**
 * The title(s) at the start of `text`, or null: 副会长兼秘书长张三 → [副会长, 秘书长] (length 6).
 * A bracketed second title is the same post under another name: 主席（会长）→ [主席, 会长].
 */
export const titleAt = (text: string): ReadTitle | null => {
  if (text === '' || (!FIRST_CHARACTERS.has(text[0]) && !QUALIFIER_FIRST.test(text))) return null;
  const { rest, dropped } = withoutQualifiers(text);
  const first = rest.match(TITLE_PREFIX)?.[0];
  if (first === undefined) return null;
  const titles = [first];
  let length = dropped + first.length;
  for (;;) {
    const after = text.slice(length);
    const joiner = after.match(JOINER_PREFIX)?.[0];
    const bracketed = after.match(BRACKETED_TITLE);
    if (bracketed !== null) {
      titles.push(bracketed[1]);
      length += bracketed[0].length;
      continue;
    }
    if (joiner === undefined) break;
    const next = withoutQualifiers(after.slice(joiner.length));
    const title = next.rest.match(TITLE_PREFIX)?.[0];
    if (title === undefined) break;
    titles.push(title);
    length += joiner.length + next.dropped + title.length;
  }
  return { titles, domain: domainOf(titles[titles.length - 1]), length };
};

/**
 * Every way an item's text can end in a title, longest title first: for 县委统战部副部长 the splits
 * are (县委统战部, 副部长) and (县委统战部副, 部长); the caller keeps the first whose left part is an
 * organisation (or empty).
 */
export const titleSplits = (item: string): Array<{ head: string; title: ReadTitle }> => {
  const splits: Array<{ head: string; title: ReadTitle }> = [];
  for (let start = 0; start < item.length; start += 1) {
    const title = titleAt(item.slice(start));
    if (title === null || title.length !== item.length - start) continue;
    splits.push({ head: item.slice(0, start), title });
  }
  return splits;
};

/** 全国政协委员 → the organisation 全国政协 and the title 政协委员; null when the title is not a congress membership. */
export const congressBody = (head: string, title: string): string | null => {
  const body = CONGRESS_TITLES[title];
  return body === undefined ? null : `${head}${body}`;
};
