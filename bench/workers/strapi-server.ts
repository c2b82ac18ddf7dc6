import type { Knex } from 'knex';
import { countRequestStatements } from '../lib/request-statements';
import { loadStrapi, send } from './boot';

/**
 * Strapi serving the public API on PORT, for the load generator in the parent process. Over IPC it
 * reports its memory and counts the SQL statements the parent's requests cost (and nothing Strapi runs on its own timers).
 */
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
    if (message.type === 'stop') void strapi.destroy().then(() => process.exit(0));
  });
  send({ type: 'ready' });
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
