import { pinyin } from 'pinyin-pro';

export const SLUG_MAX_LENGTH = 80;

/**
 * An ASCII, URL-safe slug: Chinese becomes toneless pinyin, one syllable per word, so
 * 无锡市总商会 → wu-xi-shi-zong-shang-hui. Long titles are cut at a word boundary.
 */
export const slugify = (title: string): string => {
  const words = pinyin(title.normalize('NFKC'), { toneType: 'none', type: 'array', nonZh: 'consecutive' })
    .join(' ')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
  let slug = '';
  for (const word of words) {
    const next = slug === '' ? word : `${slug}-${word}`;
    if (next.length > SLUG_MAX_LENGTH) break;
    slug = next;
  }
  return slug === '' ? 'article' : slug;
};

/** `base`, or `base-2`, `base-3`… : the first one `isTaken` says is free. */
export const firstFreeSlug = async (base: string, isTaken: (slug: string) => Promise<boolean>): Promise<string> => {
  for (let suffix = 1; ; suffix += 1) {
    // Cut where the suffix needs room, and never leave the cut on a hyphen: `word--2` is no slug.
    const cut = base.slice(0, SLUG_MAX_LENGTH - String(suffix).length - 1).replace(/-+$/, '');
    const candidate = suffix === 1 ? base : `${cut}-${suffix}`;
    if (!(await isTaken(candidate))) return candidate;
  }
};
