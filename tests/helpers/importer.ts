import path from 'path';
import type { runImport as RunImport } from '../../src/import/run';

/**
 * The importer from dist/, the build the Strapi under test runs. Importing src/ instead would load a
 * second copy of every module, and module state the importer shares with the server's document
 * middlewares (which writes are the importer's, the content version's coalescing) would not be shared.
 */
export const { runImport } = require(path.resolve(__dirname, '..', '..', 'dist', 'src', 'import', 'run.js')) as { runImport: typeof RunImport };
