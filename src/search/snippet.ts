import { normaliseForSearch } from './tokens';

/**
 * A highlighted excerpt, made here rather than by the engine: both engines index tokens, not the
 * text, so their highlighters (FTS5 `snippet()`, `ts_headline`) would mark bigrams. The text is
 * searched in its normalised form, which has one character for each of the original's, so a
 * traditional 商會 in the text is marked for the query 商会.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => ESCAPES[char]);

/** Characters of context a snippet shows before its first mark. */
const LEAD = 30;

export const SNIPPET_LENGTH = 120;

type Span = { start: number; end: number };

/** Where the terms occur in the normalised text, longest term first, never overlapping. */
const findSpans = (normalised: string, terms: string[]): Span[] => {
  const taken = new Uint8Array(normalised.length);
  const spans: Span[] = [];
  for (const term of terms) {
    if (term.length === 0) continue;
    for (let at = normalised.indexOf(term); at !== -1; at = normalised.indexOf(term, at + term.length)) {
      let free = true;
      for (let index = at; index < at + term.length; index += 1) if (taken[index] === 1) free = false;
      if (!free) continue;
      taken.fill(1, at, at + term.length);
      spans.push({ start: at, end: at + term.length });
    }
  }
  return spans.sort((a, b) => a.start - b.start);
};

const plain = (text: string): string => escapeHtml(text.replace(/\s+/g, ' '));

/**
 * About SNIPPET_LENGTH characters of `text` around its first match of `terms` (normalised query
 * words, see highlightTerms), HTML-escaped, every match inside wrapped in `<mark>`…`</mark>`, with
 * an ellipsis where it was cut. The start of the text when nothing matches.
 */
export const snippetOf = (text: string, terms: string[], length = SNIPPET_LENGTH): string => {
  const spans = findSpans(normaliseForSearch(text), terms);
  const first = spans[0];
  let start = first === undefined ? 0 : Math.max(0, first.start - LEAD);
  const end = Math.min(text.length, start + length);
  start = Math.max(0, Math.min(start, end - length));
  let out = start > 0 ? '…' : '';
  let at = start;
  for (const span of spans) {
    if (span.start < start || span.end > end) continue;
    out += `${plain(text.slice(at, span.start))}<mark>${plain(text.slice(span.start, span.end))}</mark>`;
    at = span.end;
  }
  out += plain(text.slice(at, end));
  if (end < text.length) out += '…';
  return out.trim();
};
