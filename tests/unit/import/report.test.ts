import { parseCommandLine } from '../../../src/import/cli';
import { failedDocument, summaryTable, toMarkdown, type ImportReport } from '../../../src/import/report';

const report: ImportReport = {
  documents: [
    {
      ...failedDocument('missing.html', 'path does not exist'),
    },
    {
      file: 'a.txt',
      status: 'ok',
      warnings: ['no publication date found'],
      article: { title: '商会举行年会', date: null, source: '云州商会网', url: null },
      persons: [{ name: '林若溪', positions: [{ title: '会长', organisation: '云州市商会' }] }],
      organisations: [{ name: '云州市商会', kind: 'chamber_of_commerce', aliases: [] }],
      initiatives: [],
      amounts: [{ text: '12.3万元', value: 123000, currency: 'CNY', approximate: false }],
      quotes: [],
      removed: ['ICP备12345678号'],
      actions: { created: 3, updated: 0, unchanged: 0 },
      needsReview: [],
      keptEditorChanges: [],
    },
  ],
  summary: {
    dryRun: true,
    published: false,
    locale: 'zh-Hans',
    documents: 2,
    ok: 1,
    failed: 1,
    skippedFiles: 0,
    seconds: 0.5,
    documentsPerSecond: 4,
    records: {
      articles: { created: 1, updated: 0, unchanged: 0, failed: 1 },
      organisations: { created: 1, updated: 0, unchanged: 0, failed: 0 },
      persons: { created: 1, updated: 0, unchanged: 0, failed: 0 },
      initiatives: { created: 0, updated: 0, unchanged: 0, failed: 0 },
    },
  },
};

describe('the import report', () => {
  test('a failed document keeps the contract shape, with empty lists and its error', () => {
    const failed = failedDocument('x.txt', 'empty file (0 bytes)');
    expect(failed).toMatchObject({ file: 'x.txt', status: 'failed', error: 'empty file (0 bytes)', persons: [], amounts: [], actions: { created: 0, updated: 0, unchanged: 0 } });
  });

  test('the summary table has created / updated / unchanged / failed per type and says a dry run wrote nothing', () => {
    const table = summaryTable(report.summary);
    expect(table).toMatch(/created\s+updated\s+unchanged\s+failed/);
    expect(table).toMatch(/Articles\s+1\s+0\s+0\s+1/);
    expect(table).toMatch(/dry run: nothing was written/);
  });

  test('Markdown lists each document with its error, warnings, people and amounts', () => {
    const markdown = toMarkdown(report);
    expect(markdown).toMatch(/^# Import report/);
    expect(markdown).toContain('**Error:** path does not exist');
    expect(markdown).toContain('Warning: no publication date found');
    expect(markdown).toContain('| 林若溪 | 云州市商会会长 |');
    expect(markdown).toContain('12.3万元 = 123,000 CNY');
  });
});

describe('the command line', () => {
  test('reads the options and the paths', () => {
    expect(parseCommandLine(['--dry-run', '--publish', '--report', 'r.md', '--locale', 'en', 'a', 'b'])).toEqual({
      paths: ['a', 'b'],
      dryRun: true,
      publish: true,
      locale: 'en',
      report: 'r.md',
      json: false,
      batchPages: 25,
      waitForLock: true,
      offline: false,
      baseUrl: null,
      fetchImages: false,
    });
  });

  test('fetches images only when asked, and never in a dry run', () => {
    expect(parseCommandLine(['--fetch-images', 'a'])).toMatchObject({ fetchImages: true });
    expect(parseCommandLine(['--fetch-images', '--dry-run', 'a'])).toEqual({ error: '--fetch-images does not go with --dry-run: a dry run stores nothing' });
  });

  test('waits for another import to finish unless told not to', () => {
    expect(parseCommandLine(['--no-wait', 'a'])).toMatchObject({ waitForLock: false });
  });

  test('takes the pages per transaction, a whole number from 1', () => {
    expect(parseCommandLine(['--batch', '1', 'a'])).toMatchObject({ batchPages: 1 });
    expect(parseCommandLine(['--batch', '0', 'a'])).toHaveProperty('error');
    expect(parseCommandLine(['--batch', '2.5', 'a'])).toHaveProperty('error');
  });

  test('defaults to drafts in zh-Hans', () => {
    expect(parseCommandLine(['pages/'])).toMatchObject({ dryRun: false, publish: false, locale: 'zh-Hans', report: null });
  });

  test('refuses an unknown option and a missing path', () => {
    expect(parseCommandLine(['--nope', 'a'])).toHaveProperty('error');
    expect(parseCommandLine([])).toEqual({ error: 'give at least one file or directory to import' });
  });
});
