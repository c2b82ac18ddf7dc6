import { spawn, spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { createTestDatabase, startStrapi, useTestEnvironment, type TestDatabase } from '../helpers/strapi';
import { writeCorpus } from '../../bench/corpus';
import { closeStrapi } from '../../src/database/close';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'scripts', 'import.js');
const BUNDLED = path.join(ROOT, 'data', 'documents');

let database: TestDatabase;

beforeAll(async () => {
  useTestEnvironment();
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.drop();
});

const runCli = (args: string[]) => {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, env: process.env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
};

describe('npm run import', () => {
  test('--dry-run needs no database, prints the plan on stdout and exits 0', () => {
    const result = runCli(['--dry-run', '--json', BUNDLED]);
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.summary.dryRun).toBe(true);
    expect(report.documents).toHaveLength(2);
    expect(report.documents.every((doc: { status: string }) => doc.status === 'ok')).toBe(true);
  });

  test('an IMPORT_MAX_HEAP_MB that is not a size stops the import before it starts, with exit code 2', () => {
    const result = spawnSync(process.execPath, [CLI, '--dry-run', '--offline', BUNDLED], {
      cwd: ROOT,
      env: { ...process.env, IMPORT_MAX_HEAP_MB: 'lots' },
      encoding: 'utf8',
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('IMPORT_MAX_HEAP_MB must be a whole number of MiB');
    expect(result.stdout).toBe('');
  });

  test('bad input gets a one-line message each on stderr and in the report, the rest is imported, and the exit code is 1', () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'bad-input-'));
    fs.copyFileSync(path.join(BUNDLED, fs.readdirSync(BUNDLED)[0]), path.join(directory, 'good.txt'));
    fs.writeFileSync(path.join(directory, 'empty.txt'), '');
    fs.writeFileSync(path.join(directory, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]));
    const big = fs.openSync(path.join(directory, 'huge.txt'), 'w');
    fs.ftruncateSync(big, 50 * 1024 * 1024);
    fs.closeSync(big);
    const reportFile = path.join(directory, 'report.json');
    const result = runCli(['--dry-run', '--report', reportFile, directory, path.join(directory, 'does-not-exist')]);
    expect(result.status).toBe(1);
    const report = JSON.parse(fs.readFileSync(reportFile, 'utf8'));
    const byName = Object.fromEntries(report.documents.map((doc: { file: string }) => [path.basename(doc.file), doc]));
    expect(byName['good.txt'].status).toBe('ok');
    for (const name of ['empty.txt', 'binary.txt', 'huge.txt', 'does-not-exist']) {
      expect(byName[name].status).toBe('failed');
      expect(byName[name].error).not.toContain('\n');
      expect(result.stderr).toContain(`${name}: ${byName[name].error}`);
    }
    expect(byName['huge.txt'].error).toMatch(/50\.0 MB/);
    expect(byName['does-not-exist'].error).toBe('path does not exist');
  });

  test('--report FILE.md writes Markdown', () => {
    const reportFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'md-')), 'report.md');
    expect(runCli(['--dry-run', '--report', reportFile, BUNDLED]).status).toBe(0);
    expect(fs.readFileSync(reportFile, 'utf8')).toMatch(/^# Import report/);
  });

  test('a wrong option exits 2 with the usage', () => {
    const result = runCli(['--no-such-option', BUNDLED]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/Usage: npm run import/);
  });

  test('killed mid-run with SIGKILL, a second run completes with no duplicates and no partial documents', async () => {
    const corpus = fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-'));
    const pages = 120;
    writeCorpus(corpus, pages, 7);
    // The importer stops for good once its second batch has committed (src/import/test-halt.ts),
    // and is killed there: two batches written, the third not begun.
    const marker = path.join(corpus, '..', `${path.basename(corpus)}.halted`);
    const env = { ...process.env, NODE_ENV: 'test', NEWSROOM_TEST_HALT_AFTER_BATCHES: '2', NEWSROOM_TEST_HALT_MARKER: marker };
    const batch = 10;
    const child = spawn(process.execPath, [CLI, '--publish', '--batch', String(batch), corpus], { cwd: ROOT, env, stdio: 'ignore' });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    for (let polls = 0; polls < 2400 && !fs.existsSync(marker) && child.exitCode === null; polls += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(fs.existsSync(marker)).toBe(true);
    child.kill('SIGKILL');
    await exited;
    expect(await database.countRows('news_articles', 'published_at is not null')).toBe(2 * batch);

    const again = runCli(['--publish', corpus]);
    expect(again.stderr).not.toMatch(/✖/);
    expect(again.status).toBe(0);

    const app = await startStrapi(database);
    try {
      const drafts = await app.strapi.db.query('api::news-article.news-article').findMany({
        where: { publishedAt: null },
        select: ['importKey'],
        populate: { mentionedPersons: { select: ['id'] }, mentionedOrganisations: { select: ['id'] } },
      });
      expect(drafts).toHaveLength(pages);
      expect(new Set(drafts.map((row: { importKey: string }) => row.importKey)).size).toBe(pages);
      for (const row of drafts as Array<{ mentionedPersons: unknown[]; mentionedOrganisations: unknown[] }>) {
        expect(row.mentionedPersons.length).toBeGreaterThan(0);
        expect(row.mentionedOrganisations.length).toBeGreaterThan(0);
      }
      const published = await app.strapi.db.query('api::news-article.news-article').count({ where: { publishedAt: { $notNull: true } } });
      expect(published).toBe(pages);
      for (const uid of ['api::organisation.organisation', 'api::person.person'] as const) {
        const keys = (await app.strapi.db.query(uid).findMany({ where: { publishedAt: null }, select: ['importKey'] })) as Array<{ importKey: string }>;
        expect(new Set(keys.map((row) => row.importKey)).size).toBe(keys.length);
      }
    } finally {
      await closeStrapi(app.strapi);
    }
  });
});
