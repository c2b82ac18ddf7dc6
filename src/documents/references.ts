import type { Core, UID } from '@strapi/strapi';
import { DERIVED } from './relation-sync';

/**
 * Who links to a record. Strapi's relations and component relations are rows in link tables that
 * nothing checks on delete: deleting an organisation silently leaves a position with no organisation,
 * an article with one mention less. This module reads the schemas once to know every place a record
 * can be linked from, and answers "what still points at this document?" for the delete guard
 * (safe-delete.ts) and for merging (moving every reference to a kept record, then deleting).
 */

/**
 * One place in a content type's schema that links to another type: a relation attribute, either on
 * the type itself (`['mentionedPersons']`) or inside its components (`['positions', 'organisation']`).
 * Only the owning side of a relation is listed: `mappedBy` attributes are the same link read from the
 * other end.
 */
export type LinkPath = { source: UID.ContentType; target: UID.ContentType; path: readonly string[] };

/** An example of a referencing record, for the editor to find it. */
export type ReferenceExample = {
  documentId: string;
  /** The record's name (persons, organisations, initiatives) or title (articles). */
  label: string;
  /** What in the record holds the link, when it says more than the record: a position's title. */
  detail: string | null;
};

/**
 * The references of one kind. `kind` names the link path, `<source type>.<path>`, e.g.
 * `person.positions.organisation` (a person's position at this organisation) or
 * `news-article.mentionedOrganisations`. `count` counts referencing documents, or for a link inside
 * a repeatable component (positions) the distinct components in them; all locales and both the draft
 * and the published version count, once.
 */
export type Reference = LinkPath & { kind: string; count: number; examples: ReferenceExample[] };

type Attribute = { type: string; target?: string; mappedBy?: string; component?: string };
type Schema = { attributes: Record<string, Attribute> };

const EXAMPLES = 3;

const isDerived = (source: string, path: readonly string[]): boolean =>
  DERIVED.some((derived) => derived.uid === source && path.length === 1 && derived.relation === path[0]);

const walk = (strapi: Core.Strapi, source: UID.ContentType, schema: Schema, prefix: readonly string[], found: LinkPath[], depth: number): void => {
  for (const [name, attribute] of Object.entries(schema.attributes)) {
    const path = [...prefix, name];
    if (attribute.type === 'relation' && attribute.target !== undefined && attribute.mappedBy === undefined) {
      found.push({ source, target: attribute.target as UID.ContentType, path });
    } else if (attribute.type === 'component' && attribute.component !== undefined && depth < 4) {
      walk(strapi, source, strapi.components[attribute.component as UID.Component] as unknown as Schema, path, found, depth + 1);
    }
  }
};

/**
 * Every link path between the project's own content types (`api::*`). Dynamic zones hold no links
 * here (the article body is text and photos), so they are not walked. The relations relation-sync.ts
 * derives from a component (a person's `organisations` from its positions) are left out: the
 * component's link is the reference, and the derived one follows it.
 */
export const linkPaths = (strapi: Core.Strapi): LinkPath[] => {
  const found: LinkPath[] = [];
  for (const [uid, contentType] of Object.entries(strapi.contentTypes)) {
    if (!uid.startsWith('api::')) continue;
    walk(strapi, uid as UID.ContentType, contentType as unknown as Schema, [], found, 0);
  }
  return found.filter((link) => link.target.startsWith('api::') && !isDerived(link.source, link.path));
};

/** `{ positions: { organisation: condition } }` for the path `['positions', 'organisation']`. */
const nested = (path: readonly string[], leaf: Record<string, unknown>): Record<string, unknown> =>
  path.reduceRight<Record<string, unknown>>((inner, name) => ({ [name]: inner }), leaf);

/** The populate that loads a path down to the linked records' documentIds. */
export const populatePath = (path: readonly string[]): Record<string, unknown> =>
  path.reduceRight<Record<string, unknown>>(
    (inner, name, index) => ({ [name]: index === path.length - 1 ? { select: ['documentId'] } : { populate: inner } }),
    {}
  );

/** Follows a path through a loaded row to the objects at its end (components or linked records). */
export const valuesAt = (row: unknown, path: readonly string[]): Array<Record<string, unknown>> =>
  path.reduce<Array<Record<string, unknown>>>(
    (values, name) =>
      values.flatMap((value) => {
        const next = value[name];
        if (Array.isArray(next)) return next as Array<Record<string, unknown>>;
        return next !== null && typeof next === 'object' ? [next as Record<string, unknown>] : [];
      }),
    row !== null && typeof row === 'object' ? [row as Record<string, unknown>] : []
  );

const labelField = (strapi: Core.Strapi, uid: UID.ContentType): string => ('name' in strapi.getModel(uid).attributes ? 'name' : 'title');

const kindOf = (link: LinkPath): string => `${link.source.split('.').pop() ?? link.source}.${link.path.join('.')}`;

type SourceRow = { documentId: string; locale?: string | null } & Record<string, unknown>;

/** The references through one link path, or null when there are none. */
const referencesThrough = async (strapi: Core.Strapi, link: LinkPath, documentId: string, defaultLocale: string | null): Promise<Reference | null> => {
  const label = labelField(strapi, link.source);
  const inComponent = link.path.length > 1;
  const componentPath = link.path.slice(0, -1);
  const rows = (await strapi.db.query(link.source).findMany({
    where: nested(link.path, { documentId }),
    select: ['documentId', label, ...('locale' in strapi.getModel(link.source).attributes ? ['locale'] : [])],
    ...(inComponent ? { populate: populatePath(link.path) } : {}),
  })) as SourceRow[];
  // The default locale's wording names the record first; a record does not reference itself.
  const ordered = rows
    .filter((row) => !(link.source === link.target && row.documentId === documentId))
    .sort((a, b) => Number((b.locale ?? null) === defaultLocale) - Number((a.locale ?? null) === defaultLocale));
  const seen = new Map<string, ReferenceExample>();
  for (const row of ordered) {
    const details = inComponent
      ? valuesAt(row, componentPath)
          .filter((component) => valuesAt(component, link.path.slice(-1)).some((target) => target.documentId === documentId))
          .map((component) => (typeof component.title === 'string' && component.title !== '' ? component.title : null))
      : [null];
    for (const detail of details) {
      const key = `${row.documentId}\u0000${detail ?? ''}`;
      if (!seen.has(key)) seen.set(key, { documentId: row.documentId, label: typeof row[label] === 'string' ? (row[label] as string) : row.documentId, detail });
    }
  }
  if (seen.size === 0) return null;
  return { ...link, kind: kindOf(link), count: seen.size, examples: [...seen.values()].slice(0, EXAMPLES) };
};

/**
 * What still links to a document of `uid`: one entry per link path that has references, in schema
 * order, with a count and up to three examples. An empty list means nothing references the record
 * and it can be deleted without losing anything.
 */
export const findReferences = async (strapi: Core.Strapi, uid: UID.ContentType, documentId: string): Promise<Reference[]> => {
  const i18n = strapi.plugin('i18n')?.service('locales') as { getDefaultLocale: () => Promise<string> } | undefined;
  const defaultLocale = i18n === undefined ? null : await i18n.getDefaultLocale();
  const references: Reference[] = [];
  for (const link of linkPaths(strapi).filter((candidate) => candidate.target === uid)) {
    const reference = await referencesThrough(strapi, link, documentId, defaultLocale);
    if (reference !== null) references.push(reference);
  }
  return references;
};
