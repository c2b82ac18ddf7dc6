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

/** Derived from the analysis rules themselves (see rules-version.ts): the content hash covers the rules as well as the bytes. */
export { RULES_VERSION };

export const contentHash = (bytes: Uint8Array): string => sha256(Buffer.concat([Buffer.from(`${RULES_VERSION}\n`), bytes]));

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

/** The canonical source URL when the page gives one, else a hash of its cleaned text. */
export const articleKey = (url: string | null, cleanedText: string): string => {
  if (url !== null) {
    try {
      const parsed = new URL(url);
      parsed.hash = '';
      return `url:${parsed.toString()}`;
    } catch {
      // Not every page prints a well-formed URL; the text as printed is still a stable key.
      return `url:${url.trim()}`;
    }
  }
  return `text:${sha256(cleanedText).slice(0, 32)}`;
};
