/**
 * The article's search-engine fields (the `shared.seo` component), made from what the importer
 * read: the title, the summary and the page's own URL. They are the importer's like any other field
 * (plan.ts): an editor's value stays.
 */

/** The component's limits (src/components/shared/seo.json). */
export const META_TITLE_MAX = 120;
export const META_DESCRIPTION_MAX = 300;

export type SeoFields = { metaTitle: string | null; metaDescription: string | null; canonicalUrl: string | null; shareImage: number | null };

/** Where a cut reads as the end of a phrase: Chinese and Latin punctuation, and spaces. */
const BREAKS = /[\s，。；：、！？,.;:!?|｜—–-]/u;

/**
 * `text` in at most `max` UTF-16 units (Strapi's `maxLength` counts those): whole, or cut at the
 * last phrase break in its second half and ended with an ellipsis, or cut hard when it has none
 * there. Never in the middle of a surrogate pair.
 */
export const clipText = (text: string, max: number): string => {
  const trimmed = text.replace(/\s+/gu, ' ').trim();
  if (trimmed.length <= max) return trimmed;
  const chars: string[] = [];
  let length = 0;
  for (const char of trimmed) {
    // One unit is kept for the ellipsis.
    if (length + char.length > max - 1) break;
    chars.push(char);
    length += char.length;
  }
  let end = chars.length;
  for (let index = chars.length - 1; index >= Math.floor(chars.length / 2); index -= 1) {
    if (BREAKS.test(chars[index])) {
      end = index;
      break;
    }
  }
  return `${chars.slice(0, end).join('').replace(/[\s，、,;；:：|｜—–-]+$/u, '')}…`;
};

const isHttpUrl = (url: string): boolean => {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:';
  } catch {
    return false;
  }
};

export const seoFields = (title: string, summary: string | null, url: string | null): SeoFields => ({
  metaTitle: title.trim() === '' ? null : clipText(title, META_TITLE_MAX),
  metaDescription: summary === null || summary.trim() === '' ? null : clipText(summary, META_DESCRIPTION_MAX),
  // A canonical URL points at a page on the web; a file's path is not one.
  canonicalUrl: url !== null && isHttpUrl(url) ? url : null,
  shareImage: null,
});

/** The component as stored (or null when the article has none), in the importer's canonical form. */
export const storedSeo = (value: unknown): SeoFields => {
  const seo = value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  const text = (field: unknown): string | null => (typeof field === 'string' && field !== '' ? field : null);
  const image = seo.shareImage;
  return {
    metaTitle: text(seo.metaTitle),
    metaDescription: text(seo.metaDescription),
    canonicalUrl: text(seo.canonicalUrl),
    shareImage: image !== null && typeof image === 'object' && typeof (image as { id?: unknown }).id === 'number' ? (image as { id: number }).id : null,
  };
};

export const isEmptySeo = (seo: SeoFields): boolean => seo.metaTitle === null && seo.metaDescription === null && seo.canonicalUrl === null && seo.shareImage === null;
