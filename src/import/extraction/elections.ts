import type { PageContext, Sentence, Span } from './context';
import { readPost, type Holding } from './appositions';
import { APPOINTING_WORDS, ELECTION_VERBS, HONORIFICS } from './lexicon/verbs';
import { readName } from './names';

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
  const read = [3, 2, 4].map((length) => readName(text, end - length, end)).find((name) => name !== null && name.end === end && name.start >= floor);
  return read === undefined || read === null ? [] : [{ name: read.name, span: { start: read.start, end: read.end } }];
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
    const post = readPost(context, index + verb.length, sentence.end);
    if (post === null) continue;
    for (const person of persons) {
      for (const title of post.titles) holdings.push({ person: person.name, personSpan: person.span, title, holder: post.holder, sentence: sentence.index });
    }
    names.push(...persons.filter((person) => !known.includes(person)));
    index = post.end - 1;
  }
  return { holdings, names };
};
