/**
 * decode: bytes → text. Works out the format from the file name and the
 * encoding from the bytes (and, for HTML, the declared charset), refusing
 * files that are empty, binary, too large or not text at all.
 */
import type { DecodedPage, RawPage, Result, SourceFormat } from './types';

/** Pages larger than this are refused before any decoding is attempted. */
export const MAX_PAGE_BYTES = 20 * 1024 * 1024;

const MEGABYTE = 1024 * 1024;

/** How far into an HTML page a <meta charset> is looked for. */
const CHARSET_SNIFF_BYTES = 4096;

/** How much of the file is inspected to tell text from binary. */
const BINARY_SNIFF_BYTES = 8192;

/**
 * Control characters other than tab, newline, carriage return, form feed and
 * escape never occur in text pages; a few can slip in, many mean binary.
 */
const MAX_CONTROL_CHARACTER_RATIO = 0.02;

/** Above this share of U+FFFD the text is unreadable and refused. */
const MAX_REPLACEMENT_RATIO = 0.01;

const HTML_EXTENSIONS = new Set(['html', 'htm', 'shtml', 'xhtml']);

const GB_FAMILY = new Set([
  'gb2312',
  'gbk',
  'gb18030',
  'x-gbk',
  'cp936',
  'ms936',
  'windows-936',
  'euc-cn',
  'csgb2312',
  'chinese',
  'iso-ir-58',
  'csiso58gb231280',
]);

const UTF8_LABELS = new Set(['utf-8', 'utf8', 'unicode-1-1-utf-8']);

type Signature = { bytes: number[]; offset: number; name: string };

const BINARY_SIGNATURES: Signature[] = [
  { bytes: [0x89, 0x50, 0x4e, 0x47], offset: 0, name: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], offset: 0, name: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], offset: 0, name: 'a GIF image' },
  { bytes: [0x57, 0x45, 0x42, 0x50], offset: 8, name: 'a WebP image' },
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], offset: 0, name: 'a PDF document' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], offset: 0, name: 'a ZIP archive or Office document' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], offset: 0, name: 'an old Office document' },
  { bytes: [0x1f, 0x8b], offset: 0, name: 'a gzip archive' },
  { bytes: [0x52, 0x61, 0x72, 0x21], offset: 0, name: 'a RAR archive' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf], offset: 0, name: 'a 7z archive' },
];

function fail(file: string, message: string): Result<DecodedPage> {
  return { ok: false, problem: { file, message } };
}

function extensionOf(file: string): string {
  const name = file.split(/[\\/]/).pop() ?? file;
  const dot = name.lastIndexOf('.');
  return dot === -1 ? '' : name.slice(dot + 1).toLowerCase();
}

/** The bytes as Latin-1, so ASCII markup can be searched without decoding. */
function asciiView(bytes: Uint8Array, length: number): string {
  let text = '';
  const end = Math.min(bytes.length, length);
  for (let index = 0; index < end; index += 1) {
    text += String.fromCharCode(bytes[index]);
  }
  return text;
}

function startsWithBytes(bytes: Uint8Array, expected: number[], offset = 0): boolean {
  return expected.every((value, index) => bytes[offset + index] === value);
}

type Bom = { encoding: string; length: number };

function byteOrderMark(bytes: Uint8Array): Bom | null {
  if (startsWithBytes(bytes, [0xef, 0xbb, 0xbf])) {
    return { encoding: 'utf-8', length: 3 };
  }
  if (startsWithBytes(bytes, [0xff, 0xfe])) {
    return { encoding: 'utf-16le', length: 2 };
  }
  if (startsWithBytes(bytes, [0xfe, 0xff])) {
    return { encoding: 'utf-16be', length: 2 };
  }
  return null;
}

/** Why the bytes are not a text page, or null when they may well be one. */
function binaryReason(bytes: Uint8Array): string | null {
  const signature = BINARY_SIGNATURES.find((candidate) => startsWithBytes(bytes, candidate.bytes, candidate.offset));
  if (signature !== undefined) {
    return `binary file (${signature.name}), not a text or HTML page`;
  }
  const sample = bytes.subarray(0, BINARY_SNIFF_BYTES);
  let controls = 0;
  for (const value of sample) {
    if (value === 0x00) {
      return 'binary file (contains NUL bytes), not a text or HTML page';
    }
    const allowed = value === 0x09 || value === 0x0a || value === 0x0c || value === 0x0d || value === 0x1b;
    if ((value < 0x20 && !allowed) || value === 0x7f) {
      controls += 1;
    }
  }
  if (sample.length > 0 && controls / sample.length > MAX_CONTROL_CHARACTER_RATIO) {
    return 'binary file (full of control characters), not a text or HTML page';
  }
  return null;
}

/** The charset an HTML page declares near its start, lower-cased, or null. */
function declaredCharset(bytes: Uint8Array): string | null {
  const head = asciiView(bytes, CHARSET_SNIFF_BYTES);
  const meta = /<meta\b[^>]*?charset\s*=\s*["']?\s*([-\w.:]+)/i.exec(head);
  if (meta !== null) {
    return meta[1].toLowerCase();
  }
  const xml = /<\?xml\b[^>]*?encoding\s*=\s*["']([-\w.:]+)/i.exec(head);
  return xml === null ? null : xml[1].toLowerCase();
}

/** The TextDecoder label to use for a declared charset, or null if unknown. */
function decoderFor(label: string): string | null {
  if (GB_FAMILY.has(label)) {
    return 'gb18030';
  }
  if (UTF8_LABELS.has(label) || label.startsWith('utf-16') || label === 'unicode') {
    // A page that reached us as bytes and says UTF-16 in ASCII is not UTF-16.
    return 'utf-8';
  }
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return null;
  }
}

function decodeStrictly(encoding: string, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function hasMultibyteUtf8(bytes: Uint8Array): boolean {
  return bytes.some((value) => value >= 0x80);
}

function displayName(encoding: string): string {
  return encoding === 'utf-8' ? 'UTF-8' : encoding.toUpperCase();
}

type Decoding = { ok: true; encoding: string; text: string; warnings: string[] } | { ok: false; message: string };

function countReplacements(text: string): number {
  let count = 0;
  for (const char of text) {
    if (char === '\ufffd') {
      count += 1;
    }
  }
  return count;
}

/**
 * Neither strict decoding worked: keep whichever lenient decoding loses less,
 * and refuse the file when too much is lost for the text to be worth reading.
 */
function decodeLeniently(bytes: Uint8Array, candidates: string[]): Decoding {
  const attempts = candidates.map((encoding) => {
    const text = new TextDecoder(encoding).decode(bytes);
    return { encoding, text, lost: countReplacements(text) };
  });
  const best = attempts.reduce((left, right) => (right.lost < left.lost ? right : left));
  if (best.lost / Math.max(best.text.length, 1) > MAX_REPLACEMENT_RATIO) {
    const names = candidates.map(displayName).join(' nor ');
    return { ok: false, message: `undecodable text: the bytes are neither ${names}` };
  }
  return {
    ok: true,
    encoding: best.encoding,
    text: best.text,
    warnings: [`${best.lost} invalid byte sequence(s) in ${displayName(best.encoding)} replaced with �`],
  };
}

function chooseDecoding(bytes: Uint8Array, declared: string | null): Decoding {
  const warnings: string[] = [];
  let expected: string | null = null;
  if (declared !== null) {
    expected = decoderFor(declared);
    if (expected === null) {
      warnings.push(`unknown declared charset ${declared}; ignored`);
    }
  }
  const withWarnings = (decoding: Decoding): Decoding =>
    decoding.ok ? { ...decoding, warnings: [...warnings, ...decoding.warnings] } : decoding;

  const utf8 = decodeStrictly('utf-8', bytes);
  if (expected === null || expected === 'utf-8') {
    if (utf8 !== null) {
      return withWarnings({ ok: true, encoding: 'utf-8', text: utf8, warnings: [] });
    }
    const gb = decodeStrictly('gb18030', bytes);
    if (gb !== null) {
      if (expected === 'utf-8' && declared !== null) {
        warnings.push(`declared charset ${declared} but the bytes are GB18030; decoded as GB18030`);
      }
      return withWarnings({ ok: true, encoding: 'gb18030', text: gb, warnings: [] });
    }
    return withWarnings(decodeLeniently(bytes, ['utf-8', 'gb18030']));
  }

  // A declared legacy charset. Valid UTF-8 that uses multibyte sequences is
  // practically never legacy Chinese text by accident, so the bytes win.
  if (utf8 !== null && hasMultibyteUtf8(bytes) && declared !== null) {
    warnings.push(`declared charset ${declared} but the bytes are UTF-8; decoded as UTF-8`);
    return withWarnings({ ok: true, encoding: 'utf-8', text: utf8, warnings: [] });
  }
  const asDeclared = decodeStrictly(expected, bytes);
  if (asDeclared !== null) {
    return withWarnings({ ok: true, encoding: expected, text: asDeclared, warnings: [] });
  }
  if (expected !== 'gb18030') {
    const gb = decodeStrictly('gb18030', bytes);
    if (gb !== null && declared !== null) {
      warnings.push(`declared charset ${declared} but the bytes are GB18030; decoded as GB18030`);
      return withWarnings({ ok: true, encoding: 'gb18030', text: gb, warnings: [] });
    }
  }
  return withWarnings(decodeLeniently(bytes, [expected]));
}

function looksLikeHtml(bytes: Uint8Array): boolean {
  const head = asciiView(bytes, 1024).replace(/^\ufeff|^\xef\xbb\xbf/, '').trimStart().toLowerCase();
  return head.startsWith('<!doctype html') || head.startsWith('<html');
}

function truncationWarning(html: string): string | null {
  const lastOpen = html.lastIndexOf('<');
  const lastClose = html.lastIndexOf('>');
  if (lastOpen > lastClose) {
    return 'page looks truncated (it ends inside a tag); kept what is there';
  }
  if (!/<\/html\s*>/i.test(html)) {
    return 'page looks truncated (no closing </html>); kept what is there';
  }
  return null;
}

function formatSize(size: number): string {
  return `${(size / MEGABYTE).toFixed(1)} MB`;
}

export function decode(raw: RawPage): Result<DecodedPage> {
  const { file, bytes } = raw;
  if (bytes.length === 0) {
    return fail(file, 'empty file (0 bytes)');
  }
  if (bytes.length > MAX_PAGE_BYTES) {
    return fail(file, `file is ${formatSize(bytes.length)}, over the ${MAX_PAGE_BYTES / MEGABYTE} MB limit`);
  }

  const bom = byteOrderMark(bytes);
  if (bom === null || bom.encoding === 'utf-8') {
    const reason = binaryReason(bytes);
    if (reason !== null) {
      return fail(file, reason);
    }
  }

  const warnings: string[] = [];
  let format: SourceFormat = HTML_EXTENSIONS.has(extensionOf(file)) ? 'html' : 'text';
  if (format === 'text' && looksLikeHtml(bytes)) {
    format = 'html';
    warnings.push('the file name does not say HTML but the content is an HTML page; treated as HTML');
  }

  let encoding: string;
  let text: string;
  if (bom !== null) {
    const body = bytes.subarray(bom.length);
    const strict = decodeStrictly(bom.encoding, body);
    if (strict === null) {
      const lenient = decodeLeniently(body, [bom.encoding]);
      if (!lenient.ok) {
        return fail(file, lenient.message);
      }
      warnings.push(...lenient.warnings);
      text = lenient.text;
    } else {
      text = strict;
    }
    encoding = bom.encoding;
  } else {
    const decoding = chooseDecoding(bytes, format === 'html' ? declaredCharset(bytes) : null);
    if (!decoding.ok) {
      return fail(file, decoding.message);
    }
    warnings.push(...decoding.warnings);
    encoding = decoding.encoding;
    text = decoding.text;
  }

  if (text.replace(/[\s\ufeff\u200b-\u200d\u2060]/gu, '').length === 0) {
    return fail(file, `empty file (only whitespace in ${bytes.length} bytes)`);
  }

  if (format === 'html') {
    const truncated = truncationWarning(text);
    if (truncated !== null) {
      warnings.push(truncated);
    }
  }

  return { ok: true, value: { file, format, encoding, text, warnings } };
}
