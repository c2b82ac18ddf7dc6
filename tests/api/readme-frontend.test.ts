import { execFile } from 'child_process';
import fs from 'fs';
import path from 'path';
import { startStrapiWithAdmin, TEST_ADMIN, type TestApp } from '../helpers/strapi';
import { runImport } from '../helpers/importer';

/**
 * The README's frontend section is a frontend developer's first hour: every `bash` block in it runs,
 * as written, against a server holding the bundled pages, as `npm run serve` would. Only the host
 * differs (the test's server listens on a free port, not 1337). Blocks fenced as `sh` are commands
 * to read, not to run here (starting servers, installing). curl fails on any HTTP error status.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const SECTION = '## Reading content · 前端接口';

const frontendSection = (): string => {
  const start = README.indexOf(SECTION);
  if (start === -1) throw new Error(`README.md has no "${SECTION}" section`);
  const next = README.indexOf('\n## ', start + SECTION.length);
  return README.slice(start, next === -1 ? undefined : next);
};

const bashBlocks = (section: string): Array<{ line: number; code: string }> => {
  const blocks: Array<{ line: number; code: string }> = [];
  const fence = /```bash\n([\s\S]*?)```/g;
  for (let match = fence.exec(section); match !== null; match = fence.exec(section)) {
    blocks.push({ line: section.slice(0, match.index).split('\n').length, code: match[1] });
  }
  return blocks;
};

let app: TestApp;
let base: string;

beforeAll(async () => {
  ({ app } = await startStrapiWithAdmin());
  const report = await runImport({ paths: [path.join(ROOT, 'data', 'documents')], dryRun: false, publish: true, locale: 'zh-Hans', strapi: app.strapi });
  expect(report.summary.failed).toBe(0);
  const server = app.strapi.server.httpServer;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  if (address === null || typeof address !== 'object') throw new Error('the server is not listening');
  base = `http://127.0.0.1:${address.port}`;
}, 300_000);

afterAll(async () => {
  await app?.stop();
});

describe("the README's frontend section", () => {
  const blocks = bashBlocks(frontendSection());

  test('has commands to run', () => {
    expect(blocks.length).toBeGreaterThan(3);
  });

  test.each(blocks.map((block) => [block.line, block.code]))('the bash block at line %i of the section runs as written', async (_line, code) => {
    const script = [
      'set -euxo pipefail',
      // Every curl in the README is held to the status it gets: an error status fails the block,
      // unless the command prints the status itself (-w) to show a refusal.
      'curl() { case " $* " in *" -w "*) command curl --max-time 30 "$@" ;; *) command curl --fail-with-body --show-error --max-time 30 "$@" ;; esac; }',
      String(code).replaceAll('http://localhost:1337', base),
    ].join('\n');
    // Not spawnSync: the server answering the commands runs in this very process.
    const result = await new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
      // The administrator `npm run serve` creates from ADMIN_EMAIL and ADMIN_PASSWORD on first start.
      const env = { ...process.env, ADMIN_EMAIL: TEST_ADMIN.email, ADMIN_PASSWORD: TEST_ADMIN.password };
      execFile('bash', ['-c', script], { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
        resolve({ status: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr });
      });
    });
    // The trace (set -x) and curl's error name the failing command.
    expect(`exit ${result.status}\n${result.status === 0 ? '' : result.stderr.slice(-3000)}`).toBe('exit 0\n');
    expect(result.stdout.length).toBeGreaterThan(0);
  });
});
