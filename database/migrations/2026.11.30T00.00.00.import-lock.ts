import type { Knex } from 'knex';

/**
 * The import lock (src/import/lock.ts): one row that an import takes for the length of its run, so
 * two imports into one database, from any process or server instance, never run at once.
 */
export async function up(knex: Knex): Promise<void> {
  if (await knex.schema.hasTable('newsroom_import_lock')) return;
  await knex.schema.createTable('newsroom_import_lock', (table) => {
    table.integer('id').primary();
    table.string('token', 64).nullable();
    table.string('holder', 255).nullable();
    // Where the holder runs: an import on the same host whose process is gone is taken over at once.
    table.string('host', 255).nullable();
    table.integer('pid').nullable();
    table.bigInteger('started_at').nullable();
    table.bigInteger('heartbeat_at').nullable();
  });
  await knex('newsroom_import_lock').insert({ id: 1 });
}
