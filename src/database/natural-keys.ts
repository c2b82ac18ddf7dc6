import type { Core, Modules } from '@strapi/strapi';
import { ARTICLE, INITIATIVE, NEWSROOM_TYPES, ORGANISATION, PERSON } from '../content-types';

/**
 * The importer's natural keys (`importKey`, see src/import/keys.ts) are unique in the database: one
 * draft row and one published row per key and locale. Two imports that race on a new name then
 * fail loudly (the page is reported failed and nothing is duplicated) instead of both creating it.
 *
 * Strapi runs the project's migrations before it creates the content tables, so on a new database a
 * migration would find nothing to index. These indexes are ensured after Strapi's schema sync, on
 * every start; `IF NOT EXISTS` makes that free once they exist, and puts them back if a schema
 * change on SQLite ever rebuilds a table without them.
 */

type NaturalKeyTable = { uid: (typeof NEWSROOM_TYPES)[number]; table: string };

export const NATURAL_KEY_TABLES: NaturalKeyTable[] = [
  { uid: ARTICLE, table: 'news_articles' },
  { uid: ORGANISATION, table: 'organisations' },
  { uid: PERSON, table: 'persons' },
  { uid: INITIATIVE, table: 'initiatives' },
];

export const naturalKeyIndexName = (table: string): string => `${table}_import_key_uq`;

/**
 * A draft and its published copy share their key, so the draft-or-published state is part of the
 * index; so is the locale, because an article's key is copied into its translations. Rows without
 * a key (records editors made) are not indexed.
 */
const createIndexSql = (table: string): string =>
  `CREATE UNIQUE INDEX IF NOT EXISTS ${naturalKeyIndexName(table)} ON ${table} (import_key, COALESCE(locale, ''), (published_at IS NULL)) WHERE import_key IS NOT NULL`;

/** Keys held by more than one row of the same locale and state: what blocks the index. */
export const countDuplicateKeys = async (knex: Core.Strapi['db']['connection'], table: string): Promise<number> => {
  const rows = (await knex(table)
    .select('import_key')
    .whereNotNull('import_key')
    .groupByRaw(`import_key, COALESCE(locale, ''), (published_at IS NULL)`)
    .havingRaw('COUNT(*) > 1')) as unknown[];
  return rows.length;
};

export type NaturalKeyStatus = { table: string; enforced: boolean; duplicateKeys: number };

export const ensureNaturalKeyIndexes = async (strapi: Core.Strapi): Promise<NaturalKeyStatus[]> => {
  // SQLite and PostgreSQL, the two databases config/database.ts offers, both have partial indexes.
  const knex = strapi.db.connection;
  const statuses: NaturalKeyStatus[] = [];
  for (const { table } of NATURAL_KEY_TABLES) {
    try {
      await knex.raw(createIndexSql(table));
      statuses.push({ table, enforced: true, duplicateKeys: 0 });
    } catch (error) {
      const duplicateKeys = await countDuplicateKeys(knex, table);
      if (duplicateKeys === 0) throw error;
      // The site still starts: readers are not the ones to pay for an old race. The lock keeps new
      // imports from adding to it until an operator merges what is there.
      strapi.log.error(
        `${table}: ${duplicateKeys} import keys are held by more than one record, so they cannot be made unique. ` +
          'Run `npm run dedupe` to merge the duplicates; the index is created on the next start.'
      );
      statuses.push({ table, enforced: false, duplicateKeys });
    }
  }
  return statuses;
};

/**
 * A copy an editor makes of an imported record (Duplicate in the admin panel) is the editor's own
 * record: it must not claim the original's natural key, or it would collide with it in the index
 * and a re-import could update the copy instead of the original.
 */
export const forgetImportKeyOnClone: Modules.Documents.Middleware.Middleware = async (context, next) => {
  if (context.action === 'clone' && NATURAL_KEY_TABLES.some(({ uid }) => uid === context.uid)) {
    const params = context.params as { data?: Record<string, unknown> };
    const forgotten: Record<string, unknown> = { importKey: null };
    if (context.uid === ARTICLE) Object.assign(forgotten, { contentHash: null, importedValues: null });
    params.data = { ...(params.data ?? {}), ...forgotten };
  }
  return next();
};
