import type { PageContext, Sentence, Span } from './context';
import { readPost, type Holding } from './appositions';
import { APPOINTING_WORDS, ELECTION_VERBS, HONORIFICS } from './lexicon/verbs';
import { nameEndingAt } from './names';

/**
 * Posts given by a verb: 张三当选会长, 李四、王五当选为副会长, 聘请赵六为名誉会长, 钱七任首任会长.
 * The person is a name just before the verb (one the sentence's chains found, or one read there).
 */

const VERBS = [...ELECTION_VERBS].sort((a, b) => b.length - a.length);

/** 任 is also the first character of 任务, 任何, 任职; only a verb when a post follows. */
const verbAt = (text: string, index: number, clause: string): string | null => {
  const verb = VERBS.find((word) => text.startsWith(word, index));
  if (verb !== undefined) return verb;
  return text[index] === '为' && APPOINTING_WORDS.test(clause) ? '为' : null;
};

/** Names that end right before `index`, allowing an honorific between: 张三同志担任. */
const namesBefore = (text: string, index: number, floor: number, known: Array<{ name: string; span: Span }>): Array<{ name: string; span: Span }> => {
  let end = index;
  const honorific = HONORIFICS.find((word) => text.slice(floor, end).endsWith(word));
  if (honorific !== undefined) end -= honorific.length;
  const listed = known.filter((person) => person.span.end === end);
  if (listed.length > 0) {
    // 甲公司总经理张三、乙公司创始人李四当选为副会长: everyone named in the clause shares the post.
    let clauseStart = end;
    while (clauseStart > floor && !/[，。；：！？\n]/.test(text[clauseStart - 1])) clauseStart -= 1;
    const clause = known.filter((person) => person.span.start >= clauseStart && person.span.end <= end);
    return [...new Map(clause.map((person) => [person.name, person])).values()];
  }
  // 李强、王芳当选为副会长 / 聘请李明、王芳为顾问: names read back through 、 and 和.
  const names: Array<{ name: string; span: Span }> = [];
  let cursor = end;
  for (;;) {
    const read = nameEndingAt(text, cursor, floor);
    if (read === null) break;
    names.unshift({ name: read.name, span: { start: read.start, end: read.end } });
    if (!/^[、和及与]$/.test(text[read.start - 1] ?? '')) break;
    cursor = read.start - 1;
  }
  return names;
};

/** 会长由王强担任: the post is printed before 由 and the name, the verb after them. */
const postBefore = (context: PageContext, person: { span: Span }, floor: number): { titles: string[]; holder: Holding['holder']; end: number } | null => {
  const { text } = context;
  if (text[person.span.start - 1] !== '由') return null;
  let start = person.span.start - 1;
  while (start > floor && !/[，。；：！？\n]/.test(text[start - 1])) start -= 1;
  for (let from = start; from < person.span.start - 2; from += 1) {
    const post = readPost(context, from, person.span.start - 1, true);
    // The verb comes after the name here, so reading goes on after it.
    if (post !== null && post.end === person.span.start - 1) return { ...post, end: person.span.end };
  }
  return null;
};

export const readElections = (context: PageContext, sentence: Sentence, known: Array<{ name: string; span: Span }>): { holdings: Holding[]; names: Array<{ name: string; span: Span }> } => {
  const { text } = context;
  const holdings: Holding[] = [];
  const names: Array<{ name: string; span: Span }> = [];
  const clause = text.slice(sentence.start, sentence.end);
  for (let index = sentence.start + 2; index < sentence.end; index += 1) {
    const verb = verbAt(text, index, clause);
    if (verb === null) continue;
    const persons = namesBefore(text, index, sentence.start, known);
    if (persons.length === 0) continue;
    const post = readPost(context, index + verb.length, sentence.end) ?? (/担任|出任/.test(verb) ? postBefore(context, persons[0], sentence.start) : null);
    if (post === null) continue;
    for (const person of persons) {
      for (const title of post.titles) holdings.push({ person: person.name, personSpan: person.span, title, holder: post.holder, sentence: sentence.index });
    }
    names.push(...persons.filter((person) => !known.includes(person)));
    index = Math.max(index, post.end - 1);
  }
  return { holdings, names };
};
