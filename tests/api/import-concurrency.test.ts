import { spawn, spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { createTestDatabase, startStrapi, startStrapiWithAdmin, useTestEnvironment, type TestApp, type TestDatabase } from '../helpers/strapi';
import { ORGANISATION, PERSON, ARTICLE } from '../helpers/seed';
import { rest } from '../helpers/http';
import { runImport } from '../helpers/importer';
import { writeCorpus } from '../../bench/corpus';
import { acquireImportLock, IMPORT_LOCK_TABLE } from '../../src/import/lock';
import { dedupe } from '../../src/import/dedupe';
import { NATURAL_KEY_TABLES, naturalKeyIndexName } from '../../src/database/natural-keys';
import { closeStrapi } from '../../src/database/close';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'scripts', 'import.js');
const BUNDLED = path.join(ROOT, 'data', 'documents');

/** Rows whose import key, locale and draft-or-published state another row shares. */
const duplicateRows = (database: TestDatabase, table: string): Promise<number> =>
  database.countRows(
    table,
    `exists (select 1 from ${table} other where other.import_key = ${table}.import_key and coalesce(other.locale, '') = coalesce(${table}.locale, '') ` +
      `and (other.published_at is null) = (${table}.published_at is null) and other.id <> ${table}.id)`
  );

const expectNoDuplicates = async (database: TestDatabase): Promise<void> => {
  for (const { table } of NATURAL_KEY_TABLES) expect({ table, duplicates: await duplicateRows(database, table) }).toEqual({ table, duplicates: 0 });
};

const corpus = (pages: number, seed: number): string => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'concurrent-corpus-'));
  writeCorpus(directory, pages, seed);
  return directory;
};

type CliResult = { status: number | null; stdout: string; stderr: string };

const runCliAsync = (args: string[], env: NodeJS.ProcessEnv = process.env): Promise<CliResult> =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });

describe('two command-line imports at once', () => {
  let database: TestDatabase;

  beforeAll(() => {
    useTestEnvironment();
  });

  // A database of its own for each test: the first counts every article the imports left, and the
  // command lines started here use the database the environment names (createTestDatabase sets it).
  beforeEach(async () => {
    database = await createTestDatabase();
    // The schema exists before the imports start, as on any site that has run once.
    const app = await startStrapi(database);
    await closeStrapi(app.strapi);
  });

  afterEach(async () => {
    await database?.drop();
  });

  test('the second waits for the first, says for whom, and nothing fails or is duplicated', async () => {
    const pages = 150;
    const directory = corpus(pages, 11);
    const [first, second] = await Promise.all([runCliAsync(['--publish', directory]), runCliAsync(['--publish', directory])]);
    expect([first, second].map((run) => ({ status: run.status, failures: run.stderr.split('\n').filter((line) => /✖|could not/.test(line)) }))).toEqual([
      { status: 0, failures: [] },
      { status: 0, failures: [] },
    ]);
    const waited = [first, second].filter((run) => /waiting for the import started at .+ UTC by the command line \(.+ pid \d+\)/.test(run.stderr));
    expect(waited).toHaveLength(1);
    expect(first.stderr + second.stderr).not.toMatch(/✖|database is locked/);
    expect(await database.countRows('news_articles', 'published_at is null')).toBe(pages);
    expect(await database.countRows('news_articles', 'published_at is not null')).toBe(pages);
    await expectNoDuplicates(database);
  });

  test('an import whose process was killed does not block the next one', async () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.pid']);
    expect(dead.status).toBe(0);
    const app = await startStrapi(database);
    try {
      await app.strapi.db
        .connection(IMPORT_LOCK_TABLE)
        .where({ id: 1 })
        .update({ token: 'killed', holder: 'a killed import', host: os.hostname(), pid: dead.pid, started_at: Date.now(), heartbeat_at: Date.now() });
      const lock = await acquireImportLock(app.strapi, { holder: 'the next import', wait: false });
      await lock.release();
    } finally {
      await closeStrapi(app.strapi);
    }
  });

  test('--json prints only JSON on stdout, whatever Strapi logs while it starts', async () => {
    const result = await runCliAsync(['--json', BUNDLED], { ...process.env, NODE_ENV: 'development' });
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).summary.documents).toBe(2);
  });

  test('an unknown --locale stops the run before anything is written, with exit 2', async () => {
    const before = await database.countRows('news_articles');
    for (const locale of ['xx', '../../']) {
      const result = await runCliAsync(['--locale', locale, BUNDLED]);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(/unknown locale .*: this site has (zh-Hans, en|en, zh-Hans)$/m);
    }
    expect(await database.countRows('news_articles')).toBe(before);
  });
});

describe('imports from the admin panel at once', () => {
  let app: TestApp;
  let adminToken: string;

  beforeAll(async () => {
    ({ app, adminToken } = await startStrapiWithAdmin());
  });

  afterAll(async () => {
    await app?.stop();
  });

  const upload = (files: string[], locale?: string) => {
    const call = rest(app.strapi).post('/newsroom-import/run').set('Authorization', `Bearer ${adminToken}`);
    if (locale !== undefined) call.field('locale', locale);
    for (const file of files) call.attach('files', file);
    return call;
  };

  // Two uploads at once become two jobs that run one after the other: tests/api/import-jobs.test.ts.

  test('a locale the site does not have is refused with 400 and nothing is stored', async () => {
    const before = await app.database.countRows('news_articles');
    for (const locale of ['xx', '<script>', '../../', 'zh-Hans\u0000']) {
      const response = await upload([path.join(BUNDLED, fs.readdirSync(BUNDLED)[0])], locale);
      expect(response.status).toBe(400);
      expect(JSON.stringify(response.body)).toMatch(/unknown locale/);
    }
    expect(await app.database.countRows('news_articles')).toBe(before);
  });

  test('an import asked to wait for nobody is refused while the lock is held, naming the holder', async () => {
    const lock = await acquireImportLock(app.strapi, { holder: 'chief-editor@example.org (admin panel)', wait: false });
    try {
      await expect(runImport({ paths: [BUNDLED], dryRun: false, publish: false, locale: 'zh-Hans', strapi: app.strapi })).rejects.toMatchObject({
        status: 409,
        message: expect.stringMatching(/by chief-editor@example\.org \(admin panel\)/),
      });
    } finally {
      await lock.release();
    }
  });
});

describe('natural keys the database enforces', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startStrapi();
  });

  const naturalKeyIndexes = async (): Promise<string[]> => {
    const sql =
      app.database.client === 'sqlite'
        ? "select name from sqlite_master where type = 'index' and name like '%import_key_uq'"
        : "select indexname as name from pg_indexes where indexname like '%import_key_uq'";
    const result = (await app.strapi.db.connection.raw(sql)) as Array<{ name: string }> | { rows: Array<{ name: string }> };
    return (Array.isArray(result) ? result : result.rows).map((row) => row.name).sort();
  };

  afterAll(async () => {
    await app?.stop();
  });

  /** Tries to store a second draft row beside `documentId`'s, with its import key and locale, as a racing import would. */
  const insertTwin = async (documentId: string): Promise<'stored' | 'refused'> => {
    const knex = app.strapi.db.connection;
    const row = (await knex('organisations').where({ document_id: documentId }).whereNull('published_at').first()) as Record<string, unknown>;
    const { id: _id, ...twin } = row;
    return knex('organisations')
      .insert({ ...twin, document_id: `${documentId.slice(0, 20)}twin` })
      .then(
        () => 'stored' as const,
        () => 'refused' as const
      );
  };

  test('a second row with the same import key, locale and state is refused by the database', async () => {
    const original = await app.strapi.documents(ORGANISATION).create({ data: { name: '甲商会', kind: 'chamber_of_commerce', importKey: 'org:unique-test' } });
    const indexes = await naturalKeyIndexes();
    expect({ twin: await insertTwin(original.documentId), indexes }).toEqual({ twin: 'refused', indexes: NATURAL_KEY_TABLES.map(({ table }) => naturalKeyIndexName(table)).sort() });
    expect(await app.database.countRows('organisations', "import_key = 'org:unique-test'")).toBe(1);
  });

  test('an editor’s copy of an imported record does not take its import key', async () => {
    const original = await app.strapi.documents(ORGANISATION).create({ data: { name: '乙协会', kind: 'association', importKey: 'org:clone-test' } });
    const copy = await app.strapi.documents(ORGANISATION).clone({ documentId: original.documentId, data: { name: '乙协会（副本）', kind: 'association' } });
    expect(copy?.documentId).not.toBe(original.documentId);
    expect(await app.database.countRows('organisations', "name = '乙协会（副本）' and import_key is null")).toBe(1);
    expect(await app.database.countRows('organisations', "import_key = 'org:clone-test'")).toBe(1);
  });

  test('npm run dedupe merges records that share a key, moves their links, and makes the key unique again', async () => {
    const knex = app.strapi.db.connection;
    await knex.raw(`DROP INDEX ${naturalKeyIndexName('organisations')}`);
    const docs = app.strapi.documents;
    const first = await docs(ORGANISATION).create({ data: { name: '丙商会', kind: 'chamber_of_commerce', importKey: 'org:dedupe-test' } });
    const second = await docs(ORGANISATION).create({ data: { name: '丙商会', kind: 'chamber_of_commerce', importKey: 'org:dedupe-test' } });
    await docs(ORGANISATION).publish({ documentId: second.documentId });
    const person = await docs(PERSON).create({ data: { name: '测试人', positions: [{ title: '会长', organisation: first.documentId }] } });
    const article = await docs(ARTICLE).create({
      locale: 'zh-Hans',
      data: { title: '去重测试', mentionedOrganisations: [first.documentId, second.documentId], mentionedPersons: [person.documentId] },
    });
    expect(await duplicateRows(app.database, 'organisations')).toBe(2);

    const report = await dedupe(app.strapi, { dryRun: false });
    expect(report.types.find((type) => type.table === 'organisations')).toMatchObject({ groups: 1, merged: 1 });
    expect(report.indexesEnforced).toBe(true);

    // The published one is kept; everything that pointed at either now points at it, once.
    const remaining = await docs(ORGANISATION).findMany({ filters: { name: '丙商会' }, status: 'draft' });
    expect(remaining.map((row) => row.documentId)).toEqual([second.documentId]);
    const linked = await docs(ARTICLE).findOne({ documentId: article.documentId, locale: 'zh-Hans', populate: { mentionedOrganisations: true } });
    expect((linked?.mentionedOrganisations as Array<{ documentId: string }>).map((row) => row.documentId)).toEqual([second.documentId]);
    const holder = await docs(PERSON).findOne({ documentId: person.documentId, populate: { positions: { populate: { organisation: true } } } });
    expect((holder?.positions as Array<{ organisation: { documentId: string } }>)[0].organisation.documentId).toBe(second.documentId);
    expect(await naturalKeyIndexes()).toContain(naturalKeyIndexName('organisations'));
    expect(await insertTwin(second.documentId)).toBe('refused');
  });
});
