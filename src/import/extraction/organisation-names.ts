import type { OrganisationKind } from '../types';
import { CLAUSE_OPENERS, DESCRIPTIVE_INSIDE, DESCRIPTIVE_START, GENERIC_STEMS, NOT_ORGANISATIONS, ORGANISATION_SUFFIXES, type Suffix } from './lexicon/organisations';
import { placeAt } from './places';
import { isTitle } from './titles';

/** What makes a string an organisation's name: a known ending, enough name before it, no clause words. */

const BY_LENGTH = [...ORGANISATION_SUFFIXES].sort((a, b) => b.suffix.length - a.suffix.length);
const OPENERS = [...CLAUSE_OPENERS].sort((a, b) => b.length - a.length);

/** Characters an organisation's name is made of; brackets for 某银行（香港）, · for transliterations. */
const NAME_CHARS = /^[\p{Script=Han}A-Za-z0-9·（）&]+$/u;

/** Endings by their last character, longest first: a name is checked against a handful, not all. */
const BY_LAST = new Map<string, Suffix[]>();
for (const entry of BY_LENGTH) BY_LAST.set(entry.suffix.slice(-1), [...(BY_LAST.get(entry.suffix.slice(-1)) ?? []), entry]);

/** The longest known ending of a name, or null. */
export const suffixOf = (name: string): Suffix | null => BY_LAST.get(name.slice(-1))?.find((entry) => name.endsWith(entry.suffix)) ?? null;

export const kindOf = (name: string): OrganisationKind => {
  const bare = name.replace(/（[^（）]*）$/, '');
  return suffixOf(bare)?.kind ?? (placeAt(name, 0)?.end === name.length ? 'government_body' : 'other');
};

/** Brackets must pair: 某银行（香港）有限公司 is a name, 有限公司） is not. */
const balanced = (name: string): boolean => {
  let depth = 0;
  for (const char of name) {
    if (char === '（') depth += 1;
    if (char === '）') depth -= 1;
    if (depth < 0) return false;
  }
  return depth === 0;
};

/**
 * True when `name` can be an organisation's name as it stands: a known ending with enough in front
 * of it (县委 yes, 委 no; XX公司 yes, 公司 no), made of name characters, not a description.
 * A trailing bracketed alias counts as part of the name: 县工商联（总商会）.
 */
export const isOrganisationName = (name: string): boolean => {
  if (name.length < 2 || name.length > 40 || !NAME_CHARS.test(name) || !balanced(name)) return false;
  // 某县·某市某商会: a place and a · before a name join two names, they are not one.
  if (/[省市县区州]·/.test(name)) return false;
  const bare = name.replace(/（[^（）]*）$/, '');
  const suffix = suffixOf(bare);
  if (suffix === null) return false;
  if (NOT_ORGANISATIONS.test(bare) || DESCRIPTIVE_START.test(bare) || DESCRIPTIVE_INSIDE.test(bare) || isTitle(bare)) return false;
  const stem = bare.slice(0, bare.length - suffix.suffix.length);
  if (stem.length < suffix.stem || GENERIC_STEMS.has(stem)) return false;
  // 市委, 区政府: a level character alone is a name only before endings that are bodies of a place.
  if (/^[省市县区镇乡]$/.test(stem)) return suffix.stem <= 1 && suffix.kind !== 'company';
  return true;
};

/** The opener a text starts with (由, 会上, 邀请…), unless a place starts there (和田县 is a place). */
export const openerAt = (text: string, index: number): string | null => {
  const opener = OPENERS.find((word) => text.startsWith(word, index));
  if (opener === undefined) return null;
  const place = placeAt(text, index);
  return place !== null && place.end - index > opener.length ? null : opener;
};

/** Skips the clause openers at the start of a span: 会议由中国某协会 → the index of 中国. */
export const skipOpeners = (text: string, start: number, end: number): number => {
  let index = start;
  for (;;) {
    const opener = openerAt(text, index);
    if (opener === null || index + opener.length >= end) return index;
    index += opener.length;
  }
};

/** 某商会党支部 → 某商会: the body a party organisation is named after, when it is an organisation. */
export const partyBody = (name: string): string | null => {
  const body = name.replace(/^中共/, '').match(/^(.+?)(?:临时)?(?:党支部|党总支|党委|党组|支部委员会|支部)$/)?.[1];
  return body !== undefined && isOrganisationName(body) ? body : null;
};
