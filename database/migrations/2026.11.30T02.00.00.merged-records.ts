import type { Knex } from 'knex';

/**
 * Records merged away (src/merge/): which document each became, with the name and import key it
 * had, so a later import maps that name or key to the kept record instead of creating it again.
 */
export async function up(knex: Knex): Promise<void> {
  if (await knex.schema.hasTable('newsroom_merged_records')) return;
  await knex.schema.createTable('newsroom_merged_records', (table) => {
    table.increments('id');
    table.string('type_uid', 255).notNullable();
    table.string('removed_document_id', 255).notNullable();
    table.string('kept_document_id', 255).notNullable();
    table.text('removed_name').notNullable();
    table.string('removed_import_key', 512).nullable();
    table.string('merged_by', 255).nullable();
    table.bigInteger('merged_at').notNullable();
    table.index(['type_uid', 'kept_document_id'], 'newsroom_merged_records_kept_idx');
  });
}
