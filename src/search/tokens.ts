import { jieba } from '../import/extraction/segment';
import { toSimplifiedText } from '../import/extraction/normalise';

/**
 * How text becomes index tokens and how a query becomes a match expression, the same way for
 * SQLite FTS5 and PostgreSQL full-text. Both engines only ever see space-joined tokens made here.
 *
 * Two streams per text:
 * - grams, for recall: every Han character run as overlapping bigrams, its last character alone
 *   at the end (so each character starts exactly one gram), and every Latin or digit run as one
 *   word. A query word of n ≥ 2 characters is the phrase of its n−1 bigrams, so it matches exactly
 *   where the text has those characters in a row, whatever jieba made of the text around them; one
 *   character is a prefix of the grams. No run ends in a bigram, so a phrase never spans two runs.
 * - words, for ranking: jieba's search-mode words (`cutForSearch`) of two characters or more. A
 *   query word that the text has as a word of its own ranks above one buried inside another.
 */

/** CJK ideographs by code unit (the unified blocks and the compatibility block), as the extraction treats them. */
const isHanUnit = (code: number): boolean => (code >= 0x3400 && code <= 0x9fff) || (code >= 0xf900 && code <= 0xfaff);

const isAlnumUnit = (code: number): boolean => (code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x7a);

/**
 * Text as the index and the query see it, one character for one so that offsets found in it hold
 * in the original (for highlighting): Han characters simplified (商會 → 商会), full-width Latin
 * letters and digits made ASCII, ASCII letters lower-cased.
 */
export const normaliseForSearch = (text: string): string => {
  const simplified = toSimplifiedText(text);
  let out = '';
  for (let index = 0; index < simplified.length; index += 1) {
    let code = simplified.charCodeAt(index);
    if (code >= 0xff01 && code <= 0xff5e) code -= 0xfee0;
    if (code >= 0x41 && code <= 0x5a) code += 0x20;
    out += String.fromCharCode(code);
  }
  return out;
};

export type Run = { kind: 'han' | 'alnum'; text: string; start: number };

/** The Han and Latin-or-digit runs of normalised text, in order; everything else separates them. */
export const runsOf = (normalised: string): Run[] => {
  const runs: Run[] = [];
  let current = null as Run | null;
  for (let index = 0; index < normalised.length; index += 1) {
    const code = normalised.charCodeAt(index);
    const kind = isHanUnit(code) ? 'han' : isAlnumUnit(code) ? 'alnum' : null;
    if (kind === null || current?.kind !== kind) {
      if (current !== null) runs.push(current);
      current = kind === null ? null : { kind, text: '', start: index };
    }
    if (current !== null) current.text += normalised[index];
  }
  if (current !== null) runs.push(current);
  return runs;
};

const bigrams = (run: string): string[] => {
  const grams: string[] = [];
  for (let index = 0; index + 1 < run.length; index += 1) grams.push(run.slice(index, index + 2));
  return grams;
};

/** The gram stream of normalised text (see above). */
export const gramsOf = (normalised: string): string[] =>
  runsOf(normalised).flatMap((run) => (run.kind === 'alnum' ? [run.text] : [...bigrams(run.text), run.text.slice(-1)]));

/** jieba's search-mode words of normalised text that hold two Han characters or more. */
export const wordsOf = (normalised: string): string[] =>
  runsOf(normalised)
    .filter((run) => run.kind === 'han' && run.text.length >= 2)
    .flatMap((run) => jieba().cutForSearch(run.text, true))
    .filter((word) => word.length >= 2);

export type IndexTokens = { grams: string; words: string };

/** Space-joined tokens of a text, ready for FTS5 or `to_tsvector('simple', …)`. */
export const indexTokens = (text: string): IndexTokens => {
  const normalised = normaliseForSearch(text);
  return { grams: gramsOf(normalised).join(' '), words: wordsOf(normalised).join(' ') };
};

/**
 * Long and short forms of the same body: 工商联 is how everyone writes 工商业联合会. A query with
 * one also looks for the other.
 */
export const SHORT_FORMS: ReadonlyArray<readonly [string, string]> = [
  ['工商业联合会', '工商联'],
  ['妇女联合会', '妇联'],
  ['残疾人联合会', '残联'],
  ['归国华侨联合会', '侨联'],
  ['科学技术协会', '科协'],
  ['文学艺术界联合会', '文联'],
  ['政治协商会议', '政协'],
];

/** Other spellings of a query word under SHORT_FORMS (itself not included). */
export const otherForms = (word: string): string[] => {
  const forms = new Set<string>();
  for (const [long, short] of SHORT_FORMS) {
    if (word.includes(long)) forms.add(word.replace(long, short));
    else if (word.includes(short)) forms.add(word.replace(short, long));
  }
  return [...forms];
};

/**
 * One thing the query asks for: a word that must occur (in any of its forms). `text` is what the
 * snippet highlights.
 */
export type QueryTerm = { text: string; forms: string[] };

/**
 * A run of the query: all of its terms must occur; a run cut into several words also matches (and
 * ranks higher) where the whole run occurs as it was typed.
 */
export type QueryGroup = { terms: QueryTerm[]; whole: string | null };

/** Characters that carry no meaning alone in a query run and are dropped between its words. */
const FUNCTION_CHARACTERS = new Set('的了和与及在是为对等之或而也把被从向'.split(''));

/**
 * Words of a longer run: jieba's precise cut; a character on its own joins the word after it (or
 * before it, at the end), unless it is a function character, so 周 + 海江 stays a name.
 */
const queryWords = (run: string): string[] => {
  const words: string[] = [];
  let carried = '';
  for (const word of jieba().cut(run, true)) {
    if (word.length === 1 && FUNCTION_CHARACTERS.has(word)) continue;
    if (word.length === 1) {
      carried += word;
      continue;
    }
    words.push(carried + word);
    carried = '';
  }
  if (carried !== '') {
    if (words.length === 0) words.push(carried);
    else words[words.length - 1] += carried;
  }
  return words;
};

const termOf = (text: string): QueryTerm => ({ text, forms: [text, ...otherForms(text)] });

/**
 * The query as groups of terms; empty when it has no letter, digit or Han character at all. A run
 * of three characters or fewer always stays one term (a lone character joins its neighbour), so a
 * name is never looked for as separate characters.
 */
export const parseQuery = (query: string): QueryGroup[] =>
  runsOf(normaliseForSearch(query)).map((run) => {
    const words = run.kind === 'alnum' ? [run.text] : queryWords(run.text);
    const terms = (words.length === 0 ? [run.text] : words).map(termOf);
    return { terms, whole: terms.length > 1 ? run.text : null };
  });

/**
 * Every string the snippet should mark for this query, longest first: the query's words and their
 * forms, and the words within them, so a text that has 商会 but matched 商会换届 in its title still
 * shows where it speaks of 商会.
 */
export const highlightTerms = (groups: QueryGroup[]): string[] => {
  const forms = groups.flatMap((group) => [...(group.whole === null ? [] : [group.whole]), ...group.terms.flatMap((term) => term.forms)]);
  const parts = forms.filter((form) => form.length > 2 && isHanUnit(form.charCodeAt(0))).flatMap((form) => jieba().cut(form, true).filter((word) => word.length >= 2));
  return [...new Set([...forms, ...parts])].sort((a, b) => b.length - a.length);
};

const isHan = (form: string): boolean => form.length > 0 && isHanUnit(form.charCodeAt(0));

/** One form of a term in an engine's syntax. */
type FormSyntax = {
  /** A run of two or more Han characters: the phrase of its bigrams. */
  phrase: (grams: string[]) => string;
  /** One Han character: any gram starting with it. */
  prefix: (character: string) => string;
  /** A Latin or digit word, or a whole jieba word. */
  gram: (token: string) => string;
  word: (token: string) => string;
  or: (parts: string[]) => string;
  and: (parts: string[]) => string;
};

const formExpression = (form: string, syntax: FormSyntax): string => {
  if (!isHan(form)) return syntax.gram(form);
  if (form.length === 1) return syntax.prefix(form);
  return syntax.or([syntax.phrase(bigrams(form)), syntax.word(form)]);
};

/** The match expression of parsed query groups in an engine's syntax. */
export const matchExpression = (groups: QueryGroup[], syntax: FormSyntax): string =>
  syntax.and(
    groups.map((group) => {
      const all = syntax.and(group.terms.map((term) => syntax.or(term.forms.map((form) => formExpression(form, syntax)))));
      return group.whole === null ? all : syntax.or([all, syntax.phrase(bigrams(group.whole))]);
    })
  );

const wrap = (parts: string[], operator: string): string => {
  const unique = [...new Set(parts)];
  return unique.length === 1 ? unique[0] : `(${unique.join(` ${operator} `)})`;
};

/** Tokens are made of Han characters, ASCII letters and digits only; quoting keeps both engines from reading operators. */
const quoted = (token: string): string => `"${token.replace(/"/g, '""')}"`;

/** SQLite FTS5: grams and words are separate columns (see the migration). */
export const FTS5_SYNTAX: FormSyntax = {
  phrase: (grams) => `{title_grams body_grams} : ${quoted(grams.join(' '))}`,
  prefix: (character) => `{title_grams body_grams} : ${quoted(character)}*`,
  gram: (token) => `{title_grams body_grams} : ${quoted(token)}`,
  word: (token) => `{title_words body_words} : ${quoted(token)}`,
  or: (parts) => wrap(parts, 'OR'),
  and: (parts) => wrap(parts, 'AND'),
};

const lexeme = (token: string): string => `'${token.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/** PostgreSQL tsquery: one tsvector holds both streams (grams weighted A and D, words B and C). */
export const TSQUERY_SYNTAX: FormSyntax = {
  phrase: (grams) => wrap(grams.map(lexeme), '<->'),
  prefix: (character) => `${lexeme(character)}:*`,
  gram: (token) => lexeme(token),
  word: (token) => lexeme(token),
  or: (parts) => wrap(parts, '|'),
  and: (parts) => wrap(parts, '&'),
};
