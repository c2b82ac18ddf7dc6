import { generatePage, peoplePool, seededRandom } from '../corpus';
import { DIST, loadStrapi, send } from './boot';
import path from 'path';
import type { Entry, insertEntries as InsertEntries } from '../../src/search/indexer';
import type { indexTokens as IndexTokens } from '../../src/search/tokens';

/**
 * Fills a fresh database's search index with the entries of `count` corpus articles (the same
 * generator as the import bench), their persons and organisations, through the indexer's own
 * tokenising and writing. Importing 20,000 pages into both databases takes longer than a bench run
 * can; what search costs depends on the index, which is the same either way.
 */
const main = async () => {
  const count = Number(process.argv[2]);
  const strapi = await loadStrapi();
  const { insertEntries } = require(path.join(DIST, 'src', 'search', 'indexer.js')) as { insertEntries: typeof InsertEntries };
  const { indexTokens } = require(path.join(DIST, 'src', 'search', 'tokens.js')) as { indexTokens: typeof IndexTokens };
  const random = seededRandom(20200410);
  const pool = peoplePool(random, Math.max(20, Math.round(count / 4)));
  const started = process.hrtime.bigint();
  let batch: Entry[] = [];
  const named = (type: 'organisation' | 'person', name: string, index: number): Entry => ({
    type,
    documentId: `${type}${index}`,
    locale: '',
    title: name,
    slug: null,
    date: null,
    text: name,
    titleTokens: indexTokens(name),
    bodyTokens: { grams: '', words: '' },
  });
  for (let index = 0; index < count; index += 1) {
    const lines = generatePage(random, index, pool).text.split('\n');
    const title = lines[3];
    const date = /日期:(\d{4}-\d{2}-\d{2})/.exec(lines[4])?.[1] ?? null;
    const body = lines.slice(6, lines.findIndex((line) => line.startsWith('主办单位'))).map((line) => line.trim()).filter((line) => line !== '').join('\n');
    batch.push({ type: 'article', documentId: `article${index}`, locale: 'zh-Hans', title, slug: `article-${index}`, date, text: body, titleTokens: indexTokens(title), bodyTokens: indexTokens(body) });
    if (batch.length === 500) {
      await insertEntries(strapi, batch);
      batch = [];
    }
  }
  pool.forEach((person, index) => batch.push(named('person', person.name, index)));
  [...new Set(pool.flatMap((person) => person.positions.map((position) => position.organisation)))].forEach((name, index) => batch.push(named('organisation', name, index)));
  await insertEntries(strapi, batch);
  if (strapi.db.dialect.client === 'postgres') await strapi.db.connection.raw('ANALYZE newsroom_search_entries');
  send({ type: 'done', seconds: Number(process.hrtime.bigint() - started) / 1e9, person: pool[0].name });
  await strapi.destroy();
  process.exit(0);
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
