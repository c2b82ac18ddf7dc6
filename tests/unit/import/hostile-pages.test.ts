import fs from 'fs';
import os from 'os';
import path from 'path';
import { analyse, MAX_ARTICLE_CHARS } from '../../../src/import/analyse';
import { clean, MAX_HTML_DEPTH, MAX_LINE_CHARS } from '../../../src/import/clean';
import { articleFields } from '../../../src/import/plan';
import { emptyIndex, resolve } from '../../../src/import/resolve';
import { runImport } from '../../../src/import/run';
import { longClause, longLine, nestedDivPage, oneLineHtmlPage, oneLineTextPage, ordinaryTextPage } from '../../fixtures/hostile/pages';

const MB = 1024 * 1024;

/**
 * Before the fix these pages took from minutes to hours, or threw. Analysis is now linear in the
 * size of a page; the guard here is the test timeout, at several times the 5 s a 6 MB page may take
 * on a loaded machine, so a return of the quadratic steps fails the test instead of passing slowly.
 */
const HOSTILE_TIMEOUT = 30_000;

const page = (file: string, text: string) => ({ file, bytes: Buffer.from(text) });

const cleanText = (text: string) => clean({ file: 'page.txt', format: 'text', encoding: 'utf-8', text, warnings: [] });

type MarkdownRenderer = { render: (markdown: string) => string };
// The renderer of the admin panel's rich-text editor, with raw HTML on as many renderers have it.
const markdown = new (require('markdown-it') as new (options: { html: boolean }) => MarkdownRenderer)({ html: true });

describe('pages with very long lines', () => {
  test.each([
    ['a 6 MB text page on one line', 'long.txt', () => oneLineTextPage(6 * MB)],
    ['a 6 MB HTML page on one line', 'long.html', () => oneLineHtmlPage(6 * MB)],
    ['a 6 MB line without a single sentence end', 'clause.txt', () => oneLineTextPage(6 * MB, longClause)],
    ['a 2 MB line of nothing but dates', 'dates.txt', () => oneLineTextPage(2 * MB, (size) => '2021年3月15日'.repeat(Math.ceil(size / 16)))],
    ['a 1 MB line of nested brackets', 'brackets.txt', () => oneLineTextPage(MB, (size) => `${'(商'.repeat(size / 8)}${')'.repeat(size / 8)}`)],
  ])('%s is refused with the reason, not analysed for minutes', (_name, file, text) => {
    const result = analyse(page(file, text()));
    expect(result).toEqual({ ok: false, problem: { file, message: expect.stringMatching(new RegExp(`^the article text is \\d+ characters long, over the ${MAX_ARTICLE_CHARS} limit for one article`)) } });
  }, HOSTILE_TIMEOUT);

  test('an HTML page with 1 MB of line breaks between two characters is analysed', () => {
    const result = analyse(page('breaks.html', oneLineHtmlPage(MB, (size) => `商${'\n'.repeat(size)}会`)));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value.parsed.blocks.map((block) => block.text)).toContain('商会');
  }, HOSTILE_TIMEOUT);

  test('a long line is split at sentence ends into lines no longer than the limit, one warning for the page', () => {
    const line = longLine(60_000);
    const cleaned = cleanText(`标题在这里出现了\n${line}\n`);
    const body = cleaned.lines.slice(1).filter((text) => text !== '');
    expect(body.length).toBeGreaterThan(line.length / MAX_LINE_CHARS);
    expect(Math.max(...body.map((text) => text.length))).toBeLessThanOrEqual(MAX_LINE_CHARS);
    expect(body.every((text) => /[。！？；]$/u.test(text))).toBe(true);
    expect(body.join('')).toBe(line);
    expect(cleaned.warnings).toEqual([expect.stringMatching(/1 line\(s\) longer than 5000 characters .* split into paragraphs at sentence ends/)]);
  });

  test('the work per line is bounded: lines grow in number with the text, never in length', () => {
    for (const size of [200_000, 2_000_000]) {
      const text = longClause(size);
      const body = cleanText(`标题在这里出现了\n${text}\n`).lines.slice(1).filter((line) => line !== '');
      expect(Math.max(...body.map((line) => line.length))).toBeLessThanOrEqual(MAX_LINE_CHARS);
      expect(body.length).toBeGreaterThanOrEqual(text.length / MAX_LINE_CHARS);
      expect(body.length).toBeLessThanOrEqual((2 * text.length) / MAX_LINE_CHARS + 1);
    }
  });

  test('a page just under the text limit on one line is analysed', () => {
    const result = analyse(page('long.txt', oneLineTextPage(200_000)));
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.value.parsed.title).toBe('临溪市青年企业家商会举办民营经济发展论坛');
      expect(result.value.extraction.persons.length).toBeGreaterThan(0);
      expect(result.value.warnings.some((warning) => warning.includes('split into paragraphs'))).toBe(true);
    }
  }, HOSTILE_TIMEOUT);
});

describe('deeply nested HTML', () => {
  test('20,000 nested <div> (220 KB) are refused with the reason, without overflowing the stack', () => {
    const html = nestedDivPage(20_000);
    expect(html.length).toBeGreaterThan(200_000);
    const result = analyse(page('nested.html', html));
    expect(result).toEqual({ ok: false, problem: { file: 'nested.html', message: expect.stringContaining(`nests elements more than ${MAX_HTML_DEPTH} deep`) } });
  }, HOSTILE_TIMEOUT);

  test('a page nested 400 deep is read as usual', () => {
    const result = analyse(page('nested.html', nestedDivPage(400)));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value.parsed.title).toBe('临溪市青年企业家商会举办民营经济发展论坛');
  });

  test('6 MB of stray end tags inside the deepest nesting allowed still completes', () => {
    const html = `<html><body>${'<div>'.repeat(MAX_HTML_DEPTH - 10)}<h1>临溪市青年企业家商会举办民营经济发展论坛</h1>${'</b>'.repeat((6 * MB) / 4)}</body></html>`;
    const result = analyse(page('stray.html', html));
    expect(result.ok === true || result.problem.message.length > 0).toBe(true);
  }, HOSTILE_TIMEOUT);
});

describe('an exception in one page', () => {
  test('fails that page with the reason instead of throwing', () => {
    // Bytes that are not bytes make decode throw: a stand-in for any rule that breaks on a page.
    const result = analyse({ file: 'broken.txt', bytes: null as unknown as Uint8Array });
    expect(result).toEqual({ ok: false, problem: { file: 'broken.txt', message: expect.stringMatching(/^the page could not be analysed \(TypeError: .+\); nothing was imported from it$/) } });
  });

  test('a run with hostile pages among good ones reports the hostile ones and imports the rest', async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'hostile-run-'));
    try {
      fs.writeFileSync(path.join(directory, '1-good.txt'), ordinaryTextPage('白鹭市女企业家协会召开年会'));
      fs.writeFileSync(path.join(directory, '2-nested.html'), nestedDivPage(20_000));
      fs.writeFileSync(path.join(directory, '3-long.txt'), oneLineTextPage(6 * MB));
      fs.writeFileSync(path.join(directory, '4-good.txt'), ordinaryTextPage('金塘市民营企业协会举办产业对接会'));
      const report = await runImport({ paths: [directory], dryRun: true, publish: false, locale: 'zh-Hans', strapi: null });
      const statuses = report.documents.map((doc) => [path.basename(doc.file), doc.status]);
      expect(statuses).toEqual([
        ['1-good.txt', 'ok'],
        ['2-nested.html', 'failed'],
        ['3-long.txt', 'failed'],
        ['4-good.txt', 'ok'],
      ]);
      expect(report.summary).toMatchObject({ documents: 4, ok: 2, failed: 2 });
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  }, HOSTILE_TIMEOUT);
});

describe('raw HTML in imported text', () => {
  const bodyOf = (file: string, text: string) => {
    const result = analyse(page(file, text));
    if (!result.ok) throw new Error(result.problem.message);
    return articleFields(resolve(result.value, emptyIndex()).article).body;
  };
  const TITLE = '临溪市青年企业家商会举办民营经济发展论坛\n来源：临溪市青年企业家商会  日期：2021-03-15\n\n';

  test('<script> and <img onerror> in a text page are stored as text: rendered Markdown shows them and runs nothing', () => {
    const body = bodyOf('page.txt', `${TITLE}会议开始。<script>alert(1)</script>会长讲话。\n会员发言<img src=x onerror=alert(2)>结束。\n[点此](javascript:alert(3))查看详情。\n`);
    const html = body.map((block) => markdown.render(block.text)).join('');
    expect(html).not.toMatch(/<script|<img|<a /u);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(html).toContain('[点此]');
  });

  test('markup decoded from HTML entities stays text too', () => {
    const body = bodyOf('page.html', `<html><body><h1>临溪市青年企业家商会举办民营经济发展论坛</h1><p>来源：临溪市青年企业家商会 日期：2021-03-15</p><p>会议开始。&lt;script&gt;alert(1)&lt;/script&gt;会长讲话。</p></body></html>`);
    const html = body.map((block) => markdown.render(block.text)).join('');
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  test('ordinary Chinese text is stored as it reads', () => {
    const body = bodyOf('page.txt', `${TITLE}2021年3月15日，协会捐赠约3.6万元（含物资）。\n`);
    expect(body.map((block) => block.text)).toEqual(['2021年3月15日，协会捐赠约3.6万元（含物资）。']);
  });
});
