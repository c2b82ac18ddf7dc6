import type { EntityIndex } from '../known';
import { normaliseName } from '../keys';
import { readInitiatives, readPersons } from '../read';
import type { Analysed, Run } from './context';

/**
 * Initiatives and persons are most of what an import knows (several per page, each with its
 * memory), and the site's count of them grows with its pages. So a run does not hold them all: it
 * reads from the database the ones a page may mean just before it needs them, and after each
 * committed batch it lets go of all but the latest RECORDS_HELD of each type (or the run's
 * `recordsHeld`), which the database now holds as the index had them. That keeps an import's memory
 * from growing with the size of the site.
 *
 * An initiative is only ever looked up by its exact key. A person is found by name, so the index
 * keeps every person's name and key (`personNames`), and a page's persons are read by the keys
 * their names have before the page is resolved.
 *
 * What the run started with (the records editors made, which have no import key to be read back by)
 * is always held, and so is everything a dry run learns: it wrote nothing to read back.
 */
export const RECORDS_HELD = 2000;

export type HeldType = 'initiatives' | 'persons';

const readers: Record<HeldType, (strapi: NonNullable<Run['strapi']>, index: EntityIndex, keys: readonly string[]) => Promise<void>> = {
  initiatives: readInitiatives,
  persons: readPersons,
};

/** Reads into the index the records of this type with these keys that it does not hold. */
export const holdRecords = async (run: Run, type: HeldType, keys: Iterable<string>): Promise<void> => {
  if (run.strapi === null) return;
  const missing = [...new Set(keys)].filter((key) => !run.index[type].has(key));
  if (missing.length > 0) await readers[type](run.strapi, run.index, missing);
};

/** The keys of the known persons a page's names may mean: those the page is resolved against. */
export const namesakesOf = (analysed: Analysed, index: EntityIndex): string[] =>
  analysed.extraction.persons.flatMap((person) => index.personNames.get(normaliseName(person.name)) ?? []);

/** The persons the page's initiatives link, as the index holds those initiatives: the plan links them again. */
export const peopleOfInitiatives = (index: EntityIndex, keys: Iterable<string>): string[] =>
  [...keys].flatMap((key) => index.initiatives.get(key)?.personKeys ?? []);

/** After a batch committed: forgets the oldest records of each type beyond the bound (not those the run started with). */
export const releaseRecords = (run: Run): void => {
  if (run.strapi === null || run.options.dryRun) return;
  for (const type of Object.keys(readers) as HeldType[]) {
    const records = run.index[type];
    const startedWith = run.startedWith[type];
    let excess = records.size - startedWith.size - (run.options.recordsHeld ?? RECORDS_HELD);
    for (const key of records.keys()) {
      if (excess <= 0) break;
      if (startedWith.has(key)) continue;
      records.delete(key);
      excess -= 1;
    }
  }
};
