import type { Knex } from 'knex';
import type { Core } from '@strapi/strapi';
import { countRequestStatements } from '../lib/request-statements';
import { loadStrapi, send } from './boot';
import { ARTICLE } from '../../src/content-types';

/**
 * Strapi serving the public API on PORT, for the load generator in the parent process. Over IPC it
 * reports its memory and counts the SQL statements the parent's requests cost (and nothing Strapi runs on its own timers).
 */

const republishNewest = async (strapi: Core.Strapi): Promise<void> => {
  const newest = await strapi.documents(ARTICLE).findFirst({ status: 'published', sort: 'publicationDate:desc', fields: ['documentId'] });
  if (newest === null) throw new Error('no published article to publish again');
  await strapi.documents(ARTICLE).publish({ documentId: newest.documentId });
};

const main = async () => {
  const strapi = await loadStrapi();
  await strapi.start();
  const statements = countRequestStatements(strapi.server.httpServer, strapi.db.connection as Knex);
  process.on('message', (message: { type: string }) => {
    if (message.type === 'memory') send({ type: 'memory', rss: process.memoryUsage().rss });
    if (message.type === 'reset-statements') {
      statements.reset();
      send({ type: 'reset-statements' });
    }
    if (message.type === 'statements') send({ type: 'statements', statements: statements.read() });
    // The mixed-workload bench's editor: the newest article is published again, as an editor's
    // correction would be, so every instance's cached responses go stale.
    if (message.type === 'publish') {
      void republishNewest(strapi).then(
        () => send({ type: 'publish' }),
        (error: unknown) => send({ type: 'publish', error: String(error) })
      );
    }
    if (message.type === 'stop') void strapi.destroy().then(() => process.exit(0));
  });
  send({ type: 'ready' });
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
