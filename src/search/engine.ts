import type { Core } from '@strapi/strapi';

export type SearchEngine = 'sqlite' | 'postgres';

/**
 * The full-text engine of the configured database: FTS5 on SQLite, tsvector on PostgreSQL. MySQL
 * and MariaDB have none this index can use (InnoDB FULLTEXT drops tokens under three characters,
 * which is every bigram, and MariaDB has no n-gram parser), so there search is refused with 501 and
 * nothing is indexed.
 */
export const searchEngine = (strapi: Core.Strapi): SearchEngine | null => {
  const client = strapi.db.dialect.client;
  if (client === 'sqlite' || client === 'postgres') return client;
  return null;
};
