import type { Knex } from 'knex';

/**
 * The search index (src/search/): one row per published article (per locale), organisation and
 * person, with what a hit shows, and the engine's own full-text index over tokens made in
 * src/search/tokens.ts. SQLite keeps the tokens in an FTS5 table (contentless: the tokens are not
 * stored twice), PostgreSQL in a tsvector column with a GIN index. MySQL gets the table only: search
 * answers 501 there (see src/search/engine.ts).
 */
export async function up(knex: Knex): Promise<void> {
  const client = String((knex.client as { config: { client: unknown } }).config.client);
  if (!(await knex.schema.hasTable('newsroom_search_entries'))) {
    await knex.schema.createTable('newsroom_search_entries', (table) => {
      table.increments('id');
      table.string('type', 16).notNullable();
      table.string('document_id', 255).notNullable();
      // '' for organisations and persons, which are not localized: they match every locale.
      table.string('locale', 16).notNullable().defaultTo('');
      table.text('title').notNullable();
      table.string('slug', 255).nullable();
      // YYYY-MM-DD, compared as text.
      table.string('date', 10).nullable();
      table.text('text').notNullable();
      table.index(['type', 'document_id'], 'newsroom_search_entries_document_idx');
    });
    if (client === 'pg' || client === 'postgres') {
      await knex.raw("ALTER TABLE newsroom_search_entries ADD COLUMN tokens tsvector NOT NULL DEFAULT ''::tsvector");
      await knex.raw('CREATE INDEX newsroom_search_entries_tokens_idx ON newsroom_search_entries USING GIN (tokens)');
    }
  }
  if (client === 'better-sqlite3' || client === 'sqlite3' || client === 'sqlite') {
    await knex.raw(
      'CREATE VIRTUAL TABLE IF NOT EXISTS newsroom_search_fts USING fts5(title_grams, title_words, body_grams, body_words, ' +
        "content='', contentless_delete=1, tokenize='unicode61')"
    );
  }
}
