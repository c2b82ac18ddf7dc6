import type { Claims } from './claims';
import { canonicalJson, fingerprint } from './keys';

/**
 * What the importer remembers of an organisation, person or initiative it wrote (`importedValues`):
 * per field, the fingerprint of the value it last wrote, as it does for articles, and its claims
 * (see claims.ts): each position, organiser or participant it linked and the articles whose word
 * that is. A field whose value no longer matches its fingerprint was changed by an editor, and
 * stays changed in the importer's eyes: it does not take the fingerprint of what it writes later.
 */
export type RecordMemory = {
  fields: Record<string, string>;
  claims: Record<string, Claims>;
};

/** A record whose fields are all the editors': the importer claims nothing of it. */
export const EDITED: RecordMemory = { fields: {}, claims: {} };

const isClaims = (value: unknown): value is Claims =>
  value !== null &&
  typeof value === 'object' &&
  Object.values(value as Record<string, unknown>).every((articles) => Array.isArray(articles) && articles.every((article) => typeof article === 'string'));

/** The memory stored on a record, or null when it has none (written before the importer kept one) or it is not one. */
export const readMemory = (stored: unknown): RecordMemory | null => {
  if (stored === null || typeof stored !== 'object') return null;
  const { fields, claims } = stored as { fields?: unknown; claims?: unknown };
  if (fields === null || typeof fields !== 'object' || claims === null || typeof claims !== 'object') return null;
  if (!Object.values(fields as Record<string, unknown>).every((value) => typeof value === 'string')) return null;
  if (!Object.values(claims as Record<string, unknown>).every(isClaims)) return null;
  return { fields: fields as Record<string, string>, claims: claims as Record<string, Claims> };
};

/** The memory of a record the importer has just written in full. */
export const freshMemory = (values: Record<string, unknown>, claims: Record<string, Claims>): RecordMemory => ({
  fields: Object.fromEntries(Object.entries(values).map(([field, value]) => [field, fingerprint(value)])),
  claims,
});

/** Fields whose current value is not the one the importer last wrote. */
export const editedFields = (memory: RecordMemory, current: Record<string, unknown>): string[] =>
  Object.entries(current)
    .filter(([field, value]) => memory.fields[field] !== fingerprint(value))
    .map(([field]) => field);

/** The memory after the importer writes `written` over `current`: fields editors changed keep their old fingerprint. */
export const nextMemory = (memory: RecordMemory, current: Record<string, unknown>, written: Record<string, unknown>, claims: Record<string, Claims>): RecordMemory => {
  const edited = new Set(editedFields(memory, current));
  const fields = { ...memory.fields };
  for (const [field, value] of Object.entries(written)) {
    if (!edited.has(field)) fields[field] = fingerprint(value);
  }
  return { fields, claims };
};

export const sameMemory = (a: RecordMemory, b: RecordMemory): boolean => canonicalJson(a) === canonicalJson(b);
