// @ts-check
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';

// Server-rendered (not static): a page is rendered on its first request, kept in the site's page
// cache, and dropped from it when Strapi's webhook says its content changed (src/pages/api/revalidate.ts).
// A static build would have to be rebuilt and redeployed for every publish.
export default defineConfig({
  output: 'server',
  adapter: node({ mode: 'standalone' }),
});
