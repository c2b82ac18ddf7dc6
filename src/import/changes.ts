import type { Reconciled } from './claims';
import type { EntityIndex } from './known';

/**
 * What importing a page again changes, in words an operator reads before running it for real:
 * links and positions it adds and removes, those it changes (a quote given another speaker, a title
 * at another organisation), the fields it rewrites, and the editors' changes it keeps.
 */
export type PageChanges = { added: string[]; removed: string[]; changed: string[]; kept: string[] };

/** Records that lost a link: each is removed (or flagged) at the end of the run if nothing links to it any more. */
export type Candidates = { organisations: string[]; persons: string[]; initiatives: string[] };

export const noChanges = (): PageChanges => ({ added: [], removed: [], changed: [], kept: [] });

/**
 * A link in words, and what it is "the same" as when one is removed and another added: a quote's
 * text, a person's title, a name. `replaced` says what changed when the two read alike.
 */
export type Labelled = { label: string; anchor: string | null; replaced?: string };

/** Changes while a page is planned: added and removed links keep their anchors until `settle` pairs them. */
export type Unsettled = { added: Labelled[]; removed: Labelled[]; kept: string[] };

export const nothingUnsettled = (): Unsettled => ({ added: [], removed: [], kept: [] });

export const mergeUnsettled = (...all: Unsettled[]): Unsettled => ({
  added: all.flatMap((changes) => changes.added),
  removed: all.flatMap((changes) => changes.removed),
  kept: all.flatMap((changes) => changes.kept),
});

/** A removed and an added link with the same anchor are one change: a title now at another organisation, a quote given another speaker. */
export const settle = (changes: Unsettled, changedFields: string[] = []): PageChanges => {
  const changed = [...changedFields];
  const paired = new Set<number>();
  const removed = changes.removed.filter((old) => {
    const partner = changes.added.findIndex((candidate, index) => !paired.has(index) && old.anchor !== null && candidate.anchor === old.anchor);
    if (partner === -1) return true;
    paired.add(partner);
    const now = changes.added[partner];
    changed.push(now.label === old.label ? `${old.label} (${old.replaced ?? 'changed'})` : `${old.label} → ${now.label}`);
    return false;
  });
  return { added: changes.added.filter((_, index) => !paired.has(index)).map((item) => item.label), removed: removed.map((item) => item.label), changed, kept: changes.kept };
};

export const noCandidates = (): Candidates => ({ organisations: [], persons: [], initiatives: [] });

export const mergeCandidates = (...all: Candidates[]): Candidates => ({
  organisations: [...new Set(all.flatMap((candidates) => candidates.organisations))],
  persons: [...new Set(all.flatMap((candidates) => candidates.persons))],
  initiatives: [...new Set(all.flatMap((candidates) => candidates.initiatives))],
});

export type Described<T> = (item: T) => Labelled;

/** The names of records by key, as known to the index or to the plan being made. */
export type Names = { organisation: (key: string | null) => string; person: (key: string | null) => string; initiative: (key: string) => string };

const strip = (key: string, prefix: string): string => (key.startsWith(prefix) ? key.slice(prefix.length) : key);

export const namesFrom = (index: EntityIndex, planned: { organisations: Map<string, string>; persons: Map<string, string>; initiatives: Map<string, string> }): Names => {
  const organisation = (key: string | null) => (key === null ? '—' : (planned.organisations.get(key) ?? index.organisations.get(key)?.name ?? strip(key, 'org:')));
  return {
    organisation,
    person: (key) => (key === null ? '—' : (planned.persons.get(key) ?? index.persons.get(key)?.name ?? strip(key, 'person:').split('@')[0])),
    initiative: (key) => planned.initiatives.get(key) ?? index.initiatives.get(key)?.name ?? strip(key, 'initiative:'),
  };
};

/** A person in words: the name, and the organisation their record is known by, which tells namesakes apart. */
export const describePerson = (names: Names): Described<string> => (key) => {
  const at = key.indexOf('@org:');
  return {
    label: `person ${names.person(key)}${at === -1 ? '' : ` (${names.organisation(key.slice(at + 1))})`}`,
    anchor: `person:${names.person(key)}`,
    replaced: 'a new record of the same name',
  };
};

const clip = (text: string, length = 24): string => {
  const chars = [...text];
  return chars.length <= length ? text : `${chars.slice(0, length).join('')}…`;
};

export const describeQuote = (names: Names): Described<{ text: string; speakerKey: string | null }> => (quote) => ({
  label: `quote ${names.person(quote.speakerKey)}: 「${clip(quote.text)}」`,
  anchor: `quote:${clip(quote.text)}`,
  replaced: 'wording changed further on, or its speaker record',
});

export const describeAmount: Described<{ text: string; value: number; currency: string }> = (amount) => ({
  label: `amount ${amount.text} = ${amount.value} ${amount.currency}`,
  anchor: `amount:${amount.text}`,
});

export const describePosition = (names: Names, person: string): Described<{ title: string; organisationKey: string | null }> => (position) => ({
  label: `position ${person}: ${position.title} @ ${names.organisation(position.organisationKey)}`,
  anchor: `position:${person}:${position.title}`,
});

export const describeKey = (kind: string, name: (key: string) => string): Described<string> => (key) => ({ label: `${kind} ${name(key)}`, anchor: null });

/** An initiative: one of the same name removed and another added is one, replaced (a donation's record follows its article's key). */
export const describeInitiative = (names: Names): Described<string> => (key) => ({
  label: `initiative ${names.initiative(key)}`,
  anchor: `initiative:${names.initiative(key)}`,
  replaced: 'a new record of the same name',
});

/** A reconciliation in words; `identityOf` turns an identity an editor removed back into a link, to say which one stays out. */
export const describeReconciled = <T>(result: Reconciled<T>, describe: Described<T>, identityOf: (id: string) => T | null): Unsettled => {
  const removals = result.keptRemovals.map(identityOf).filter((item): item is T => item !== null);
  return {
    added: result.added.map(describe),
    removed: result.removed.map(describe),
    kept: [
      ...result.keptEditors.map((item) => `${describe(item).label} (an editor's link, kept)`),
      ...removals.map((item) => `${describe(item).label} (removed by an editor, not added back)`),
    ],
  };
};
