import fs from 'fs';
import os from 'os';
import path from 'path';
import type { Core } from '@strapi/strapi';
import { writeCorpus } from '../../bench/corpus';
import { createApiToken, startStrapi, type TestApp } from '../helpers/strapi';
import { ARTICLE, INITIATIVE, ORGANISATION, PERSON, seedNewsroom, type Seeded } from '../helpers/seed';
import { rest } from '../helpers/http';
import { runImport } from '../helpers/importer';
import { sanitize } from '@strapi/utils';
import { eventPopulate, eventRead } from '../../src/documents/event-reads';
import { outputSanitizerOf } from '../../src/http/output-sanitizer';

/**
 * The newsroom types' REST controllers sanitize their output in one pass (src/http/output-sanitizer.ts).
 * Every response here is sanitized twice, by that pass and by Strapi's own sanitizer, on the same
 * entries with the same auth, and the two must be the same bytes: for anonymous readers, for tokens
 * that may read everything, and for a token that may read articles only, whose linked records
 * Strapi removes.
 */

type Compared = { uid: string; ours: string; strapis: string };
type Controller = { sanitizeOutput: (data: unknown, ctx: { state?: { auth?: unknown } }) => Promise<unknown> };

const TYPES = [
  { uid: ARTICLE, path: '/api/news-articles' },
  { uid: ORGANISATION, path: '/api/organisations' },
  { uid: PERSON, path: '/api/people' },
  { uid: INITIATIVE, path: '/api/initiatives' },
] as const;

let app: TestApp;
let seeded: Seeded;
let corpus: string;
let compared: Compared[] = [];
let lastAuth: unknown = null;

const token = createApiToken;

/** Wraps each controller's sanitizeOutput so the response is also sanitized by Strapi, for comparison. */
const compareWithStrapi = (strapi: Core.Strapi): void => {
  for (const { uid } of TYPES) {
    const controller = strapi.controller(uid as never) as unknown as Controller;
    const ours = controller.sanitizeOutput;
    controller.sanitizeOutput = async function (this: unknown, data, ctx) {
      lastAuth = ctx.state?.auth ?? {};
      const schema = strapi.getModel(uid as never);
      const [fast, reference] = [await ours.call(this, data, ctx), await strapi.contentAPI.sanitize.output(data as never, schema as never, { auth: ctx.state?.auth ?? {} } as never)];
      compared.push({ uid, ours: JSON.stringify(fast), strapis: JSON.stringify(reference) });
      return fast;
    };
  }
};

const readsOf = async (): Promise<string[]> => {
  const paths: string[] = [];
  for (const { uid, path: base } of TYPES) {
    const first = await app.strapi.documents(uid as typeof ARTICLE).findFirst({ status: 'published' });
    paths.push(base, `${base}?populate=*`, `${base}?pagination[page]=2&pagination[pageSize]=5`, `${base}/${String(first?.documentId)}`);
  }
  paths.push(`/api/news-articles?filters[slug][$eq]=${encodeURIComponent(seeded.articleSlug)}`);
  paths.push('/api/news-articles?populate[mentionedOrganisations][populate][parent]=true&populate[cover]=true&populate[quotes]=true&populate[source]=true');
  return paths;
};

beforeAll(async () => {
  process.env.RESPONSE_CACHE = 'false';
  app = await startStrapi();
  seeded = await seedNewsroom(app.strapi);
  corpus = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-sanitizer-'));
  writeCorpus(corpus, 30, 20261201);
  const report = await runImport({ paths: [corpus], dryRun: false, publish: true, locale: 'zh-Hans', strapi: app.strapi });
  expect(report.summary.failed).toBe(0);
  compareWithStrapi(app.strapi);
}, 300_000);

afterAll(async () => {
  await app?.stop();
  fs.rmSync(corpus, { recursive: true, force: true });
  delete process.env.RESPONSE_CACHE;
});

beforeEach(() => {
  compared = [];
});

/** GETs each read as the caller given, and expects every one to succeed. */
const readAll = async (authorization?: string): Promise<void> => {
  for (const read of await readsOf()) {
    const request = rest(app.strapi).get(read);
    const response = await (authorization === undefined ? request : request.set('Authorization', authorization));
    expect({ read, status: response.status }).toEqual({ read, status: 200 });
  }
};

const expectSameAsStrapi = () => {
  expect(compared.length).toBeGreaterThan(0);
  for (const { uid, ours, strapis } of compared) expect({ uid, body: ours }).toEqual({ uid, body: strapis });
};

describe('the one-pass output sanitizer', () => {
  test('gives anonymous readers exactly what Strapi’s sanitizer gives, with no private field', async () => {
    await readAll();
    expectSameAsStrapi();
    const everything = compared.map(({ ours }) => ours).join('\n');
    for (const field of ['rawText', 'contentHash', 'importKey', 'importedValues', 'importEvidence', 'needsReview', 'reviewReason']) expect(everything).not.toContain(`"${field}"`);
    // The linked records are there: the comparison covered relations, not only top-level fields.
    expect(everything).toContain('"mentionedOrganisations":[{');
  });

  test.each(['read-only', 'full-access'] as const)('gives a %s token exactly what Strapi’s sanitizer gives', async (type) => {
    const key = await token(app.strapi, type);
    await readAll(`Bearer ${key}`);
    expectSameAsStrapi();
  });

  test('removes, as Strapi does, the linked records of types a token may not read', async () => {
    const key = await token(app.strapi, 'custom', [`${ARTICLE}.find`, `${ARTICLE}.findOne`]);
    await rest(app.strapi).get('/api/news-articles').set('Authorization', `Bearer ${key}`).expect(200);
    const articleOnly = lastAuth;
    await rest(app.strapi).get('/api/news-articles').expect(200);
    const anonymous = lastAuth;
    // Strapi's query sanitizer already keeps such relations out of a REST read; entries read with
    // every relation, component and media populated put the output rule itself to the test.
    const entries = await app.strapi.db.query(ARTICLE).findMany({ where: { publishedAt: { $notNull: true } }, populate: eventPopulate(app.strapi, ARTICLE) as never });
    expect(entries.length).toBeGreaterThan(10);
    const controller = app.strapi.controller(ARTICLE as never) as unknown as Controller;
    compared = [];
    const restricted = (await controller.sanitizeOutput(entries, { state: { auth: articleOnly } })) as Array<Record<string, unknown>>;
    const open = (await controller.sanitizeOutput(entries, { state: { auth: anonymous } })) as Array<Record<string, unknown>>;
    expectSameAsStrapi();
    expect(restricted.every((article) => typeof article.title === 'string' && !('mentionedOrganisations' in article) && !('quotedPersons' in article))).toBe(true);
    expect(open.some((article) => Array.isArray(article.mentionedOrganisations) && article.mentionedOrganisations.length > 0)).toBe(true);
    expect(JSON.stringify(open)).not.toContain('"importKey"');
  });

  test('sends an import event’s entry exactly as the Document Service does, for every newsroom type, read with only the fields the payload keeps', async () => {
    const { defaultOutput } = outputSanitizerOf(app.strapi);
    for (const { uid } of TYPES) {
      // Every version, drafts too: the Document Service's read (every column of every relation) and sanitizer against the importer's.
      const full = await app.strapi.db.query(uid as typeof ARTICLE).findMany({ populate: eventPopulate(app.strapi, uid) as never, orderBy: { id: 'asc' } });
      const { select, populate } = eventRead(app.strapi, uid);
      const narrowed = await app.strapi.db.query(uid as typeof ARTICLE).findMany({ select: select as never, populate: populate as never, orderBy: { id: 'asc' } });
      expect(full.length).toBeGreaterThan(0);
      const schema = app.strapi.getModel(uid as never);
      const reference = await Promise.all(full.map((entry) => sanitize.sanitizers.defaultSanitizeOutput({ schema: schema as never, getModel: (target: string) => app.strapi.getModel(target as never) as never }, entry as never)));
      const ours = await Promise.all(narrowed.map((entry) => defaultOutput(entry, uid)));
      expect({ uid, entries: ours }).toEqual({ uid, entries: reference });
      expect(JSON.stringify(ours)).not.toContain('"importKey"');
      // Related records are sent with their fields: the narrowed read leaves out only what the sanitizer drops.
      if (uid === ARTICLE) expect(ours.some((entry) => ((entry as { mentionedOrganisations?: Array<{ name?: string }> }).mentionedOrganisations ?? []).some((org) => typeof org.name === 'string'))).toBe(true);
    }
  });

  test('gives way to Strapi’s sanitizer when a plugin has added an output sanitizer it does not know', async () => {
    const marker = (schema: unknown) => (data: unknown) => ({ ...(data as object), sanitizedBy: (schema as { uid: string }).uid });
    app.strapi.sanitizers.add('content-api.output', marker as never);
    const response = await rest(app.strapi).get(`/api/organisations/${seeded.organisation}`).expect(200);
    expect(response.body.data.sanitizedBy).toBe(ORGANISATION);
    expectSameAsStrapi();
  });
});
