import crypto from 'crypto';
import { toSimplifiedText } from './extraction/normalise';
import { RULES_VERSION } from './rules-version';

/**
 * Natural keys: what makes two records "the same" across documents and across runs. They are stored
 * on each record (`importKey`) so a re-run finds what an earlier run wrote.
 */

/**
 * Full-width forms folded, traditional characters simplified, spaces and dots dropped, Latin
 * lower-cased: 疊雲（北京）ＡＢＣ → 叠云(北京)abc.
 */
export const normaliseName = (name: string): string =>
  toSimplifiedText(name)
    .normalize('NFKC')
    .replace(/[\s\u3000·•.]/g, '')
    .toLowerCase();

export const sha256 = (text: string | Uint8Array): string => crypto.createHash('sha256').update(text).digest('hex');

/** JSON with object keys in order, so equal values always read the same. */
export const canonicalJson = (value: unknown): string =>
  JSON.stringify(value ?? null, (_key, item: unknown) =>
    item !== null && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item
  );

/**
 * The fingerprint of a value the importer writes: equal values, equal fingerprints. Key order is
 * fixed by construction in the values it is taken of, so plain JSON is their canonical form.
 */
export const fingerprint = (value: unknown): string => sha256(JSON.stringify(value ?? null)).slice(0, 16);

/** Derived from the analysis rules themselves (see rules-version.ts): the content hash covers the rules as well as the bytes. */
export { RULES_VERSION };

/**
 * The hash of a page's bytes under a version of the rules: a page is analysed again when either
 * changes. `rulesVersion` is RULES_VERSION except where a caller stands for other rules (see RunOptions).
 */
export const contentHash = (bytes: Uint8Array, rulesVersion: string = RULES_VERSION): string =>
  sha256(Buffer.concat([Buffer.from(`${rulesVersion}\n`), bytes]));

export const organisationKey = (name: string): string => `org:${normaliseName(name)}`;

/**
 * A person is a name at an organisation. A person printed without any organisation cannot be told
 * apart from a namesake, so they are only "the same" within the article that printed them.
 */
export const personKey = (name: string, organisationKeyOrNull: string | null, articleKey: string): string =>
  organisationKeyOrNull === null
    ? `person:${normaliseName(name)}@article:${articleKey}`
    : `person:${normaliseName(name)}@${organisationKeyOrNull}`;

/**
 * Named events, publications and policies are shared across articles by name. A donation is one
 * donor's act reported in one article: two articles about "X商会捐赠" are usually two donations.
 */
export const initiativeKey = (name: string, kind: string, articleKey: string): string =>
  kind === 'donation' ? `initiative:donation:${normaliseName(name)}@${articleKey}` : `initiative:${normaliseName(name)}`;

/**
 * Article keys. An article is known by its canonical source URL when there is one (`url:`), else
 * by the page's path relative to the directory it was imported from (`path:`), which a near-
 * duplicate fingerprint of its text confirms (see identity.ts). A second, different article found
 * at a path that already has one gets the path with its fingerprint's prefix after `#`. Articles
 * imported before paths were kept are known by a hash of their cleaned text (`text:`); they are
 * found by their fingerprint and take a path or URL key when next imported.
 */
export const urlKey = (url: string): string => {
  try {
    const parsed = new URL(url);
    parsed.hash = '';
    return `url:${parsed.toString()}`;
  } catch {
    // Not every page prints a well-formed URL; the text as printed is still a stable key.
    return `url:${url.trim()}`;
  }
};

export const pathKey = (relativePath: string, suffix: string | null = null): string => `path:${relativePath}${suffix === null ? '' : `#${suffix}`}`;

const PATH_KEY = /^path:(.*?)(?:#[0-9a-f]{8})?$/u;

/** The relative path a `path:` key was made from, or null for other keys. */
export const pathOfKey = (key: string): string | null => PATH_KEY.exec(key)?.[1] ?? null;

/** How much a key says about a page: a URL names it, a path locates it, a text hash only describes it. */
export const keyRank = (key: string): number => (key.startsWith('url:') ? 2 : key.startsWith('path:') ? 1 : 0);
