import fs from 'fs';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { graphql } from '../helpers/http';

/** The same printing the `npm run schema:graphql` script does, so the test and the file agree on format. */
const { INTROSPECTION_QUERY, SCHEMA_FILE, printIntrospection, firstDifference } = require('../../scripts/graphql-schema') as {
  INTROSPECTION_QUERY: string;
  SCHEMA_FILE: string;
  printIntrospection: (result: unknown) => string;
  firstDifference: (expected: string, actual: string) => string | null;
};

let app: TestApp;

beforeAll(async () => {
  app = await startStrapi();
});

afterAll(async () => {
  await app?.stop();
});

describe('the checked-in GraphQL schema clients generate their types from', () => {
  test('is exactly the schema the public endpoint serves (else: npm run schema:graphql)', async () => {
    const response = await graphql(app.strapi, INTROSPECTION_QUERY);
    expect(response.status).toBe(200);
    const live = printIntrospection(response.body);
    expect(firstDifference(fs.readFileSync(SCHEMA_FILE, 'utf8'), live)).toBeNull();
  });
});
