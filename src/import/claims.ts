/**
 * What the importer asserted, and on which articles' word. A link the importer made (an article's
 * mention or quote, a person's position, an initiative's organiser) is a claim: its identity and
 * the keys of the articles that assert it. When an article is analysed again, its word is taken
 * back from every claim and given again to what it asserts now, so a link no article asserts any
 * more goes, while one another article still asserts stays. Links editors made or changed are not
 * claims, and stay as they are; a claimed link an editor removed is not put back.
 */

/** Identity of a link → keys of the articles that assert it. */
export type Claims = Record<string, string[]>;

export type Reconciled<T> = {
  /** The field's links after this import: editors' links in place, the importer's still asserted, then the new ones. */
  items: T[];
  claims: Claims;
  /** Asserted now and not there before. */
  added: T[];
  /** The importer's, asserted by no article any more. */
  removed: T[];
  /** Links editors added or changed, kept as they are. */
  keptEditors: T[];
  /** Identities editors removed that this article still asserts: left out. */
  keptRemovals: string[];
};

export type Reconciliation<T> = {
  current: T[];
  claims: Claims;
  identity: (item: T) => string;
  /** Whether a link is in the form the importer writes (a position without dates, say); one that is not is an editor's. */
  pristine?: (item: T) => boolean;
  /** The article that asserts `asserted` now. */
  article: string;
  /** Other keys the same article was known by (before it was re-keyed): their word is taken back too. */
  formerKeys?: string[];
  asserted: T[];
};

const sortedUnique = (values: string[]): string[] => [...new Set(values)].sort();

export const reconcile = <T>(input: Reconciliation<T>): Reconciled<T> => {
  const { identity, claims } = input;
  const pristine = input.pristine ?? (() => true);
  const present = new Set(input.current.map(identity));
  const owned = new Set(input.current.filter((item) => pristine(item) && Object.hasOwn(claims, identity(item))).map(identity));
  const keptEditors = input.current.filter((item) => !owned.has(identity(item)));
  const editors = new Set(keptEditors.map(identity));
  const removedByEditors = new Set(Object.keys(claims).filter((id) => !present.has(id)));
  const retracted = new Set([input.article, ...(input.formerKeys ?? [])]);
  const next: Claims = {};
  for (const [id, articles] of Object.entries(claims)) {
    // A claimed link an editor changed is the editor's now; its claim ends.
    if (!owned.has(id) && !removedByEditors.has(id)) continue;
    const still = articles.filter((article) => !retracted.has(article));
    if (still.length > 0) next[id] = still;
  }
  const asserted = new Map<string, T>();
  for (const item of input.asserted) if (!asserted.has(identity(item))) asserted.set(identity(item), item);
  for (const id of asserted.keys()) {
    // An editor's own link already says it.
    if (!editors.has(id)) next[id] = sortedUnique([...(next[id] ?? []), input.article]);
  }
  const kept = input.current.filter((item) => editors.has(identity(item)) || Object.hasOwn(next, identity(item)));
  const added = [...asserted].filter(([id]) => !present.has(id) && !removedByEditors.has(id)).map(([, item]) => item);
  return {
    items: [...kept, ...added],
    claims: next,
    added,
    removed: input.current.filter((item) => owned.has(identity(item)) && !Object.hasOwn(next, identity(item))),
    keptEditors,
    keptRemovals: [...removedByEditors].filter((id) => asserted.has(id)),
  };
};

/** Claims on one article's word only: what an article's own links were. */
export const claimsOf = (identities: string[], article: string): Claims => Object.fromEntries(identities.map((id) => [id, [article]]));

/** Whether a claim rests on `article` (or one of its former keys). */
export const assertedBy = (articles: string[], keys: string[]): boolean => articles.some((article) => keys.includes(article));
