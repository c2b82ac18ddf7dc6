import type { Knex } from 'knex';

/**
 * The review queue's resolutions (src/review/resolutions.ts): which reason an editor resolved on
 * which record. The queue's items are computed from the records; only these are stored, unique per
 * record and reason, so resolving twice or re-importing never adds or revives an item.
 */
export async function up(knex: Knex): Promise<void> {
  if (await knex.schema.hasTable('newsroom_review_resolutions')) return;
  await knex.schema.createTable('newsroom_review_resolutions', (table) => {
    table.increments('id').primary();
    table.string('uid', 255).notNullable();
    table.string('document_id', 255).notNullable();
    table.string('reason_hash', 64).notNullable();
    table.text('reason').notNullable();
    table.string('resolved_by', 255).nullable();
    table.bigInteger('resolved_at').notNullable();
    table.unique(['uid', 'document_id', 'reason_hash'], { indexName: 'newsroom_review_resolutions_key' });
  });
}
