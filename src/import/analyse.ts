import { clean } from './clean';
import { decode } from './decode';
import { extract } from './extract';
import { contentHash } from './keys';
import type { AnalysedDocument } from './resolve';
import { parse } from './parse';
import type { RawPage, Result } from './types';

/**
 * decode → clean → parse → extract for one page. Pure. A page with no title cannot become an
 * article and fails here; a page with no date is imported, with a warning.
 */
export const analyse = (raw: RawPage): Result<AnalysedDocument> => {
  const decoded = decode(raw);
  if (!decoded.ok) return decoded;
  const cleaned = clean(decoded.value);
  const parsed = parse(cleaned);
  if (parsed.title === null) {
    return { ok: false, problem: { file: raw.file, message: 'no title found: the page has no headline to import it under' } };
  }
  if (parsed.blocks.length === 0) {
    return { ok: false, problem: { file: raw.file, message: 'no article text found after removing the site boilerplate (truncated page?)' } };
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
