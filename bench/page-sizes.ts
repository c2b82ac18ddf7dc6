import fs from 'fs';
import http from 'http';
import os from 'os';
import path from 'path';
import { writeCorpus } from './corpus';
import { importOnce, removeSqlite, sqliteEnv } from './sections/imports';
import { startStrapiServer } from './sections/reads';

/**
 * `node -r esbuild-register bench/page-sizes.ts [pages]`: bytes on the wire of the REST article
 * list at 25 and 100 per page, as the default list, as a lean `fields` list, and as the lean list
 * was before `fields` trimmed the default relations (the same fields plus the list populate),
 * each uncompressed, gzip and br. Imports a generated corpus (published) into a scratch SQLite.
 */

const LIST_POPULATE =
  'populate[cover]=true&populate[source][populate][publisher][fields][0]=name&populate[source][populate][publisher][fields][1]=kind&populate[source][populate][publisher][fields][2]=region' +
  '&populate[amounts]=true&populate[quotes][populate][speaker][fields][0]=name' +
  '&populate[mentionedOrganisations][fields][0]=name&populate[mentionedOrganisations][fields][1]=kind&populate[mentionedOrganisations][fields][2]=region' +
  '&populate[mentionedPersons][fields][0]=name&populate[mentionedPersons][fields][1]=nameEn&populate[mentionedPersons][populate][positions][populate][organisation][fields][0]=name' +
  '&populate[mentionedPersons][populate][positions][populate][organisation][fields][1]=kind&populate[mentionedPersons][populate][positions][populate][organisation][fields][2]=region' +
  '&populate[mentionedInitiatives][fields][0]=name&populate[mentionedInitiatives][fields][1]=kind';

const LEAN_FIELDS = 'fields[0]=title&fields[1]=slug&fields[2]=summary&fields[3]=publicationDate';

const bytes = (url: string, encoding: string): Promise<{ status: number; length: number; coding: string }> =>
  new Promise((resolve, reject) => {
    http
      .get(url, { headers: { 'Accept-Encoding': encoding }, agent: false }, (response) => {
        let length = 0;
        response.on('data', (chunk: Buffer) => (length += chunk.length));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, length, coding: String(response.headers['content-encoding'] ?? 'identity') }));
      })
      .on('error', reject);
  });

const main = async () => {
  const pages = Number(process.argv[2] ?? 300);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-page-sizes-'));
  const corpus = path.join(dir, 'corpus');
  const filename = path.join(dir, 'data.db');
  writeCorpus(corpus, pages);
  const database = sqliteEnv(filename);
  await importOnce(corpus, database, 'publish');
  const server = await startStrapiServer(database);
  try {
    const variants: Array<[string, string]> = [
      ['default list', ''],
      ['lean list (fields, after)', `&${LEAN_FIELDS}`],
      ['lean list (fields, before: + list populate)', `&${LEAN_FIELDS}&${LIST_POPULATE}`],
    ];
    console.log('| list | page size | identity | gzip | br |');
    console.log('|---|---:|---:|---:|---:|');
    for (const [name, query] of variants) {
      for (const size of [25, 100]) {
        const url = `${server.url}/api/news-articles?pagination[pageSize]=${size}&sort[0]=publicationDate:desc${query}`;
        const [identity, gzip, br] = [await bytes(url, 'identity'), await bytes(url, 'gzip'), await bytes(url, 'br')];
        if ([identity, gzip, br].some((result) => result.status !== 200)) throw new Error(`${name} ${size}: ${identity.status}`);
        console.log(`| ${name} | ${size} | ${identity.length.toLocaleString('en')} | ${gzip.length.toLocaleString('en')} | ${br.length.toLocaleString('en')} |`);
      }
    }
    for (const size of [25, 100]) {
      const list = (await (await fetch(`${server.url}/api/news-articles?pagination[pageSize]=${size}&sort[0]=publicationDate:desc`)).json()) as {
        data: Array<{ jsonLd: unknown }>;
      };
      // Lists leave the JSON-LD out (it is for an article's page); this shows they still do.
      const withJsonLd = list.data.filter((entry) => entry.jsonLd !== undefined).length;
      console.log(`default list of ${size}: ${withJsonLd} entries carry jsonLd`);
    }
  } finally {
    await server.worker.stop();
    removeSqlite(filename);
    fs.rmSync(dir, { recursive: true, force: true });
  }
};

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
