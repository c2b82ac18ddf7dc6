/**
 * Compiles the TypeScript app into dist/ once per test run; every API suite then boots its own
 * Strapi from dist/ on its own database.
 */
module.exports = async () => {
  process.env.STRAPI_TELEMETRY_DISABLED = 'true';
  const { compileStrapi } = require('@strapi/strapi');
  await compileStrapi({ appDir: process.cwd() });
};
