import type { Knex } from 'knex';

/**
 * What each move of the content version changed (src/cache/content-version.ts): the documents and
 * slugs a write touched, or everything. A server that sees the version move reads the rows in
 * between and keeps the cached responses none of them touched. A version without a row here (one
 * moved before this table existed, or pruned) counts as a change to everything.
 */
export async function up(knex: Knex): Promise<void> {
  if (await knex.schema.hasTable('newsroom_content_changes')) return;
  await knex.schema.createTable('newsroom_content_changes', (table) => {
    table.bigInteger('version').primary();
    table.text('scope', 'longtext').notNullable();
  });
}
