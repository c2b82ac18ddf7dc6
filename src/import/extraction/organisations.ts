import { AND_INSIDE_NAMES, LEFT_STOPS, ORGANISATION_SUFFIXES, WEAK_SUFFIXES } from './lexicon';
import type { OrganisationKind } from '../types';

/** An organisation name found in the text, where it was found and what kind its suffix implies. */
export type OrganisationMention = { name: string; start: number; end: number; kind: OrganisationKind };

const SUFFIXES = [...ORGANISATION_SUFFIXES].sort((a, b) => b[0].length - a[0].length);
const SUFFIX_PATTERN = new RegExp(SUFFIXES.map(([suffix]) => suffix).join('|'), 'g');
const KIND_BY_SUFFIX = new Map(SUFFIXES);

/** Names that are whole on their own (民政部), not a suffix waiting for a name. */
const WHOLE_NAMES = new Set(['民政部', '工信部', '商务部', '统战部', '发改委', '国资委', '卫健委']);

const STOPS = [...LEFT_STOPS].sort((a, b) => b.length - a.length);

/** Determiners and generic words that make a candidate a description, not a name. */
const GENERIC_START = /^(?:上述|该|本|此|这|那|各|我|其|相关|有关|下属|所属|部分|多家|一批|一个|一家|一名|一座|多个|每个|两个|广大|全体|各级|全市|全省|全县|全区|异地|兄弟|会员|民营|头部|上下游|商协会|商会|方舱)/;

/** Words that end like an organisation but are not one: 大局, 全部, 董事局, 联系. */
const FALSE_ENDINGS = /(?:大局|全局|格局|布局|结局|当局|开局|僵局|骗局|赌局|饭局|终局|出局|残局|时局|变局|新局|棋局|董事局|内部|外部|全部|局部|干部|总部|东部|西部|南部|北部|中部|头部|底部|顶部|本部|俱乐部|党委政府|市委市政府|市政府|县政府|区政府|省政府|异地商会)$/;

const NAME_CHAR = /[\p{Script=Han}A-Za-z0-9·&（）()]/u;

export const kindOfName = (name: string): OrganisationKind => {
  for (const [suffix, kind] of SUFFIXES) if (name.endsWith(suffix)) return kind;
  return 'other';
};

/** The suffix a name ends with, if any. */
export const suffixOf = (name: string): string | null => SUFFIXES.find(([suffix]) => name.endsWith(suffix))?.[0] ?? null;

/**
 * Where a name that ends at `end` starts: back over name characters, stopping at punctuation, an
 * unbalanced parenthesis, or the nearest word that cannot be part of a name (由, 向, 代表…).
 */
const leftBoundary = (text: string, end: number, maxLength = 30): number => {
  let start = end;
  let depth = 0;
  while (start > 0 && end - start < maxLength) {
    const char = text[start - 1];
    if (!NAME_CHAR.test(char)) break;
    if (char === '）' || char === ')') depth += 1;
    if (char === '（' || char === '(') {
      if (depth === 0) break;
      depth -= 1;
    }
    start -= 1;
  }
  // Cut after the right-most stop word inside the span.
  for (let position = end - 1; position >= start; position -= 1) {
    const stop = STOPS.find((word) => text.startsWith(word, position - word.length + 1) && position - word.length + 1 >= start);
    if (stop === undefined) continue;
    const stopStart = position - stop.length + 1;
    if (stop === '和' && AND_INSIDE_NAMES.some((word) => text.startsWith(word, position + 1))) continue;
    return stopStart + stop.length;
  }
  return start;
};

/** A parenthetical right after a name belongs to it: 某某医院（第一临床医学院）. */
const rightExtension = (text: string, end: number): number => {
  if (text[end] !== '（' && text[end] !== '(') return end;
  const close = text.slice(end, end + 20).search(/[）)]/);
  if (close <= 0) return end;
  // 县工商联（总商会）: a second name in brackets is an alias, not part of the name.
  if (/^[（(](?:总商会|商会|协会|工商联)[）)]$/.test(text.slice(end, end + close + 1))) return end;
  return end + close + 1;
};

/** Kinds of institution, not names of one: 中医医院, 人民医院, 方舱医院. */
const GENERIC_NAMES = new Set(['中医医院', '人民医院', '方舱医院', '定点医院', '附属医院', '社区医院', '民营医院', '公立医院', '中医院', '会员企业', '民营企业', '龙头企业', '商会组织', '行业协会', '异地商会', '基层商会']);

export const isPlausibleName = (name: string, suffix: string): boolean => {
  // 用方舱医院: a verb glued to a generic name is still a generic name.
  if (GENERIC_NAMES.has(name) || GENERIC_NAMES.has(name.slice(1))) return false;
  if (WHOLE_NAMES.has(name)) return true;
  if (/^[省市县区]委$/.test(name)) return true;
  const stem = name.slice(0, name.length - suffix.length);
  if (GENERIC_START.test(name) || FALSE_ENDINGS.test(name)) return false;
  if (suffix === '系' && !/(?:学|工程|科)$/.test(stem)) return false;
  // 县委 or 市委 alone is the local party committee; the page's own place completes it.
  if (/^[市省县区]$/.test(stem) && /^[省市县区]委$/.test(suffix)) return true;
  // 市红十字会, 县工商联: the page's own place completes them (see expandCity).
  if (/^[市县区]$/.test(stem) && !WEAK_SUFFIXES.has(suffix)) return true;
  if (/^[市省县区镇乡委]*$/.test(stem)) return false;
  if (WEAK_SUFFIXES.has(suffix) && [...stem].length < 2) return false;
  return [...stem].length >= 1;
};

/** Book titles name publications and policies; organisations inside them are not mentions. */
export const maskBookTitles = (text: string): string => text.replace(/《[^》]*》/g, (title) => '〇'.repeat(title.length));

/**
 * Every organisation name in a text. A name directly followed by a party organisation
 * (X商会党支部) yields both, so the party organisation can name its parent.
 */
export const findOrganisations = (original: string): OrganisationMention[] => {
  const text = maskBookTitles(original);
  const mentions: OrganisationMention[] = [];
  for (const match of text.matchAll(SUFFIX_PATTERN)) {
    const suffix = match[0];
    const suffixStart = match.index ?? 0;
    let end = suffixStart + suffix.length;
    // 商协会 is "chambers and associations", 协会会员 is "members"; neither ends a name here.
    const following = text.slice(end, end + 3);
    if (suffix === '部' && /^[门分长队署]/.test(following)) continue;
    if (suffix === '局' && /^[面势部限]/.test(following)) continue;
    // 副局长, 部长, 厅长: a title, not the end of a name.
    if (/^[局部厅处科所院]$/.test(suffix) && following.startsWith('长')) continue;
    if (suffix === '系' && /^[统列数]/.test(following)) continue;
    if (suffix === '中心' && /^[城区]/.test(following)) continue;
    if (suffix === '党组' && following.startsWith('织')) continue;
    if (suffix === '报社' && following.startsWith('会')) continue;
    end = rightExtension(text, end);
    const start = leftBoundary(text, suffixStart);
    const name = text.slice(start, end);
    if (!isPlausibleName(name, suffix)) continue;
    mentions.push({ name, start, end, kind: KIND_BY_SUFFIX.get(suffix) ?? 'other' });
  }
  // Of mentions that start together (大学 / 大学附属医院, 集团 / 集团有限公司) keep the longest; a party
  // organisation (X公司党委) also keeps the longest non-party one, its parent. Drop mentions inside others.
  const byStart = new Map<number, OrganisationMention[]>();
  for (const mention of mentions) byStart.set(mention.start, [...(byStart.get(mention.start) ?? []), mention]);
  const candidates: OrganisationMention[] = [];
  for (const group of byStart.values()) {
    const sorted = [...group].sort((a, b) => b.end - a.end);
    candidates.push(sorted[0]);
    if (sorted[0].kind === 'party_organisation') {
      const parent = sorted.find((mention) => mention.kind !== 'party_organisation');
      if (parent !== undefined) candidates.push(parent);
    }
  }
  const kept = candidates.filter(
    (mention) => !candidates.some((other) => other !== mention && other.start < mention.start && other.end >= mention.end)
  );
  return kept.sort((a, b) => a.start - b.start || a.end - b.end);
};

/** 无锡市湖北商会党支部 → 无锡市湖北商会: the organisation a party organisation belongs to. */
export const parentOfParty = (name: string): string | null => {
  const match = name.match(/^(.+?)(?:临时)?(?:党委|党支部|党总支|党组|支部)$/);
  if (match === null) return null;
  const parent = match[1];
  return suffixOf(parent) === null ? null : parent;
};
