import type { Core } from '@strapi/strapi';

export type SearchEngine = 'sqlite' | 'postgres';

/**
 * The full-text engine of the configured database: FTS5 on SQLite, tsvector on PostgreSQL, the two
 * databases config/database.ts offers. MySQL and MariaDB have none this index could use (InnoDB
 * FULLTEXT drops tokens under three characters, which is every bigram), which is one reason they are
 * not offered; a Strapi pointed at one by other means gets 501 from search, and nothing is indexed.
 */
export const searchEngine = (strapi: Core.Strapi): SearchEngine | null => {
  const client = strapi.db.dialect.client;
  if (client === 'sqlite' || client === 'postgres') return client;
  return null;
};
