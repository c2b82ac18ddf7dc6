/**
 * The page context every extraction pass reads: the page's text once normalised, its sentences,
 * its tokens and the typed mentions found so far. It is built once per page and passed on; passes
 * never re-read the raw blocks.
 *
 * Offsets are UTF-16 indices into `text`. `text` has exactly the length of `original` (the blocks
 * joined by '\n'), character for character, so a span found in the normalised text is cut from the
 * original to give back what the page printed (traditional characters stay traditional).
 */

/** [start, end) in the page text. */
export type Span = { start: number; end: number };

export type Sentence = Span & {
  /** Position in page order. */
  index: number;
  /** Which block (paragraph) of the parsed page the sentence is in. */
  block: number;
};

/** One word from the segmenter, with its part-of-speech tag (jieba's: nr person, ns place, nt organisation…). */
export type Token = Span & { word: string; tag: string };

export type MoneyMention = Span & {
  /** In currency units: 5100多万元 → 51000000. */
  value: number;
  /** ISO 4217: CNY, USD, HKD, MOP, TWD… */
  currency: string;
  /** 多, 余, 约, 超, 超过, 近, 逾, 以上, 左右… */
  approximate: boolean;
};

export type PlaceLevel = 'country' | 'province' | 'city' | 'county' | 'town' | 'region';

export type PlaceMention = Span & {
  level: PlaceLevel;
  /** The gazetteer's full name when the printed one is a short form (苏州 → 苏州市), else the printed name. */
  full: string;
};

export type TitleDomain = 'association' | 'government' | 'party' | 'company' | 'academic' | 'media' | 'generic';

export type OrganisationMention = Span & {
  /** The name as printed in the normalised text. */
  name: string;
  /** The suffix that made it an organisation (商会, 有限公司, 工商联…), or '' when known otherwise. */
  suffix: string;
};

export type NameMention = Span & { name: string };

export type PageContext = {
  /** The blocks joined by '\n', as printed. */
  original: string;
  /** `original` in simplified characters with full-width punctuation; same length. */
  text: string;
  sentences: Sentence[];
  tokens: Token[];
  /** 《…》 titles: names inside a book title are not mentions of anyone. */
  books: Span[];
  /**
   * Who may publish the page — its 来源 and its site's owner, normalised, in that order — for 我会 /
   * 本会 to stand for; with each one's printed form.
   */
  publishers: Array<{ name: string; printed: string }>;
  /** True when the page was printed in traditional characters. */
  traditional: boolean;
};

/** What the page printed at a span: the original characters, not the normalised ones. */
export const printed = (context: Pick<PageContext, 'original'>, span: Span): string => context.original.slice(span.start, span.end);

/** True when `index` falls inside one of the page's 《…》 titles. */
export const insideBook = (context: Pick<PageContext, 'books'>, index: number): boolean => context.books.some((book) => book.start <= index && index < book.end);
