import type { InitiativeKind } from '../types';
import type { MoneyMention, OrganisationMention, PageContext, Span } from './context';
import { EVENT_ENDINGS } from './lexicon/initiatives';
import { DONATION_VERBS } from './lexicon/verbs';
import type { Directory } from './references';

/**
 * Initiatives the page reports: publications and policies (《…》), named campaigns and events
 * (“…”活动, …大会), and donations, one per donor, with the money given.
 */

export type InitiativeMention = Span & {
  name: string;
  kind: InitiativeKind;
  organisers: string[];
  people: string[];
  amounts: MoneyMention[];
  sentence: number;
};

const BOOK_KINDS: Array<[RegExp, InitiativeKind]> = [
  [/(?:意见|办法|规定|措施|细则|决定|通知|方案|条例|政策|规划|纲要|指引|指南|清单|公告|通告|批复|守则|章程)$/, 'policy'],
  [/倡议书?$/, 'campaign'],
  [/(?:协议|备忘录|合同)$/, 'partnership'],
  [/(?:报告)$/, 'publication'],
];

const ENDINGS = EVENT_ENDINGS.map(([word]) => word).sort((a, b) => b.length - a.length).join('|');
const QUOTED = new RegExp(`“([^“”]{2,30})”((?:[\\p{Script=Han}]{0,4}?)(?:${ENDINGS}))?`, 'gu');
const BOOK = /《([^《》]{2,60})》/g;
const NAMED_EVENT = new RegExp(`([\\p{Script=Han}A-Za-z0-9·]{6,40}?(?:${ENDINGS.replace(/\|(?:活动|行动|工程|计划|项目|倡议|基金|助学金|奖学金)/g, '')}))(?![员议])`, 'gu');

/** 暨换届选举大会: the second half of an event printed as two joined by 暨. */
const CONTINUED_EVENT = new RegExp(`^暨[\\p{Script=Han}A-Za-z0-9·]{2,30}?(?:${ENDINGS})`, 'u');

const kindOfEnding = (name: string): InitiativeKind | null => EVENT_ENDINGS.find(([word]) => name.endsWith(word))?.[1] ?? null;

type Context = { context: PageContext; directory: Directory; organisations: OrganisationMention[]; names: Array<{ name: string; span: Span }>; money: MoneyMention[] };

/**
 * The organisations acting before `at` in its sentence: the nearest one named, or all of those
 * named before 主办 / 联合 / 共同 (co-organisers).
 */
const actorBefore = ({ context, directory, organisations }: Context, floor: number, at: number): string[] => {
  const before = organisations.filter((mention) => mention.start >= floor && mention.end <= at);
  const resolved = (mention: OrganisationMention): string | null => directory.resolve(mention.name, mention.start);
  if (/(?:主办|承办|协办|联合|共同|携手)/.test(context.text.slice(floor, at))) {
    return [...new Set(before.map(resolved).filter((name): name is string => name !== null))];
  }
  const last = before[before.length - 1];
  const name = last === undefined ? null : resolved(last);
  return name === null ? [] : [name];
};

const named = (shared: Context): InitiativeMention[] => {
  const { context } = shared;
  const found: InitiativeMention[] = [];
  for (const sentence of context.sentences) {
    const body = context.text.slice(sentence.start, sentence.end);
    const add = (start: number, end: number, name: string, kind: InitiativeKind): void => {
      if (found.some((other) => other.name === name)) return;
      found.push({ start, end, name, kind, organisers: actorBefore(shared, sentence.start, start), people: [], amounts: [], sentence: sentence.index });
    };
    for (const match of body.matchAll(BOOK)) {
      // 《某某》倡议书: the word after the title can say what it is.
      const after = body.slice((match.index ?? 0) + match[0].length).match(/^(?:倡议书|倡议|通知|意见|协议)/)?.[0] ?? '';
      const kind = BOOK_KINDS.find(([pattern]) => pattern.test(match[1]) || (after !== '' && pattern.test(after)))?.[1] ?? 'publication';
      add(sentence.start + (match.index ?? 0), sentence.start + (match.index ?? 0) + match[0].length, match[1], kind);
    }
    for (const match of body.matchAll(QUOTED)) {
      const whole = match[2] === undefined ? match[1] : match[0];
      const kind = kindOfEnding(whole);
      const launched = /(?:倡议|发起|开展|举办|启动|推出|组织|参加|参与|设立|实施)$/.test(body.slice(0, match.index ?? 0));
      if (kind === null && !launched) continue;
      add(sentence.start + (match.index ?? 0), sentence.start + (match.index ?? 0) + match[0].length, whole, kind ?? 'campaign');
    }
    for (const match of body.matchAll(NAMED_EVENT)) {
      let end = sentence.start + (match.index ?? 0) + match[0].length;
      // 会员大会暨换届选举大会 is one event: the name goes on after 暨.
      while (context.text[end] === '暨') {
        const next = context.text.slice(end, sentence.end).match(CONTINUED_EVENT);
        if (next === null) break;
        end += next[0].length;
      }
      const printed = context.text.slice(sentence.start + (match.index ?? 0), end);
      const name = printed.replace(/^.*?(?:召开的|举办的|举行的|召开|举办|举行|主持|参加|出席|在|的|了|由|，)/, '');
      if (name.length < 8 || /^(?:此次|本次|这次|该|会上|上述)/.test(name) || found.some((other) => other.name.includes(name))) continue;
      const start = end - name.length;
      const own = shared.organisations.filter((mention) => mention.start === start).map((mention) => shared.directory.resolve(mention.name, mention.start)).filter((organiser): organiser is string => organiser !== null);
      if (found.some((other) => other.start === start)) continue;
      // The title often names the event shorter than the body does: the fuller name replaces it.
      const shorter = found.findIndex((other) => other.kind !== 'donation' && name.includes(other.name));
      if (shorter >= 0) found.splice(shorter, 1);
      found.push({ start, end, name, kind: kindOfEnding(name) ?? 'event', organisers: own.length > 0 ? own : actorBefore(shared, sentence.start, start), people: [], amounts: [], sentence: sentence.index });
    }
  }
  return found;
};

/** One donation per clause that gives money: the donor is the organisation or person before the verb. */
const donations = (shared: Context): InitiativeMention[] => {
  const { context, money, names } = shared;
  const found: InitiativeMention[] = [];
  for (const sentence of context.sentences) {
    const body = context.text.slice(sentence.start, sentence.end);
    let clauseStart = sentence.start;
    for (const clause of body.split(/(?<=[，；。])/)) {
      const start = clauseStart;
      const end = start + clause.length;
      clauseStart = end;
      const verb = clause.match(DONATION_VERBS);
      if (verb === null) continue;
      const amounts = money.filter((amount) => amount.start >= start && amount.end <= end);
      if (amounts.length === 0) continue;
      // The donor comes before 向 / 为 / 给 (to whom); 全市…共 sums several donors up and is no one's.
      const giver = clause.slice(0, verb.index ?? 0).search(/[向为给对]/);
      const at = start + (giver >= 0 ? giver : (verb.index ?? 0));
      if (/(?:全市|全省|全县|全区|全国|各级|广大|共|累计|合计|共计)/.test(context.text.slice(start, at))) continue;
      const organisers = actorBefore(shared, start, at);
      const people = names.filter((person) => person.span.start >= start && person.span.end <= at).map((person) => person.name);
      const donor = organisers[0] ?? people.join('、');
      if (donor === '') continue;
      found.push({ start, end, name: `${donor}捐赠`, kind: 'donation', organisers, people: [...new Set(people)], amounts, sentence: sentence.index });
    }
  }
  return found;
};

/**
 * One initiative per name on a page: a donor printed twice (two gifts, or the title and the body)
 * is one donation with every amount, since the name is what identifies it when it is stored.
 */
const mergedByName = (mentions: InitiativeMention[]): InitiativeMention[] => {
  const byName = new Map<string, InitiativeMention>();
  for (const mention of mentions) {
    const known = byName.get(mention.name);
    if (known === undefined) {
      byName.set(mention.name, { ...mention, organisers: [...mention.organisers], people: [...mention.people], amounts: [...mention.amounts] });
      continue;
    }
    known.organisers = [...new Set([...known.organisers, ...mention.organisers])];
    known.people = [...new Set([...known.people, ...mention.people])];
    known.amounts.push(...mention.amounts.filter((amount) => !known.amounts.some((other) => other.start === amount.start)));
  }
  return [...byName.values()];
};

export const findInitiatives = (shared: Context): InitiativeMention[] => mergedByName([...named(shared), ...donations(shared)]);
