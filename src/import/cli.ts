import fs from 'fs';
import os from 'os';
import path from 'path';
import { parseArgs } from 'util';
import type { Core } from '@strapi/strapi';
import { ImportRequestError } from './errors';
import { imageFetchOptionsFrom } from './fetch-images';
import { processLabel } from './lock';
import { BATCH_PAGES, runImport } from './run';
import { reimportLines, reimportSummary, summaryTable, toMarkdown, type DocumentReport, type ImportReport } from './report';
import { closeStrapi } from '../database/close';

/**
 * `npm run import -- <files or directories...>`
 *
 * Exit codes: 0 every document imported; 1 at least one document failed (the rest were imported);
 * 2 the command line was wrong; 3 the run could not start or broke (for example no database).
 */
export const EXIT = { ok: 0, documentsFailed: 1, usage: 2, broken: 3 } as const;

const USAGE = `Usage: npm run import -- [options] <files or directories...>

Imports scraped news pages (.txt or .html, UTF-8 or GB18030/GBK/GB2312) as articles linked to
the organisations, persons and initiatives they mention. Re-running is safe.

Options:
  --dry-run        analyse and plan only, write nothing; on a site imported before, say per page
                   what importing again would add, remove and change, and which editors' changes
                   it keeps (it reads the database; without one it plans as for an empty site)
  --offline        with --dry-run: do not read the database at all
  --base-url URL   pages without a URL of their own were saved from URL + their path under the
                   directory given, e.g. https://example.org/news/ for 2021/a.html
  --publish        publish what was imported (default: drafts for editors to review)
  --fetch-images   download the pages' photos into the media library and set them on the photo
                   blocks, and the first wide one as the cover of an article without one
                   (default: keep only their addresses). http(s) only, never private addresses,
                   IMPORT_IMAGES_MAX_BYTES (10 MB) and IMPORT_IMAGES_TIMEOUT_MS (15000) per photo
  --report FILE    write the report as JSON, or Markdown when FILE ends in .md
  --locale CODE    locale of the imported articles (default: zh-Hans)
  --batch N        pages written per transaction (default: 25; 1 writes each page on its own)
  --json           print the JSON report on stdout
  --no-wait        refuse to start while another import runs (default: wait for it)
  -h, --help       show this help

One import runs at a time per database; a second one waits, and says for whom. It runs with a
heap of IMPORT_MAX_HEAP_MB (1536) MiB, which keeps its memory from filling with garbage on a large
machine; raise it for an import that stops with "heap out of memory".

Exit codes: 0 all imported, 1 some documents failed, 2 usage error, 3 the run broke.`;

export type CliOptions = {
  paths: string[];
  dryRun: boolean;
  publish: boolean;
  locale: string;
  report: string | null;
  json: boolean;
  batchPages: number;
  waitForLock: boolean;
  offline: boolean;
  baseUrl: string | null;
  fetchImages: boolean;
};

export const parseCommandLine = (argv: string[]): CliOptions | { help: true } | { error: string } => {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'dry-run': { type: 'boolean', default: false },
        publish: { type: 'boolean', default: false },
        report: { type: 'string' },
        locale: { type: 'string', default: 'zh-Hans' },
        json: { type: 'boolean', default: false },
        'no-wait': { type: 'boolean', default: false },
        batch: { type: 'string' },
        offline: { type: 'boolean', default: false },
        'base-url': { type: 'string' },
        'fetch-images': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
  if (parsed.values.help === true) return { help: true };
  if (parsed.positionals.length === 0) return { error: 'give at least one file or directory to import' };
  const batchPages = parsed.values.batch === undefined ? BATCH_PAGES : Number(parsed.values.batch);
  if (!Number.isInteger(batchPages) || batchPages < 1) return { error: `--batch takes a whole number of pages, 1 or more, not ${parsed.values.batch}` };
  const baseUrl = parsed.values['base-url'] ?? null;
  if (baseUrl !== null && !/^https?:\/\/[^/\s]+/u.test(baseUrl)) return { error: `--base-url takes an http(s) URL such as https://example.org/news/, not ${baseUrl}` };
  if (parsed.values.offline === true && parsed.values['dry-run'] !== true) return { error: '--offline only goes with --dry-run: a real import writes to the database' };
  if (parsed.values['fetch-images'] === true && parsed.values['dry-run'] === true) return { error: '--fetch-images does not go with --dry-run: a dry run stores nothing' };
  return {
    paths: parsed.positionals,
    dryRun: parsed.values['dry-run'] === true,
    publish: parsed.values.publish === true,
    locale: parsed.values.locale ?? 'zh-Hans',
    report: parsed.values.report ?? null,
    json: parsed.values.json === true,
    batchPages,
    waitForLock: parsed.values['no-wait'] !== true,
    offline: parsed.values.offline === true,
    baseUrl,
    fetchImages: parsed.values['fetch-images'] === true,
  };
};

type Progress = { update: (done: number, file: string) => void; stop: () => void };

const progressBar = (total: number): Progress => {
  if (process.stderr.isTTY !== true) return { update: () => undefined, stop: () => undefined };
  const { SingleBar, Presets } = require('cli-progress') as typeof import('cli-progress');
  const bar = new SingleBar(
    { stream: process.stderr, format: 'Importing [{bar}] {value}/{total} {file}', hideCursor: true, clearOnComplete: true },
    Presets.shades_classic
  );
  bar.start(total, 0, { file: '' });
  return { update: (done, file) => bar.update(done, { file: path.basename(file) }), stop: () => bar.stop() };
};

/** Where Linux lists a process's threads; elsewhere a priority is the whole process's. */
const THREADS = '/proc/self/task';

/**
 * An import shares its machine with the server that answers readers; at a lower CPU priority it
 * takes what the server leaves, and runs at full speed on an idle machine.
 *
 * On Linux a priority belongs to a thread. Threads started later inherit it from the thread that
 * starts them, so the main thread's is set before the analysis worker starts; but V8 starts its
 * own threads (the collector's helpers, the compilers) before any of this code runs, and they
 * would keep competing with the server at full priority. Each one listed is set too; one that
 * ends in between is no longer there to set.
 */
export const yieldToServer = (): void => {
  const priority = os.constants.priority.PRIORITY_BELOW_NORMAL;
  os.setPriority(0, priority);
  const threads = fs.existsSync(THREADS) ? fs.readdirSync(THREADS) : [];
  for (const thread of threads) {
    try {
      os.setPriority(Number(thread), priority);
    } catch (error: unknown) {
      if ((error as { info?: { code?: string } }).info?.code !== 'ESRCH') throw error;
    }
  }
};

/** Boots Strapi in-process for a real import; the caller destroys it. */
export type StrapiBooter = () => Promise<Core.Strapi>;

export const main = async (argv: string[], bootStrapi: StrapiBooter): Promise<number> => {
  const options = parseCommandLine(argv);
  if ('help' in options) {
    process.stdout.write(`${USAGE}\n`);
    return EXIT.ok;
  }
  if ('error' in options) {
    process.stderr.write(`import: ${options.error}\n\n${USAGE}\n`);
    return EXIT.usage;
  }
  let strapi: Core.Strapi | null = null;
  try {
    yieldToServer();
    strapi = options.offline ? null : await bootForRun(bootStrapi, options.dryRun);
    const { countInputs } = await import('./files');
    const progress = progressBar(await countInputs(options.paths));
    let done = 0;
    const report = await runImport({
      paths: options.paths,
      dryRun: options.dryRun,
      publish: options.publish,
      locale: options.locale,
      batchPages: options.batchPages,
      baseUrl: options.baseUrl,
      fetchImages: options.fetchImages ? imageFetchOptionsFrom(process.env) : null,
      analyseInWorker: true,
      // A dry run lists each page's changes on the terminal, so it keeps them.
      keepDocuments: options.report !== null || options.json || options.dryRun,
      strapi,
      holder: `the command line (${processLabel()})`,
      waitForLock: options.waitForLock,
      onLockWait: (message) => process.stderr.write(`import: ${message}\n`),
      onDocument: (doc: DocumentReport) => {
        done += 1;
        progress.update(done, doc.file);
        if (doc.status === 'failed') {
          progress.stop();
          process.stderr.write(`✖ ${doc.file}: ${doc.error ?? 'failed'}\n`);
        }
        for (const warning of doc.warnings) process.stderr.write(`! ${doc.file}: ${warning}\n`);
      },
    });
    progress.stop();
    if (options.report !== null) {
      fs.mkdirSync(path.dirname(path.resolve(options.report)), { recursive: true });
      fs.writeFileSync(options.report, options.report.endsWith('.md') ? toMarkdown(report) : `${JSON.stringify(report, null, 2)}\n`);
      process.stderr.write(`Report written to ${options.report}\n`);
    }
    if (options.json) {
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    } else {
      process.stdout.write(`${summaryTable(report.summary)}\n${readableReimport(report)}`);
    }
    return report.summary.failed > 0 ? EXIT.documentsFailed : EXIT.ok;
  } catch (error) {
    if (error instanceof ImportRequestError) {
      process.stderr.write(`import: ${error.message}\n`);
      return error.status === 400 ? EXIT.usage : EXIT.broken;
    }
    process.stderr.write(`import: the run could not complete: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT.broken;
  } finally {
    if (strapi !== null) {
      await closeStrapi(strapi);
    }
  }
};

/**
 * Strapi for a run: always for a real import; for a dry run when the database can be read, so the
 * plan is made against what the site holds. A dry run without one plans as for an empty site.
 */
const bootForRun = async (bootStrapi: StrapiBooter, dryRun: boolean): Promise<Core.Strapi | null> => {
  if (!dryRun) return bootStrapi();
  try {
    return await bootStrapi();
  } catch (error) {
    process.stderr.write(`import: the database could not be read (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); planning as for an empty site\n`);
    return null;
  }
};

/** Under the summary table: pages by rule, and for a dry run each page imported before with what would change. */
const readableReimport = (report: ImportReport): string => {
  const summary = reimportSummary(report.summary, report.reimport);
  const pages = report.summary.dryRun && report.reimport !== undefined ? reimportLines(report.reimport, 50) : [];
  const lines = summary === '' ? [] : [summary];
  if (pages.length > 0) lines.push('', 'What importing again would do (+ add, − remove, ~ change, = keep an editor\'s change):', ...pages);
  return lines.map((line) => `${line}\n`).join('');
};


