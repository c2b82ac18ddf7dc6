import { clean, RefusedPage } from './clean';
import { decode } from './decode';
import { extract } from './extract';
import { contentHash } from './keys';
import type { AnalysedDocument } from './resolve';
import { parse } from './parse';
import type { CleanedPage, RawPage, Result } from './types';

/**
 * The most article text (after the site boilerplate is removed) one page may hold. The longest
 * texts a newsroom publishes as one article, full reports and speeches, run to a few tens of
 * thousands of characters; a page with more is a whole site, a book or a hostile page, and the
 * extraction, whose cost grows with the text, is not run on it.
 */
export const MAX_ARTICLE_CHARS = 100_000;

const articleLength = (cleaned: CleanedPage): number => cleaned.lines.reduce((total, line) => total + line.length, 0);

const failed = (file: string, message: string): Result<AnalysedDocument> => ({ ok: false, problem: { file, message } });

/**
 * decode → clean → parse → extract for one page. Pure. A page with no title cannot become an
 * article and fails here; a page with no date is imported, with a warning.
 */
const analysePage = (raw: RawPage): Result<AnalysedDocument> => {
  const decoded = decode(raw);
  if (!decoded.ok) return decoded;
  const cleaned = clean(decoded.value);
  const length = articleLength(cleaned);
  if (length > MAX_ARTICLE_CHARS) {
    return failed(raw.file, `the article text is ${length} characters long, over the ${MAX_ARTICLE_CHARS} limit for one article (a whole site or book rather than a page?)`);
  }
  const parsed = parse(cleaned);
  if (parsed.title === null) {
    return failed(raw.file, 'no title found: the page has no headline to import it under');
  }
  if (parsed.blocks.length === 0) {
    return failed(raw.file, 'no article text found after removing the site boilerplate (truncated page?)');
  }
  const extraction = extract(parsed);
  return {
    ok: true,
    value: {
      file: raw.file,
      parsed,
      extraction,
      rawText: decoded.value.text,
      contentHash: contentHash(raw.bytes),
      removed: cleaned.removed,
      warnings: [...decoded.value.warnings, ...cleaned.warnings, ...parsed.warnings, ...extraction.warnings],
    },
  };
};

/** The first line of an error's message, without the stack: it goes into the page's report entry. */
const reason = (error: unknown): string => {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return message.split('\n')[0].slice(0, 200);
};

/**
 * Analyses one page. Whatever goes wrong inside the stages (a rule that throws on a page no one
 * foresaw, a stack or memory limit) fails this page only, with the reason in its report entry; the
 * pages around it are analysed and imported as usual.
 */
export const analyse = (raw: RawPage): Result<AnalysedDocument> => {
  try {
    return analysePage(raw);
  } catch (error) {
    if (error instanceof RefusedPage) return failed(raw.file, error.message);
    return failed(raw.file, `the page could not be analysed (${reason(error)}); nothing was imported from it`);
  }
};
