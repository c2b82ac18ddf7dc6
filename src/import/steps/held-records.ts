import { readInitiatives } from '../read';
import type { Run } from './context';

/**
 * Initiatives are most of what an import knows (several per page, each with its memory), and a page
 * only ever looks one up by its exact key. So a run does not hold them all: it reads the ones a page
 * names, or its stored article linked, just before the page is planned, and after each committed
 * batch it lets go of all but the latest INITIATIVES_HELD (or the run's `initiativesHeld`), which the database now holds as the index
 * had them. That keeps an import's memory from growing with the size of the site.
 *
 * What the run started with (the initiatives editors made, which have no import key to be read back
 * by) is always held, and so is everything a dry run learns: it wrote nothing to read back.
 */
export const INITIATIVES_HELD = 2000;

/** Reads into the index the initiatives with these keys that it does not hold. */
export const holdInitiatives = async (run: Run, keys: Iterable<string>): Promise<void> => {
  if (run.strapi === null) return;
  const missing = [...new Set(keys)].filter((key) => !run.index.initiatives.has(key));
  if (missing.length > 0) await readInitiatives(run.strapi, run.index, missing);
};

/** After a batch committed: forgets the oldest initiatives beyond the bound (not those the run started with). */
export const releaseInitiatives = (run: Run): void => {
  if (run.strapi === null || run.options.dryRun) return;
  const { initiatives } = run.index;
  let excess = initiatives.size - run.startedWithInitiatives.size - (run.options.initiativesHeld ?? INITIATIVES_HELD);
  for (const key of initiatives.keys()) {
    if (excess <= 0) return;
    if (run.startedWithInitiatives.has(key)) continue;
    initiatives.delete(key);
    excess -= 1;
  }
};
