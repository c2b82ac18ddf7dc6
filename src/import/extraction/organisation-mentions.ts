import { insideBook, type OrganisationMention, type PageContext, type Sentence, type Token } from './context';
import { tokensIn } from './page-context';
import { ORGANISATION_SUFFIXES } from './lexicon/organisations';
import { FOLLOWERS } from './lexicon/verbs';
import { isOrganisationName, skipOpeners, suffixOf } from './organisation-names';
import { placeAt } from './places';
import { isTitle, titleAt } from './titles';

/**
 * Every organisation the page names outside the grammar's chains: a known ending, then leftwards
 * to the start of the name. The name starts after the clause's punctuation and openers (由, 在),
 * and never before a word that cannot be inside a name — a preposition, conjunction, particle,
 * pronoun, numeral or one of the verbs that introduce organisations (召开, 走访, 签约…).
 */

const SUFFIX_PATTERN = new RegExp(
  [...new Set(ORGANISATION_SUFFIXES.map((entry) => entry.suffix))].sort((a, b) => b.length - a.length).join('|'),
  'g'
);

/** jieba tags of words that are never inside a name: prepositions, conjunctions, particles, pronouns, adverbs, numerals, time words. */
const BREAKING_TAGS = /^(?:p|u.*|r|d|mq|q|t|y|e|o|f|w)$/;

/** Words jieba tags as time that are parts of names: 青年企业家商会, 老年协会. */
const NOT_TIME = new Set(['青年', '少年', '老年', '中年', '现代', '当代', '未来', '新一代']);

/** 获该集团: a determiner glued to the verb before it starts a reference (该集团). */
const DETERMINER = /[该本我]/;

/** Prepositions and verbs jieba glues to the next character (中向, 向市, 在县): the name starts after them. */
const GLUE = /[向在由与和对为到从把被给让]/;

/** Verbs that introduce an organisation and are no part of its name. */
const INTRODUCING_VERBS = new Set([
  '召开', '举行', '举办', '参加', '出席', '成立', '走访', '看望', '慰问', '捐赠', '签约', '签署', '考察', '调研', '联合', '携手', '发起', '主办', '承办', '协办', '指导',
  '支持', '获得', '授予', '感谢', '发布', '号召', '倡议', '带领', '率领', '陪同', '会见', '接待', '访问', '拜访', '深入', '来到', '前往', '奔赴', '回到', '参观', '了解', '表示',
  '介绍', '是', '有', '向', '为', '代表', '通过', '依托', '引导', '推动', '帮助', '动员', '发动', '邀请', '聘请', '担任', '当选', '获评', '评为', '加入', '成为', '来自', '位于',
]);

/**
 * A word that cannot be inside a name: a function word, a verb (unless the gazetteer knows it as a
 * place: a county's name can look like a verb), a title (常务副会长兼某分会), or a mark.
 */
/** Titles that are also the first word of a department's or council's name: 会员部, 委员会, 理事会. */
const MEMBERSHIP = new Set(['会员', '委员', '常委', '理事', '监事', '秘书处', '顾问', '党员']);

/** Words that follow a name (一行, 等, 代表): nothing after them belongs to a name before them. */
const FOLLOWER_WORDS = new Set(FOLLOWERS.filter((word) => word.length > 1));

/** Numbers and counts (200余家, 3) end a name; words like 新一代 that jieba tags as numerals do not. */
const COUNT = /^第?[\d０-９.一二三四五六七八九十百千万两几数多余]+[家个名位人项批次届期]?$/;

/** The place, or the nation, a word starts: an organisation's name often does. */
const startsPlace = (text: string, token: Token | undefined): boolean =>
  token !== undefined && (placeAt(text, token.start) !== null || /^(?:全国|中国|中华)/.test(token.word));

type Neighbours = { previous: Token | undefined; next: Token | undefined; first: boolean; rest: number; department: boolean };

/**
 * True when a word cannot be inside an organisation's name that goes on after it. Verbs are the
 * hard case: a verb that opens the clause or comes before a place starts a clause (感谢商会…,
 * 授信某市某商会); one inside a name after a place or another name stays (某县远航科技公司,
 * 某大学继续教育学院). A conjunction splits two names only when what comes before it is a name
 * (某商会与某大学) — not inside one (机械与电子工程学院).
 */
const breaks = (text: string, token: Token, around: Neighbours): boolean => {
  if (INTRODUCING_VERBS.has(token.word) || FOLLOWER_WORDS.has(token.word) || token.word === '兼' || token.word === '原') return true;
  // After a place, an adverb or verb is part of the name (某省起步儿童用品公司, 某县远航科技).
  const afterPlace = around.previous !== undefined && startsPlace(text, around.previous);
  if (afterPlace && /^(?:d|v|vn|a|ad)$/.test(token.tag)) return false;
  // 鑫/和/商会: after a one-character word, 和 is more likely part of a name than a conjunction.
  if (token.tag === 'c') return around.previous === undefined || around.previous.word.length > 1;
  if (token.tag === 'm') return COUNT.test(token.word);
  if (BREAKING_TAGS.test(token.tag)) return !NOT_TIME.has(token.word);
  if (token.tag === 'x' && /^[^\p{Script=Han}A-Za-z0-9（）·]+$/u.test(token.word)) return true;
  // A title ends a name (常务副会长兼某分会), except the words for members that name departments too (会员联络部).
  if (isTitle(token.word)) return !MEMBERSHIP.has(token.word);
  if (token.word === '驻' || (token.tag !== 'v' && token.tag !== 'vn')) return false;
  // 通道县, 沾化区: a county whose name the segmenter reads as a verb, before its level character.
  if (around.next !== undefined && /^[省市县区镇乡]$/.test(around.next.word)) return false;
  if (startsPlace(text, around.next)) return true;
  if (token.tag !== 'v') return false;
  // 感谢商会, 服从县委: a verb right before an ending that names a body by itself names no body;
  // before a department's ending it is the department's name (投资促进局, 市场监督管理局).
  return around.first || (around.rest <= 1 && !around.department);
};

/**
 * The earliest start of a name whose ending starts at `end`: after the last breaking word before
 * it. `department` says the ending needs a name of its own before it (局, 处, 公司), where a verb
 * just before it is part of that name.
 */
export const nameFloor = (text: string, tokens: Token[], clauseStart: number, end: number, department = false): number => {
  let floor = clauseStart;
  tokens.forEach((token, index) => {
    if (token.end > end || token.start < clauseStart) return;
    if (token.word.length === 2 && GLUE.test(token.word[1])) floor = Math.max(floor, token.end);
    else if (token.tag === 'x' && token.word.length === 2 && DETERMINER.test(token.word[1])) floor = Math.max(floor, token.start + 1);
    else if (token.tag === 'x' && token.word.length === 2 && GLUE.test(token.word[0])) floor = Math.max(floor, token.start + 1);
    else if (breaks(text, token, { previous: tokens[index - 1], next: tokens[index + 1], first: token.start === floor, rest: end - token.end, department })) floor = Math.max(floor, token.end);
  });
  return floor;
};

/** Where the clause containing `index` starts: after the nearest mark. */
/** The longest name read: no organisation's name runs to more characters than this before its ending. */
const LONGEST_STEM = 36;

const clauseStartOf = (text: string, floor: number, index: number): number => {
  let position = index;
  while (position > floor && index - position < LONGEST_STEM && !/[，。；：、！？（）“”《》【】\s]/.test(text[position - 1])) position -= 1;
  return position;
};

const mentionsInSentence = (context: PageContext, sentence: Sentence): OrganisationMention[] => {
  const { text } = context;
  const body = text.slice(sentence.start, sentence.end);
  const found: OrganisationMention[] = [];
  for (const match of body.matchAll(SUFFIX_PATTERN)) {
    let end = sentence.start + (match.index ?? 0) + match[0].length;
    const suffixStart = end - match[0].length;
    if (insideBook(context, suffixStart)) continue;
    // Only the words within a name's reach are read: the work per ending stays bounded on any page.
    const tokens = tokensIn(context, Math.max(sentence.start, suffixStart - LONGEST_STEM), end);
    // 签署 is a verb, 党组副书记 and 常委 are titles: the ending is inside another word there.
    const last = tokens.find((token) => token.end === end);
    if (last === undefined || (/^v/.test(last.tag) && last.word !== match[0])) continue;
    if ((titleAt(text.slice(suffixStart, suffixStart + 12))?.length ?? 0) > match[0].length || isTitle(last.word)) continue;
    // 县工商联（总商会）: a bracketed second name is part of how the page prints it.
    const bracket = text.slice(end).match(/^（[^（）]{2,8}）/);
    if (bracket !== null && isOrganisationName(bracket[0].slice(1, -1))) end += bracket[0].length;
    const clauseStart = clauseStartOf(text, sentence.start, sentence.start + (match.index ?? 0));
    const department = (suffixOf(match[0])?.stem ?? 0) >= 2;
    const floor = skipOpeners(text, nameFloor(text, tokens, clauseStart, sentence.start + (match.index ?? 0), department), end);
    // The name starts where a word starts: never inside one (兄弟某商会 is not 弟某商会).
    const starts = [floor, ...tokens.filter((token) => token.start > floor && token.start < suffixStart).map((token) => token.start)];
    const start = starts.find((candidate) => isOrganisationName(text.slice(candidate, end)) && !opensClause(text, tokens, candidate) && namesItsBody(text, tokens, candidate, suffixStart));
    if (start !== undefined) found.push({ start, end, name: text.slice(start, end), suffix: match[0] });
  }
  return found;
};

/** A name does not start with an adverb, adjective, verb or time word (积极推动…, 全年…), unless a place does. */
const CLAUSE_TAGS = /^(?:a|ad|an|d|v|vd|t)$/;
const opensClause = (text: string, tokens: Token[], start: number): boolean => {
  const first = tokens.find((token) => token.start === start);
  return first !== undefined && CLAUSE_TAGS.test(first.tag) && !NOT_TIME.has(first.word) && placeAt(text, start) === null;
};

/** Tags of words a proper name starts with: places, organisations, names, unknown words, abbreviations. */
const PROPER_TAGS = /^(?:ns|nt|nz|nr.*|j|x|eng)$/;

/**
 * Endings that name a body of a place (工商联, 商会, 政协…) need, before them, nothing, a level
 * (县工商联) or a proper name (某市某商会, 某某商会) — not an ordinary word (积极推动工商联).
 */
const namesItsBody = (text: string, tokens: Token[], start: number, suffixStart: number): boolean => {
  const entry = suffixOf(text.slice(start, suffixStart + 12).replace(/（.*$/, '')) ;
  if (start === suffixStart || entry === null || entry.stem > 0 || /^[省市县区镇乡]$/.test(text.slice(start, suffixStart))) return true;
  const first = tokens.find((token) => token.start === start);
  return first === undefined || PROPER_TAGS.test(first.tag) || startsPlace(text, first) || /^[省市县区镇乡]/.test(first.word);
};

/** Non-overlapping mentions, longest first where two overlap. */
const withoutOverlaps = (mentions: OrganisationMention[]): OrganisationMention[] => {
  const kept: OrganisationMention[] = [];
  for (const mention of [...mentions].sort((a, b) => b.end - b.start - (a.end - a.start))) {
    if (kept.some((other) => other.start < mention.end && mention.start < other.end)) continue;
    kept.push(mention);
  }
  return kept.sort((a, b) => a.start - b.start);
};

export const findOrganisationMentions = (context: PageContext): OrganisationMention[] =>
  withoutOverlaps(context.sentences.flatMap((sentence) => mentionsInSentence(context, sentence)));
