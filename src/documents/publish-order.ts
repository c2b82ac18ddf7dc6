import { ARTICLE, INITIATIVE, ORGANISATION, PERSON } from '../content-types';

/**
 * The order in which linked records are published before the article that links them. Strapi drops a
 * published entry's link to a target that has no published version yet (and does not add it back when
 * the target is published later), so every record is published after everything it links to:
 * organisations first (a person's position and an initiative's organisers point at them), then
 * persons (an initiative's people point at them), then initiatives, the article last. The CLI's
 * `--publish` (src/import/load.ts) and the admin's publish (src/documents/publish-links.ts) both
 * follow this.
 */
export const PUBLISH_ORDER = [ORGANISATION, PERSON, INITIATIVE, ARTICLE] as const;

export type PublishableUid = (typeof PUBLISH_ORDER)[number];

/** The records an article links to that are published with it. */
export type LinkedUid = Exclude<PublishableUid, typeof ARTICLE>;

export const LINKED_UIDS: readonly LinkedUid[] = [ORGANISATION, PERSON, INITIATIVE];

export const isLinkedUid = (uid: string): uid is LinkedUid => (LINKED_UIDS as readonly string[]).includes(uid);

export const publishRank = (uid: PublishableUid): number => PUBLISH_ORDER.indexOf(uid);

/**
 * Organisations ordered parents first: a published child keeps its parent only if the parent was
 * published before it. Keys whose parent is not in the list keep their place; a cycle (which the
 * editor should not be able to make, but data can hold) is broken where it is found.
 */
export const parentsFirst = <T>(items: readonly T[], keyOf: (item: T) => string, parentKeyOf: (item: T) => string | null | undefined): T[] => {
  const byKey = new Map(items.map((item) => [keyOf(item), item]));
  const placed = new Set<string>();
  const visiting = new Set<string>();
  const ordered: T[] = [];
  const place = (item: T): void => {
    const key = keyOf(item);
    if (placed.has(key) || visiting.has(key)) return;
    visiting.add(key);
    const parentKey = parentKeyOf(item);
    const parent = parentKey === null || parentKey === undefined ? undefined : byKey.get(parentKey);
    if (parent !== undefined) place(parent);
    visiting.delete(key);
    placed.add(key);
    ordered.push(item);
  };
  items.forEach(place);
  return ordered;
};
