import crypto from 'crypto';
import type { Coding } from './encoding';

/** A digest of a body's bytes: equal bodies share it, whichever process or server computed it. */
export const bodyHash = (body: Buffer): string => crypto.createHash('sha256').update(body).digest('base64url').slice(0, 27);

/**
 * The strong entity tag of a body sent in a coding. A compressed representation is a different
 * sequence of bytes, so it has its own tag (the coding appended): a strong tag may only stand for
 * byte-identical responses (RFC 9110 8.8.3).
 */
export const entityTag = (hash: string, coding: Coding): string => (coding === 'identity' ? `"${hash}"` : `"${hash}-${coding}"`);

/**
 * Whether If-None-Match names this tag, so the client's copy is current and a 304 will do
 * (RFC 9110 13.1.2: weak comparison, and `*` matches any current representation).
 */
export const ifNoneMatchHits = (header: string | undefined, tag: string): boolean => {
  if (header === undefined || header.trim() === '') return false;
  if (header.trim() === '*') return true;
  const opaque = tag.replace(/^W\//, '');
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === opaque);
};
