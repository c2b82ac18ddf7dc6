import type { Knex } from 'knex';

/**
 * One row that moves on after every committed write to newsroom content. Every server that caches
 * public responses compares against it, so a write from the importer's process or from another
 * instance behind the same database invalidates them all.
 */
export async function up(knex: Knex): Promise<void> {
  if (await knex.schema.hasTable('newsroom_content_version')) return;
  await knex.schema.createTable('newsroom_content_version', (table) => {
    table.integer('id').primary();
    table.bigInteger('version').notNullable();
  });
  await knex('newsroom_content_version').insert({ id: 1, version: 0 });
}
