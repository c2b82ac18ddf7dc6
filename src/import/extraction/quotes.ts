import type { PageContext, Span } from './context';
import { SPEECH_VERBS } from './lexicon/verbs';

/**
 * Who said what: quoted speech (“……”) of at least a clause, attributed to the person named before
 * it in its sentence (张三表示：“……”), after it (“……”张三说 / “……”他说), or to the person a
 * pronoun before it refers to (他表示：“……”: the last person named before).
 */

export type QuoteMention = Span & { text: string; speaker: string | null; speakerTitle: string | null; sentence: number };

const SPEECH_ANYWHERE = new RegExp(`(?:${[...SPEECH_VERBS].sort((a, b) => b.length - a.length).join('|')})`);

/** The index of the mark closing the quote opened at `start`, honouring nested “…”. */
const closingQuote = (text: string, start: number): number => {
  let depth = 0;
  for (let index = start; index < text.length; index += 1) {
    if (text[index] === '“') depth += 1;
    if (text[index] === '”') {
      depth -= 1;
      if (depth === 0) return index;
    }
    if (text[index] === '\n') return -1;
  }
  return -1;
};

type Named = { name: string; span: Span };

const lastNamedBefore = (names: Named[], at: number, floor = 0): Named | null => {
  let best: Named | null = null;
  for (const named of names) if (named.span.end <= at && named.span.start >= floor && (best === null || named.span.end > best.span.end)) best = named;
  return best;
};

export const findQuotes = (context: PageContext, names: Named[]): QuoteMention[] => {
  const { text } = context;
  const quotes: QuoteMention[] = [];
  for (const sentence of context.sentences) {
    let index = text.indexOf('“', sentence.start);
    while (index >= 0 && index < sentence.end) {
      const close = closingQuote(text, index);
      if (close < 0) break;
      const inner = text.slice(index + 1, close);
      if (inner.length >= 8 && /[，。！？]/.test(inner)) {
        const before = text.slice(sentence.start, index);
        // Introduced by a colon before it, or closed by a speaker and a verb of speech after it (“……”张三说).
        const closing = text.slice(close + 1, close + 16).split(/[，。；！？：“\n]/)[0];
        const introduced = /[：，]\s*$/.test(before) || SPEECH_ANYWHERE.test(closing);
        if (introduced) {
          const speaker = speakerOf(context, names, sentence.start, index, close, /[：，]\s*$/.test(before));
          quotes.push({ start: index + 1, end: close, text: inner, speaker: speaker?.name ?? null, speakerTitle: speaker === null ? null : printedTitle(context, speaker, sentence.start), sentence: sentence.index });
        }
      }
      index = text.indexOf('“', close + 1);
    }
  }
  return quotes;
};

const speakerOf = (context: PageContext, names: Named[], sentenceStart: number, open: number, close: number, introducedBefore: boolean): Named | null => {
  const { text } = context;
  // 张三表示：“……” 李四说：“……”: a quote its sentence introduces is the speaker's named before it.
  const before = lastNamedBefore(names, open, sentenceStart);
  if (introducedBefore && before !== null) return before;
  // “……”张三说 / “……”他说: the speaker follows.
  const closing = text.slice(close + 1, close + 16).split(/[，。；！？：“\n]/)[0];
  const after = names.find((named) => named.span.start > close && named.span.end <= close + 1 + closing.length);
  if (after !== undefined && SPEECH_ANYWHERE.test(closing)) return after;
  const pronounAfter = /^[他她]/.test(closing) && SPEECH_ANYWHERE.test(closing);
  const inSentence = lastNamedBefore(names, open, sentenceStart);
  if (inSentence !== null && !pronounAfter) return inSentence;
  if (pronounAfter || /[他她]/.test(text.slice(sentenceStart, open))) return lastNamedBefore(names, sentenceStart);
  return null;
};

/** The organisation and titles printed right before the speaker's name: 某商会副会长张三表示 → 某商会副会长. */
const printedTitle = (context: PageContext, speaker: Named, sentenceStart: number): string | null => {
  if (speaker.span.start < sentenceStart) return null;
  let start = speaker.span.start;
  while (start > sentenceStart && !/[，。：；！？“”\n]/.test(context.text[start - 1])) start -= 1;
  const printed = context.original.slice(start, speaker.span.start).trim();
  return /[长席任记员理事书]$/.test(context.text.slice(start, speaker.span.start)) && printed.length <= 80 ? printed : null;
};
