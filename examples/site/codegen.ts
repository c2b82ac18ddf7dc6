import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Types for the site's queries, generated from the schema the API serves (../../schema.graphql,
 * checked in and kept in step by the API tests; `npm run schema:graphql` at the repository root
 * regenerates it).
 *
 * Every scalar is mapped to what the JSON actually carries, and `strictScalars` makes codegen fail
 * when the API grows a scalar this file does not map, instead of typing it `any`/`unknown`.
 */
const config: CodegenConfig = {
  schema: ['../../schema.graphql'],
  documents: ['src/**/*.ts', '!src/gql/**'],
  ignoreNoDocuments: false,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        // Queries become typed strings: the site sends them with fetch and needs no GraphQL runtime.
        documentMode: 'string',
        useTypeImports: true,
        enumsAsTypes: true,
        strictScalars: true,
        scalars: {
          // ISO 8601 strings, e.g. "2026-03-15T08:00:00.000Z".
          DateTime: 'string',
          // "YYYY-MM-DD".
          Date: 'string',
          // Any JSON value (organisation aliases are an array of strings).
          JSON: '../lib/json#JsonValue',
          // Strapi's 64-bit integers: a number when it fits, a string when it does not.
          Long: 'string | number',
          // A locale code such as "zh-Hans" or "en".
          I18NLocaleCode: 'string',
          // Uploads go through REST (/api/upload), never through the public GraphQL API.
          Upload: 'never',
        },
      },
    },
  },
};

export default config;
