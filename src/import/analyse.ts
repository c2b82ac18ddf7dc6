import { clean, RefusedPage } from './clean';
import { decode } from './decode';
import { extract } from './extract';
import { contentHash } from './keys';
import type { AnalysedDocument } from './resolve';
import { parse, titleFromText } from './parse';
import { endsMidSentence } from './text';
import type { CleanedPage, ParsedPage, RawPage, Result } from './types';

/**
 * The most article text (after the site boilerplate is removed) one page may hold. The longest
 * texts a newsroom publishes as one article, full reports and speeches, run to a few tens of
 * thousands of characters; a page with more is a whole site, a book or a hostile page, and the
 * extraction, whose cost grows with the text, is not run on it.
 */
export const MAX_ARTICLE_CHARS = 100_000;

const articleLength = (cleaned: CleanedPage): number => cleaned.lines.reduce((total, line) => total + line.length, 0);

const failed = (file: string, message: string): Result<AnalysedDocument> => ({ ok: false, problem: { file, message } });

/** The review reason of an article whose title the importer made up; the title follows it. */
export const GENERATED_TITLE_REASON = '标题由正文生成';

/** The review reason of an article whose page prints no date: an editor fills in the original date. */
export const MISSING_DATE_REASON = '原文没有日期';

/** The review reason of an article whose page looks cut off; the last words follow it. */
export const TRUNCATED_PAGE_REASON = '原文可能不完整';

/** The last words of the text, for a warning. */
const ending = (text: string): string => {
  const chars = [...text];
  return chars.length <= 15 ? text : `…${chars.slice(-15).join('')}`;
};

/**
 * Scraped pages are often cut off: a page whose last line stops mid-sentence is imported as it is,
 * with a warning. Earlier stages may have said so already (a cut inside a tag or a character).
 */
const truncationWarning = (parsed: ParsedPage, earlier: string[]): string | null => {
  const last = parsed.blocks[parsed.blocks.length - 1];
  if (last === undefined || earlier.some((warning) => warning.includes('looks truncated')) || !endsMidSentence(last.text)) {
    return null;
  }
  return `the page looks truncated: its text stops mid-sentence ("${ending(last.text)}")`;
};

/**
 * What an editor must check on the page as a whole: a date the page does not print (the article
 * then has no original date), and an ending cut off mid-sentence (an earlier stage may have seen the
 * cut, inside a tag or a character).
 */
const pageReviewReasons = (parsed: ParsedPage, truncated: boolean): string[] => {
  const last = parsed.blocks[parsed.blocks.length - 1];
  return [
    ...(parsed.date === null ? [`${MISSING_DATE_REASON}：请按原网页填写发布日期`] : []),
    ...(truncated && last !== undefined ? [`${TRUNCATED_PAGE_REASON}：正文结尾「${ending(last.text)}」，请对照原网页补全`] : []),
  ];
};

/**
 * A page that prints no headline is imported under a title made from its first sentence, and the
 * article is marked for review so an editor writes a better one. Extraction reads the page as
 * printed, without the made-up title, which only repeats the text.
 */
const withTitle = (parsed: ParsedPage): { parsed: ParsedPage; reviewReasons: string[]; warnings: string[] } | null => {
  if (parsed.title !== null) {
    return { parsed, reviewReasons: [], warnings: [] };
  }
  const title = titleFromText(parsed.blocks);
  if (title === null) {
    return null;
  }
  return {
    parsed: { ...parsed, title },
    reviewReasons: [`${GENERATED_TITLE_REASON}：「${title}」`],
    warnings: [`no headline found: the title "${title}" was made from the first sentence of the text`],
  };
};

/**
 * decode → clean → parse → extract for one page. Pure. A page without a headline gets a title made
 * from its text; a page without a date is imported, with a warning. Only a page with no article text
 * at all, once the site's boilerplate is removed, cannot become an article and fails here.
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
  const titled = parsed.blocks.length === 0 ? null : withTitle(parsed);
  if (titled === null) {
    return failed(raw.file, 'no article text found: the page holds only site boilerplate (menus, headers, footers) or nothing at all');
  }
  const extraction = extract(parsed);
  const earlier = [...decoded.value.warnings, ...cleaned.warnings, ...parsed.warnings];
  const truncated = truncationWarning(parsed, earlier);
  const cut = truncated !== null || earlier.some((warning) => warning.includes('looks truncated'));
  const pageReasons = pageReviewReasons(titled.parsed, cut);
  return {
    ok: true,
    value: {
      file: raw.file,
      parsed: titled.parsed,
      extraction: { ...extraction, uncertain: [...titled.reviewReasons, ...pageReasons, ...extraction.uncertain] },
      rawText: decoded.value.text,
      contentHash: contentHash(raw.bytes),
      removed: cleaned.removed,
      warnings: [...earlier, ...titled.warnings, ...(truncated === null ? [] : [truncated]), ...extraction.warnings],
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
