import { normaliseName } from '../import/keys';
import { readMemory, type RecordMemory } from '../import/memory';
import type { SchemaAttribute } from './links';

/**
 * What the kept record's own fields become: its values win, an empty one is filled from the record
 * merged away, and the merged-away name joins its aliases. Pure.
 */

const FILLABLE = new Set(['string', 'text', 'richtext', 'email', 'date', 'datetime', 'time', 'integer', 'float', 'decimal', 'biginteger', 'enumeration', 'json', 'blocks', 'media']);

/** The importer's bookkeeping is not an editor's field: the kept record keeps its own key, and the memories are combined apart. */
const NOT_FILLED = new Set(['name', 'aliases', 'importKey', 'importedValues']);

const isEmpty = (value: unknown, attribute: SchemaAttribute): boolean => {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  // An enumeration still at its default ("other") says nothing the other record's value would contradict.
  return attribute.type === 'enumeration' && attribute.default !== undefined && value === attribute.default;
};

/** A media field as the query engine writes it: the file's id. */
const writable = (value: unknown, attribute: SchemaAttribute): unknown =>
  attribute.type === 'media' && value !== null && typeof value === 'object' ? (value as { id: unknown }).id : value;

/** The kept row's empty fields that the other row can fill, as a query-engine `data` object. */
export const filledFields = (attributes: Record<string, SchemaAttribute>, kept: Record<string, unknown>, removed: Record<string, unknown>): Record<string, unknown> => {
  const data: Record<string, unknown> = {};
  for (const [name, attribute] of Object.entries(attributes)) {
    if (!FILLABLE.has(attribute.type) || NOT_FILLED.has(name)) continue;
    if (isEmpty(kept[name], attribute) && !isEmpty(removed[name], attribute)) data[name] = writable(removed[name], attribute);
  }
  return data;
};

const stringsOf = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);

/**
 * The kept record's aliases after the merge: its own, then the other record's name and aliases,
 * each name once (compared as the importer compares names) and never the kept record's own name.
 */
export const combinedAliases = (kept: { name: string; aliases?: unknown }, removed: { name: string; aliases?: unknown }): string[] => {
  const seen = new Set([normaliseName(kept.name)]);
  const aliases: string[] = [];
  for (const alias of [...stringsOf(kept.aliases), removed.name, ...stringsOf(removed.aliases)]) {
    const normalised = normaliseName(alias);
    if (normalised === '' || seen.has(normalised)) continue;
    seen.add(normalised);
    aliases.push(alias.trim());
  }
  return aliases;
};

/**
 * The importer's memory of the kept record: its fields' fingerprints, and the claims of both
 * (which article asserted which position, organiser or participant), so a page read again takes
 * back its word from the kept record as it would have from the other. A record without a memory
 * is the editors' and stays so.
 */
export const combinedMemory = (kept: unknown, removed: unknown): RecordMemory | null => {
  const keptMemory = readMemory(kept);
  const removedMemory = readMemory(removed);
  if (keptMemory === null || removedMemory === null) return keptMemory;
  const claims: RecordMemory['claims'] = { ...keptMemory.claims };
  for (const [list, byItem] of Object.entries(removedMemory.claims)) {
    const combined = { ...(claims[list] ?? {}) };
    for (const [item, articles] of Object.entries(byItem)) combined[item] = [...new Set([...(combined[item] ?? []), ...articles])];
    claims[list] = combined;
  }
  return { fields: keptMemory.fields, claims };
};

/**
 * The components (a person's positions) that repeat one before them: the same values and the same
 * linked records, as two imports of one person both write. The first of each is kept. Rows are
 * as the query engine reads them, relations populated with their ids.
 */
export const repeatedComponents = (rows: ReadonlyArray<Record<string, unknown> & { id: number }>): number[] => {
  const seen = new Set<string>();
  const repeated: number[] = [];
  for (const row of rows) {
    const identity = JSON.stringify(
      Object.keys(row)
        .filter((field) => field !== 'id' && field !== '__component')
        .sort()
        .map((field) => {
          const value = row[field];
          return [field, value !== null && typeof value === 'object' && 'id' in value ? (value as { id: unknown }).id : (value ?? null)];
        })
    );
    if (seen.has(identity)) repeated.push(row.id);
    else seen.add(identity);
  }
  return repeated;
};
