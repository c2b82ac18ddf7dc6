import type { ParsedPage } from '../types';
import type { PageContext, Sentence, Token } from './context';
import { isTraditionalText, normalise } from './normalise';
import { segment } from './segment';

/** Builds the page context once: the printed text, its normalised twin and its sentences. */

/** Sentence ends; quoted speech stays inside its sentence. */
const ENDS = new Set(['。', '！', '？', '；', '\n']);

export const splitSentences = (text: string): Sentence[] => {
  const sentences: Sentence[] = [];
  let start = 0;
  let depth = 0;
  let block = 0;
  const push = (end: number): void => {
    if (text.slice(start, end).trim() !== '') sentences.push({ index: sentences.length, start, end, block });
    start = end;
  };
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (char === '“') depth += 1;
    if (char === '”') depth = Math.max(0, depth - 1);
    if (char === '\n') {
      push(index);
      start = index + 1;
      block += 1;
      depth = 0;
      continue;
    }
    if (depth === 0 && ENDS.has(char)) push(index + 1);
  }
  push(text.length);
  return sentences;
};

/** The texts extraction reads: the headline, when the page prints one, the blocks and the credit lines. */
export const pageTexts = (page: ParsedPage): string[] => {
  const blocks = [...page.blocks.map((block) => block.text), ...(page.credits ?? [])];
  return page.title !== null && page.title !== '' ? [page.title, ...blocks] : blocks;
};

export const buildContext = (page: ParsedPage): PageContext => {
  const original = pageTexts(page).join('\n');
  const traditional = isTraditionalText(original);
  const text = normalise(original, traditional);
  const sentences = splitSentences(text);
  return {
    original,
    text,
    sentences,
    books: [...text.matchAll(/《[^《》\n]*》/g)].map((match) => ({ start: match.index ?? 0, end: (match.index ?? 0) + match[0].length })),
    tokens: sentences.flatMap((sentence) => segment(text.slice(sentence.start, sentence.end), sentence.start)),
    publishers: [page.source, page.owner ?? null]
      .filter((name): name is string => name !== null && name !== '')
      .map((printed) => ({ name: normalise(printed, traditional), printed })),
    traditional,
  };
};

/** The tokens inside [start, end), found by binary search over the page's tokens. */
export const tokensIn = (context: Pick<PageContext, 'tokens'>, start: number, end: number): Token[] => {
  const { tokens } = context;
  let low = 0;
  let high = tokens.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (tokens[middle].end <= start) low = middle + 1;
    else high = middle;
  }
  const found: Token[] = [];
  for (let index = low; index < tokens.length && tokens[index].start < end; index += 1) found.push(tokens[index]);
  return found;
};
