import { spawnSync } from 'child_process';
import path from 'path';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { ARTICLE, ORGANISATION } from '../helpers/seed';
import { closeStrapi } from '../../src/database/close';

/**
 * `npm run merge` for bulk clean-ups: the same merge as the admin panel's, from a shell, on the
 * database the server uses. Names are invented.
 */

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'scripts', 'merge.js');

let app: TestApp;

afterAll(async () => {
  await app?.stop();
});

const runCli = (args: string[]) => {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, env: process.env, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
};

test('--dry-run reports what would move and changes nothing; without it the records are merged; a wrong option exits 2', async () => {
  app = await startStrapi();
  const organisations = app.strapi.documents(ORGANISATION);
  const kept = (await organisations.create({ data: { name: '某某县总商会', kind: 'chamber_of_commerce' } as never, status: 'published' })).documentId;
  const removed = (await organisations.create({ data: { name: '某某县商会', kind: 'other' } as never, status: 'published' })).documentId;
  const article = (await app.strapi.documents(ARTICLE).create({ locale: 'zh-Hans', data: { title: '某某县商会举办年会', mentionedOrganisations: [removed] } as never, status: 'published' })).documentId;
  // The command line opens the database itself.
  await closeStrapi(app.strapi);

  const dryRun = runCli(['--type', 'organisation', '--keep', kept, '--remove', removed, '--dry-run']);
  expect(dryRun.status).toBe(0);
  const preview = JSON.parse(dryRun.stdout);
  expect(preview.dryRun).toBe(true);
  expect(preview.links).toEqual([{ kind: 'api::news-article.news-article.mentionedOrganisations', count: 1 }]);
  expect(preview.aliases).toEqual(['某某县商会']);

  expect(runCli(['--type', 'organisation', '--keep', kept]).status).toBe(2);
  expect(runCli(['--type', 'initiative', '--keep', kept, '--remove', removed]).status).toBe(2);

  const merged = runCli(['--type', 'organisation', '--keep', kept, '--remove', removed]);
  expect(merged.status).toBe(0);
  expect(JSON.parse(merged.stdout).dryRun).toBe(false);
  expect(runCli(['--type', 'organisation', '--keep', kept, '--remove', removed]).status).toBe(2);

  app = await startStrapi(app.database);
  expect(await app.strapi.documents(ORGANISATION).findOne({ documentId: removed })).toBeNull();
  const published = (await app.strapi.documents(ARTICLE).findOne({ documentId: article, locale: 'zh-Hans', status: 'published', populate: { mentionedOrganisations: true } } as never)) as unknown as {
    mentionedOrganisations: Array<{ name: string }>;
  };
  expect(published.mentionedOrganisations.map((organisation) => organisation.name)).toEqual(['某某县总商会']);
});
