import type { Core, Modules, UID } from '@strapi/strapi';
import { isImporterWrite } from './importer-writes';
import { ARTICLE, PERSON } from '../content-types';

type Row = { id: number; locale: string | null; publishedAt: string | null } & Record<string, unknown>;

/**
 * Relations that mirror what a repeatable component already says. Strapi's component relations are
 * one-way, so "the people who hold positions in an organisation" or "the articles that quote a
 * person" cannot be asked of the target; these relations give the target its reverse link. They are
 * recomputed from the component on every write, so nobody maintains them by hand.
 */
export const DERIVED: ReadonlyArray<{ uid: UID.ContentType; relation: string; component: string; componentRelation: string }> = [
  { uid: PERSON, relation: 'organisations', component: 'positions', componentRelation: 'organisation' },
  { uid: ARTICLE, relation: 'quotedPersons', component: 'quotes', componentRelation: 'speaker' },
];

/**
 * Relations that state facts about the story, not about its wording, so every locale of an article
 * has the same ones. Strapi treats every relation as localized (an `en` version starts with none),
 * so a new locale inherits them and a change in one locale reaches the others.
 */
const SHARED_ACROSS_LOCALES: Partial<Record<string, readonly string[]>> = {
  [ARTICLE]: ['mentionedOrganisations', 'mentionedPersons', 'mentionedInitiatives'],
};

const WRITE_ACTIONS = new Set(['create', 'update', 'publish', 'discardDraft']);

const idsOf = (value: unknown): number[] =>
  Array.isArray(value) ? value.map((item: { id: number }) => item.id).sort((a, b) => a - b) : [];

const sameIds = (a: number[], b: number[]): boolean => a.length === b.length && a.every((id, index) => id === b[index]);

const statusOf = (row: Row): 'published' | 'draft' => (row.publishedAt === null ? 'draft' : 'published');

/** The documentId a Document Service call returned, when it returned a document. */
export const resultDocumentId = (result: unknown): string | undefined => {
  if (result === null || typeof result !== 'object') return undefined;
  const value = result as { documentId?: unknown };
  return typeof value.documentId === 'string' ? value.documentId : undefined;
};

const syncDerived = async (strapi: Core.Strapi, uid: string, documentId: string): Promise<void> => {
  for (const derived of DERIVED) {
    if (derived.uid !== uid) continue;
    const rows = (await strapi.db.query(derived.uid).findMany({
      where: { documentId },
      select: ['id'],
      populate: {
        [derived.relation]: { select: ['id'] },
        [derived.component]: { populate: { [derived.componentRelation]: { select: ['id'] } } },
      },
    })) as Row[];
    for (const row of rows) {
      const components = Array.isArray(row[derived.component]) ? (row[derived.component] as Record<string, unknown>[]) : [];
      const wanted = [...new Set(components.flatMap((component) => idsOf([component[derived.componentRelation]].filter(Boolean))))].sort(
        (a, b) => a - b
      );
      if (!sameIds(wanted, idsOf(row[derived.relation]))) {
        await strapi.db.query(derived.uid).update({ where: { id: row.id }, data: { [derived.relation]: wanted } });
      }
    }
  }
};

const syncAcrossLocales = async (
  strapi: Core.Strapi,
  uid: string,
  documentId: string,
  locale: string,
  mode: 'push' | 'pull-if-empty'
): Promise<void> => {
  const relations = SHARED_ACROSS_LOCALES[uid];
  if (relations === undefined) return;
  const rows = (await strapi.db.query(uid as UID.ContentType).findMany({
    where: { documentId },
    select: ['id', 'locale', 'publishedAt'],
    populate: Object.fromEntries(relations.map((relation) => [relation, { select: ['id'] }])),
  })) as Row[];
  for (const source of rows.filter((row) => row.locale === locale)) {
    const siblings = rows.filter((row) => row.locale !== locale && statusOf(row) === statusOf(source));
    if (mode === 'pull-if-empty') {
      const isEmpty = relations.every((relation) => idsOf(source[relation]).length === 0);
      const donor = siblings.find((row) => relations.some((relation) => idsOf(row[relation]).length > 0));
      if (isEmpty && donor !== undefined) {
        const data = Object.fromEntries(relations.map((relation) => [relation, idsOf(donor[relation])]));
        await strapi.db.query(uid as UID.ContentType).update({ where: { id: source.id }, data });
      }
      continue;
    }
    for (const sibling of siblings) {
      const changed = relations.filter((relation) => !sameIds(idsOf(source[relation]), idsOf(sibling[relation])));
      if (changed.length === 0) continue;
      const data = Object.fromEntries(changed.map((relation) => [relation, idsOf(source[relation])]));
      await strapi.db.query(uid as UID.ContentType).update({ where: { id: sibling.id }, data });
    }
  }
};

export const relationSyncMiddleware =
  (strapi: Core.Strapi): Modules.Documents.Middleware.Middleware =>
  async (context, next) => {
    const uid = context.uid as string;
    const isDerivedTarget = DERIVED.some((derived) => derived.uid === uid);
    const shared = SHARED_ACROSS_LOCALES[uid];
    if (!WRITE_ACTIONS.has(context.action) || (!isDerivedTarget && shared === undefined)) return next();
    // The importer writes the derived relations with the record, and a new article has no other locale yet.
    if (isImporterWrite(context.params)) return next();

    const params = context.params as { documentId?: string; locale?: string; data?: Record<string, unknown> };
    const locale = shared === undefined ? undefined : (params.locale ?? (await strapi.plugin('i18n').service('locales').getDefaultLocale()));
    const isNewLocale =
      context.action === 'update' && params.documentId !== undefined && shared !== undefined
        ? (await strapi.db.query(uid as UID.ContentType).count({ where: { documentId: params.documentId, locale } })) === 0
        : false;

    const result = await next();

    const documentId = params.documentId ?? resultDocumentId(result);
    if (documentId === undefined) return result;
    if (isDerivedTarget) await syncDerived(strapi, uid, documentId);
    if (shared !== undefined && typeof locale === 'string') {
      const touchesShared = shared.some((relation) => params.data !== undefined && relation in params.data);
      if (isNewLocale) {
        await syncAcrossLocales(strapi, uid, documentId, locale, 'pull-if-empty');
      }
      if (context.action === 'publish' || touchesShared) {
        await syncAcrossLocales(strapi, uid, documentId, locale, 'push');
      }
    }
    return result;
  };
