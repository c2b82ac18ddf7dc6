import { readFileSync } from 'fs';
import { join } from 'path';

import { decode, MAX_PAGE_BYTES } from '../../../src/import/decode';
import type { DecodedPage, PageProblem, Result } from '../../../src/import/types';

const FIXTURES = join(__dirname, '../../fixtures/pages');
const SAMPLES = join(__dirname, '../../../data/documents');

function fixture(name: string): Uint8Array {
  return readFileSync(join(FIXTURES, name));
}

function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** Swaps an ASCII substring in raw bytes, e.g. to change a declared charset. */
function replaceAscii(bytes: Uint8Array, from: string, to: string): Uint8Array {
  const latin1 = Buffer.from(bytes).toString('latin1');
  expect(latin1.includes(from)).toBe(true);
  return new Uint8Array(Buffer.from(latin1.replace(from, to), 'latin1'));
}

function decoded(result: Result<DecodedPage>): DecodedPage {
  if (!result.ok) {
    throw new Error(`expected the page to decode, got: ${result.problem.message}`);
  }
  return result.value;
}

function problem(result: Result<DecodedPage>): PageProblem {
  if (result.ok) {
    throw new Error('expected a problem, the page decoded');
  }
  return result.problem;
}

describe('decode: format', () => {
  it.each([
    ['page.html', 'html'],
    ['page.htm', 'html'],
    ['PAGE.HTM', 'html'],
    ['dir.v2/page.shtml', 'html'],
    ['page.txt', 'text'],
    ['page', 'text'],
    ['dir.html/notes.txt', 'text'],
  ])('decides the format of %s by its extension: %s', (file, format) => {
    expect(decoded(decode({ file, bytes: utf8('商会新闻') })).format).toBe(format);
  });

  it('treats a .txt file that starts with an HTML doctype as HTML, with a warning', () => {
    const page = decoded(decode({ file: 'page.txt', bytes: utf8('<!DOCTYPE html><html><body><p>商会</p></body></html>') }));
    expect(page.format).toBe('html');
    expect(page.warnings).toEqual(['the file name does not say HTML but the content is an HTML page; treated as HTML']);
  });
});

describe('decode: encodings', () => {
  it('decodes UTF-8 without a BOM', () => {
    const page = decoded(decode({ file: 'a.txt', bytes: utf8('无锡市总商会党委') }));
    expect(page).toEqual({ file: 'a.txt', format: 'text', encoding: 'utf-8', text: '无锡市总商会党委', warnings: [] });
  });

  it('strips the UTF-8 BOM and keeps the CRLF text intact', () => {
    const page = decoded(decode({ file: 'utf8-bom.txt', bytes: fixture('utf8-bom.txt') }));
    expect(page.encoding).toBe('utf-8');
    expect(page.text.startsWith('江川市工商业联合会（总商会）\r\n')).toBe(true);
    expect(page.text.includes('\ufeff')).toBe(false);
  });

  it('falls back to GB18030 when the bytes are not valid UTF-8, including four-byte characters', () => {
    const page = decoded(decode({ file: 'gb18030.txt', bytes: fixture('gb18030.txt') }));
    expect(page.encoding).toBe('gb18030');
    expect(page.text).toContain('记者 刘䶮 通讯员 欧阳澜');
    expect(page.warnings).toEqual([]);
  });

  it('honours <meta charset="gbk"> and decodes with GB18030', () => {
    const page = decoded(decode({ file: 'gbk-meta-charset.html', bytes: fixture('gbk-meta-charset.html') }));
    expect(page.format).toBe('html');
    expect(page.encoding).toBe('gb18030');
    expect(page.text).toContain('<h1>青禾市总商会召开2020年度会员代表大会</h1>');
    expect(page.warnings).toEqual([]);
  });

  it('honours an http-equiv Content-Type charset=gb2312 declaration', () => {
    const page = decoded(decode({ file: 'gb2312-http-equiv.html', bytes: fixture('gb2312-http-equiv.html') }));
    expect(page.encoding).toBe('gb18030');
    expect(page.text).toContain('云岭省服装行业协会赴滇西开展产业帮扶调研');
  });

  it('decodes the two sample pages as UTF-8 without warnings', () => {
    for (const name of ['000_f1cca717d84457e6.txt', '002_ce4251d4c8a5f3e5.txt']) {
      const page = decoded(decode({ file: name, bytes: readFileSync(join(SAMPLES, name)) }));
      expect(page.encoding).toBe('utf-8');
      expect(page.format).toBe('text');
      expect(page.warnings).toEqual([]);
    }
  });

  it('decodes as UTF-8 and warns when a page declares gbk but its bytes are UTF-8', () => {
    const page = decoded(decode({ file: 'declared-gbk-but-utf8.html', bytes: fixture('declared-gbk-but-utf8.html') }));
    expect(page.encoding).toBe('utf-8');
    expect(page.text).toContain('东港区商会开展助学活动');
    expect(page.warnings).toEqual(['declared charset gbk but the bytes are UTF-8; decoded as UTF-8']);
  });

  it('decodes as GB18030 and warns when a page declares utf-8 but its bytes are GBK', () => {
    const bytes = replaceAscii(fixture('gbk-meta-charset.html'), 'charset="gbk"', 'charset="utf-8"');
    const page = decoded(decode({ file: 'page.html', bytes }));
    expect(page.encoding).toBe('gb18030');
    expect(page.text).toContain('青禾市总商会');
    expect(page.warnings).toEqual(['declared charset utf-8 but the bytes are GB18030; decoded as GB18030']);
  });

  it('uses the declared legacy charset for a page that is pure ASCII', () => {
    const page = decoded(decode({ file: 'page.html', bytes: utf8('<meta charset="gb2312"><p>ASCII only</p></html>') }));
    expect(page.encoding).toBe('gb18030');
    expect(page.warnings).toEqual([]);
  });

  it('ignores an unknown declared charset with a warning and detects the encoding itself', () => {
    const page = decoded(decode({ file: 'page.html', bytes: utf8('<meta charset="x-made-up"><p>商会</p></html>') }));
    expect(page.encoding).toBe('utf-8');
    expect(page.warnings).toEqual(['unknown declared charset x-made-up; ignored']);
  });

  it('reads a charset declared after a long comment within the first few KB', () => {
    // 商會 in Big5; as GB18030 the same bytes would read 坝穦.
    const big5 = new Uint8Array([0xb0, 0xd3, 0xb7, 0x7c]);
    const html = `<!-- ${'x'.repeat(2000)} --><meta charset="big5"><p>`;
    const bytes = new Uint8Array([...utf8(html), ...big5, ...utf8('</p></html>')]);
    const page = decoded(decode({ file: 'page.html', bytes }));
    expect(page.encoding).toBe('big5');
    expect(page.text).toContain('<p>商會</p>');
  });

  it('ignores a charset declaration in a text file and detects the encoding from the bytes', () => {
    const big5 = new Uint8Array([0xb0, 0xd3, 0xb7, 0x7c]);
    const bytes = new Uint8Array([...utf8('<meta charset="big5">'), ...big5]);
    expect(decoded(decode({ file: 'page.txt', bytes })).encoding).toBe('gb18030');
  });

  it('decodes UTF-16 with a byte order mark', () => {
    const text = '商会新闻';
    const bytes = new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]);
    const page = decoded(decode({ file: 'a.txt', bytes }));
    expect(page.encoding).toBe('utf-16le');
    expect(page.text).toBe(text);
  });

  it('keeps a page with a few broken bytes, replacing them and saying how many', () => {
    const bytes = new Uint8Array([...utf8('商会召开会员大会。'.repeat(20)), 0xff, ...utf8('会议结束。')]);
    const page = decoded(decode({ file: 'a.txt', bytes }));
    expect(page.encoding).toBe('utf-8');
    expect(page.text).toContain('\ufffd会议结束。');
    expect(page.warnings).toEqual(['1 invalid byte sequence(s) in UTF-8 replaced with �']);
  });
});

describe('decode: problems', () => {
  it('refuses an empty file', () => {
    expect(problem(decode({ file: 'empty.txt', bytes: new Uint8Array(0) }))).toEqual({
      file: 'empty.txt',
      message: 'empty file (0 bytes)',
    });
  });

  it('refuses a file of whitespace only (including a BOM and ideographic spaces)', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(' \r\n\t\u3000\u00a0\n')]);
    expect(problem(decode({ file: 'blank.txt', bytes })).message).toBe(`empty file (only whitespace in ${bytes.length} bytes)`);
  });

  it('refuses a PNG image by its signature', () => {
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    expect(problem(decode({ file: 'photo.html', bytes }))).toEqual({
      file: 'photo.html',
      message: 'binary file (a PNG image), not a text or HTML page',
    });
  });

  it('refuses a PDF even though it starts with ASCII', () => {
    expect(problem(decode({ file: 'a.txt', bytes: utf8('%PDF-1.7\n%âãÏÓ') })).message).toBe(
      'binary file (a PDF document), not a text or HTML page',
    );
  });

  it('refuses a file with NUL bytes', () => {
    const bytes = new Uint8Array([...utf8('商会'), 0x00, ...utf8('新闻')]);
    expect(problem(decode({ file: 'a.txt', bytes })).message).toBe('binary file (contains NUL bytes), not a text or HTML page');
  });

  it('refuses a file full of control characters', () => {
    const bytes = new Uint8Array(200).map((_, index) => (index % 3 === 0 ? 0x01 : 0x41));
    expect(problem(decode({ file: 'a.txt', bytes })).message).toBe(
      'binary file (full of control characters), not a text or HTML page',
    );
  });

  it('accepts a few stray control characters in a text page', () => {
    const bytes = new Uint8Array([...utf8('商会新闻'.repeat(50)), 0x01]);
    expect(decode({ file: 'a.txt', bytes }).ok).toBe(true);
  });

  it('refuses a file over the size limit before looking at its bytes', () => {
    const bytes = new Uint8Array(50 * 1024 * 1024);
    expect(problem(decode({ file: 'huge.html', bytes }))).toEqual({
      file: 'huge.html',
      message: 'file is 50.0 MB, over the 20 MB limit',
    });
  });

  it('accepts a file of exactly the size limit', () => {
    expect(MAX_PAGE_BYTES).toBe(20 * 1024 * 1024);
    const bytes = new Uint8Array(MAX_PAGE_BYTES).fill(0x61);
    expect(decode({ file: 'big.txt', bytes }).ok).toBe(true);
    expect(problem(decode({ file: 'big.txt', bytes: new Uint8Array(MAX_PAGE_BYTES + 1).fill(0x61) })).message).toBe(
      'file is 20.0 MB, over the 20 MB limit',
    );
  });

  it('refuses bytes that are neither UTF-8 nor GB18030', () => {
    const bytes = new Uint8Array(100).map((_, index) => (index % 2 === 0 ? 0xff : 0x80));
    expect(problem(decode({ file: 'junk.txt', bytes })).message).toBe(
      'undecodable text: the bytes are neither UTF-8 nor GB18030',
    );
  });
});

describe('decode: truncated HTML', () => {
  it('warns when the page has no closing </html> but decodes it', () => {
    const page = decoded(decode({ file: 'truncated.html', bytes: fixture('truncated.html') }));
    expect(page.warnings).toEqual(['page looks truncated (no closing </html>); kept what is there']);
    expect(page.text).toContain('西岸镇商会召开换届大会');
  });

  it('warns when the page ends inside a tag', () => {
    const page = decoded(decode({ file: 'a.html', bytes: utf8('<html><body><p>商会</p><div class="fo') }));
    expect(page.warnings).toEqual(['page looks truncated (it ends inside a tag); kept what is there']);
  });

  it('does not look for </html> in text files', () => {
    expect(decoded(decode({ file: 'a.txt', bytes: utf8('商会<p>新闻') })).warnings).toEqual([]);
  });
});
