import type { EntityIndex } from './resolve';
import type { SignatureTable } from './signature-table';

/**
 * Pages are written in batches, one transaction each, and the index learns every page's records as
 * the page is planned. When a batch rolls back, the index must forget what it learnt from that
 * batch. `remember` only ever sets and deletes map entries and signature-table entries (it never
 * changes a stored value in place), so undoing those in reverse order restores the index exactly.
 */

type Undo = () => void;

class JournaledMap<K, V> extends Map<K, V> {
  constructor(
    entries: Iterable<readonly [K, V]>,
    private readonly journal: { undo: Undo[] | null }
  ) {
    super(entries);
  }

  override set(key: K, value: V): this {
    this.record(key);
    return super.set(key, value);
  }

  override delete(key: K): boolean {
    this.record(key);
    return super.delete(key);
  }

  private record(key: K): void {
    // The base constructor calls set() before `journal` is assigned.
    const undo = this.journal?.undo ?? null;
    if (undo === null) return;
    if (super.has(key)) {
      const previous = super.get(key) as V;
      undo.push(() => void super.set(key, previous));
    } else {
      undo.push(() => void super.delete(key));
    }
  }
}

/** Records, before each add or remove, how to put the key back as it was. */
const journalTable = (table: SignatureTable, journal: { undo: Undo[] | null }): void => {
  const add = table.add.bind(table);
  const remove = table.remove.bind(table);
  const record = (key: string) => {
    if (journal.undo === null) return;
    const previous = table.entry(key);
    journal.undo.push(() => table.restore(key, previous));
  };
  table.add = (key, signature) => {
    record(key);
    add(key, signature);
  };
  table.remove = (key) => {
    record(key);
    remove(key);
  };
};

export type IndexJournal = {
  /** Starts recording changes to the index. */
  begin: () => void;
  /** Keeps the changes since `begin`. */
  commit: () => void;
  /** Undoes the changes since `begin`. */
  rollback: () => void;
};

/** Makes every map of `index` journaled, in place, and returns the journal that controls them. */
export const journalIndex = (index: EntityIndex): IndexJournal => {
  const journal: { undo: Undo[] | null } = { undo: null };
  for (const name of Object.keys(index) as Array<keyof EntityIndex>) {
    if (name === 'articleSignatures') journalTable(index.articleSignatures, journal);
    else (index as unknown as Record<string, Map<unknown, unknown>>)[name] = new JournaledMap(index[name] as Map<unknown, unknown>, journal);
  }
  return {
    begin: () => {
      journal.undo = [];
    },
    commit: () => {
      journal.undo = null;
    },
    rollback: () => {
      const undo = journal.undo ?? [];
      journal.undo = null;
      for (let step = undo.length - 1; step >= 0; step -= 1) undo[step]();
    },
  };
};
