import {
  BASE_TITLES,
  COMPOUND_SURNAME_LIST,
  HONORIFICS,
  NAME_FOLLOWERS,
  NOT_NAMES,
  SURNAMES,
  TITLE_MODIFIERS,
  TRAILING_TITLES,
} from './lexicon';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alternation = (words: string[]) => [...words].sort((a, b) => b.length - a.length).map(escape).join('|');

const ONE_TITLE = `(?:(?:${alternation(TITLE_MODIFIERS)})*(?:${alternation(BASE_TITLES)}))`;
/** A title, possibly compound: 执行常务副会长兼秘书长. */
export const TITLE = new RegExp(`${ONE_TITLE}(?:兼(?:任)?${ONE_TITLE})*`, 'g');
const TITLE_AT_END = new RegExp(`(${ONE_TITLE}(?:兼(?:任)?${ONE_TITLE})*)$`);

const FOLLOWERS = [...NAME_FOLLOWERS, ...TRAILING_TITLES, ...HONORIFICS].sort((a, b) => b.length - a.length);
/** Single characters that, as a 3rd character, are more likely a verb than part of a name. */
const VERB_LIKE_LAST = new Set([...'说在向为与和及对的也还就等将已是被把给任同跟到来于则又都所以应受率称谈']);
const HAN = /^\p{Script=Han}+$/u;
/** Right after a title these are prepositions (会长由…担任, 会长向…致辞), not surnames. */
const NOT_A_FIRST_CHARACTER = new Set([...'由从被把让向对在为与和及同跟给将']);

export const splitCompoundTitle = (title: string): string[] => title.split(/兼任?/).filter((part) => part !== '');

const startsWithSurname = (name: string): boolean =>
  COMPOUND_SURNAME_LIST.some((surname) => name.startsWith(surname) && name.length > surname.length) || SURNAMES.has(name[0]);

export const isFollower = (text: string): boolean => text === '' || FOLLOWERS.some((word) => text.startsWith(word));

const containsTitle = (text: string): boolean => {
  TITLE.lastIndex = 0;
  return TITLE.test(text);
};

/** A person name at `start`, judged by what follows it; null when none fits. */
export const nameAt = (text: string, start: number): string | null => {
  const fits = (length: number): boolean => {
    const name = text.slice(start, start + length);
    if ([...name].length !== length || !HAN.test(name) || NOT_A_FIRST_CHARACTER.has(name[0])) return false;
    if (!startsWithSurname(name) || NOT_NAMES.has(name) || containsTitle(name)) return false;
    return isFollower(text.slice(start + length));
  };
  for (const length of [3, 2, 4]) {
    if (!fits(length)) continue;
    if (length === 3 && VERB_LIKE_LAST.has(text[start + 2]) && fits(2)) return text.slice(start, start + 2);
    return text.slice(start, start + length);
  }
  // Right after a title, a three-character name is by far the most common, even when the verb
  // that follows is not one we know (孙建国致开班辞).
  const three = text.slice(start, start + 3);
  const plausible = !VERB_LIKE_LAST.has(three[0]) && !NOT_A_FIRST_CHARACTER.has(three[0]) && !/[市省县区镇乡村]/.test(three);
  if ([...three].length === 3 && plausible && HAN.test(three) && startsWithSurname(three) && !NOT_NAMES.has(three) && !containsTitle(three) && HAN.test(text[start + 3] ?? '')) {
    return three;
  }
  return null;
};

/** The title a chain segment ends with, and the organisation text before it. */
export const splitSegment = (segment: string): { organisationText: string; title: string } | null => {
  const match = segment.match(TITLE_AT_END);
  if (match === null) return null;
  return { organisationText: segment.slice(0, segment.length - match[1].length), title: match[1] };
};

export type TitleMention = { title: string; start: number; end: number };

export const findTitles = (text: string): TitleMention[] => {
  TITLE.lastIndex = 0;
  return [...text.matchAll(TITLE)].map((match) => ({ title: match[0], start: match.index ?? 0, end: (match.index ?? 0) + match[0].length }));
};
