import { assertSameResponses } from './check';
import { busiestOrganisations, detailPath, listPageCount, listPath, organisationPath, richestSlugs, startBaselineServer } from './server';

/**
 * `node -r esbuild-register bench/baseline/verify.ts DBFILE STRAPI_URL`: starts the baseline on the
 * database a running Strapi serves and checks that both answer the benchmark's kinds of request
 * identically: list pages 1, 2 and the last, 20 article details and 20 organisations (`--all`: every one).
 */
const SAMPLE = 20;

const main = async (): Promise<number> => {
  const [filename, strapiUrl, flag] = process.argv.slice(2);
  if (filename === undefined || strapiUrl === undefined || (flag !== undefined && flag !== '--all')) {
    console.error('usage: verify.ts DBFILE STRAPI_URL [--all]');
    return 2;
  }
  // --all checks every list page, every uniquely slugged article and every organisation instead.
  const all = flag === '--all';
  const sample = all ? Number.MAX_SAFE_INTEGER : SAMPLE;
  const lastPage = listPageCount(filename);
  const pages = all ? Array.from({ length: lastPage }, (_, index) => index + 1) : [...new Set([1, 2, lastPage])];
  const slugs = richestSlugs(filename, sample);
  const organisations = busiestOrganisations(filename, sample);
  const paths = [...pages.map((page) => listPath(page)), ...slugs.map(detailPath), ...organisations.map(organisationPath)];
  const baseline = await startBaselineServer({ filename });
  try {
    await assertSameResponses(strapiUrl, baseline.url, paths);
    console.log(`verify: ${paths.length} paths identical (list pages ${pages.join(', ')}; ${slugs.length} slugs; ${organisations.length} organisations)`);
    return 0;
  } catch (error: unknown) {
    console.log(`verify: DIFFERENT ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await baseline.close();
  }
};

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  }
);
