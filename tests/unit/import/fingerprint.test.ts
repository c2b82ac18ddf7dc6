import fs from 'fs';
import os from 'os';
import path from 'path';
import { analyse } from '../../../src/import/analyse';
import {
  decodeSignature,
  encodeSignature,
  mayBeSimilar,
  SAME_ARTICLE_SIMILARITY,
  signatureOf,
  similarity,
  similarityAtLeast,
  textFingerprint,
} from '../../../src/import/fingerprint';
import { writeCorpus } from '../../../bench/corpus';

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** An invented article in the genre's style. */
const ARTICLE = [
  '临江市青年企业家商会召开第三届会员大会',
  '3月18日，临江市青年企业家商会第三届会员大会在市民营经济服务中心召开，120余名会员企业代表出席会议。',
  '会议审议通过了第二届理事会工作报告和财务报告，选举产生了第三届理事会。临江宏远科技有限公司董事长韩知远当选会长，周明澜、欧阳立新当选常务副会长。',
  '韩知远在讲话中表示，新一届理事会将围绕服务会员、服务发展的宗旨，搭建交流合作平台，带领青年企业家在产业升级中发挥更大作用。',
  '会上，商会还向市慈善总会捐赠助学资金38万元，用于资助家庭困难的在校学生。',
].join('\n');

const OTHER_ARTICLE = [
  '临江市青年企业家商会赴山区开展助学活动',
  '5月9日，临江市青年企业家商会组织部分会员企业赴北岭镇中心小学开展助学活动，为学校送去图书、文具和体育器材。',
  '商会会长韩知远介绍，商会将把助学作为一项长期工作，每年组织会员企业走进山区学校，帮助孩子们改善学习条件。',
  '北岭镇中心小学负责人对商会的支持表示感谢，并希望双方继续加强联系。活动中，会员企业代表还与师生进行了交流。',
].join('\n');

const similarityOf = (a: string, b: string): number => similarity(signatureOf(a), signatureOf(b));

describe('the near-duplicate fingerprint', () => {
  test('the same text has similarity 1, whatever its punctuation, spacing or Markdown escapes', () => {
    expect(similarityOf(ARTICLE, ARTICLE)).toBe(1);
    expect(similarityOf(ARTICLE, ARTICLE.replace(/，/g, ', ').replace(/。/g, '. \\*'))).toBe(1);
  });

  test('one character changed is the same article', () => {
    expect(similarityOf(ARTICLE, ARTICLE.replace('38万元', '36万元'))).toBeGreaterThanOrEqual(0.9);
  });

  test('a paragraph added or removed is the same article', () => {
    const added = `${ARTICLE}\n会议期间，与会代表还参观了临江市高新技术产业园，了解园区企业的发展情况。`;
    expect(similarityOf(ARTICLE, added)).toBeGreaterThanOrEqual(SAME_ARTICLE_SIMILARITY);
    const removed = ARTICLE.split('\n').filter((_, line) => line !== 3).join('\n');
    expect(similarityOf(ARTICLE, removed)).toBeGreaterThanOrEqual(SAME_ARTICLE_SIMILARITY);
  });

  test('another article of the same chamber, naming the same people, is not the same article', () => {
    expect(similarityOf(ARTICLE, OTHER_ARTICLE)).toBeLessThan(SAME_ARTICLE_SIMILARITY / 2);
  });

  test('a stored fingerprint reads back as the same signature; another scheme or garbage reads as none', () => {
    const signature = signatureOf(ARTICLE);
    expect(decodeSignature(encodeSignature(signature))).toEqual(signature);
    expect(decodeSignature(textFingerprint(ARTICLE))).toEqual(signature);
    expect(decodeSignature('simhash64:0123456789abcdef')).toBeNull();
    expect(decodeSignature('minhash5x256:abc')).toBeNull();
    expect(decodeSignature(null)).toBeNull();
  });

  test('the similarity is read in full when it reaches the floor, and given up when it cannot', () => {
    const signature = signatureOf(ARTICLE);
    const edited = signatureOf(ARTICLE.replace('38万元', '36万元'));
    expect(similarityAtLeast(signature, edited, SAME_ARTICLE_SIMILARITY)).toBe(similarity(signature, edited));
    expect(similarityAtLeast(signature, signature, 1)).toBe(1);
    expect(similarityAtLeast(signature, signatureOf(OTHER_ARTICLE), SAME_ARTICLE_SIMILARITY)).toBeNull();
    expect(similarityAtLeast(signature, edited, Math.min(1, similarity(signature, edited) + 1 / 256))).toBeNull();
  });

  test('the quick check keeps a similar text and drops an unrelated one', () => {
    const signature = signatureOf(ARTICLE);
    expect(mayBeSimilar(signature, signatureOf(ARTICLE.replace('38万元', '36万元')))).toBe(true);
    expect(mayBeSimilar(signature, signatureOf('今天天气晴朗，气温适宜，适合外出散步和晾晒衣物。'))).toBe(false);
  });
});

/** The page's text as the importer fingerprints it: headline and blocks after clean and parse. */
const cleanedText = (file: string, raw: string): string | null => {
  const result = analyse({ file, bytes: Buffer.from(raw) });
  if (!result.ok) return null;
  return [result.value.parsed.title ?? '', ...result.value.parsed.blocks.map((block) => block.text)].join('\n');
};

const pagesIn = (directory: string) => fs.readdirSync(directory).sort().map((name) => ({ name, raw: fs.readFileSync(path.join(directory, name), 'utf8') }));

const BOILERPLATE_ABOVE = ['责任编辑：方小禾', '扫一扫在手机打开当前页'];
const BOILERPLATE_BELOW = ['【打印本页】【关闭窗口】', '版权所有：某某市工商业联合会 备案号：京ICP备12345678号'];
const PARAGRAPH = '会后，与会代表还实地参观了园区内的多家会员企业，详细了解企业在技术创新、市场开拓和人才培养等方面的做法，并就下一步加强交流合作等问题进行了深入讨论。';

/** The smallest similarity of a page to each of its realistic edits, analysed as the importer analyses pages. */
const smallestEditSimilarity = (page: { name: string; raw: string }): number | null => {
  const base = cleanedText(page.name, page.raw);
  if (base === null) return null;
  const lines = page.raw.split('\n');
  const middle = Math.floor(lines.length / 2);
  const chars = [...page.raw];
  let changed = Math.floor(chars.length / 2);
  while (changed < chars.length - 1 && !/[\u4e00-\u9fff]/u.test(chars[changed])) changed += 1;
  chars[changed] = chars[changed] === '的' ? '地' : '的';
  const edits = [chars.join(''), [...BOILERPLATE_ABOVE, ...lines, ...BOILERPLATE_BELOW].join('\n')];
  // A paragraph only counts as a realistic edit while it is at most a third of the text.
  if ([...PARAGRAPH].length <= base.length / 3) edits.push([...lines.slice(0, middle), PARAGRAPH, ...lines.slice(middle)].join('\n'));
  const signature = signatureOf(base);
  const values = edits.map((edited) => cleanedText(page.name, edited)).filter((text): text is string => text !== null).map((text) => similarity(signature, signatureOf(text)));
  return Math.min(...values);
};

const largestPairSimilarity = (texts: string[]): number => {
  const signatures = texts.map(signatureOf);
  let largest = 0;
  for (let a = 0; a < signatures.length; a += 1) for (let b = a + 1; b < signatures.length; b += 1) largest = Math.max(largest, similarity(signatures[a], signatures[b]));
  return largest;
};

describe('the threshold, measured on pages analysed as the importer analyses them', () => {
  const real = [...pagesIn(path.join(ROOT, 'data', 'eval', 'corpus', 'pages')), ...pagesIn(path.join(ROOT, 'data', 'documents'))];
  const generatedDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'fingerprint-'));
  writeCorpus(generatedDirectory, 120, 99);
  const generated = pagesIn(generatedDirectory);
  afterAll(() => fs.rmSync(generatedDirectory, { recursive: true, force: true }));

  test('every realistic edit of a page (a character, boilerplate, a paragraph) stays at or above it', () => {
    const smallest = [...real, ...generated.slice(0, 30)].map(smallestEditSimilarity).filter((value): value is number => value !== null);
    expect(smallest.length).toBeGreaterThan(30);
    expect(Math.min(...smallest)).toBeGreaterThanOrEqual(SAME_ARTICLE_SIMILARITY + 0.1);
  });

  test('no two different articles come near it, not even on one templated site', () => {
    const texts = (pages: typeof real) => pages.map((page) => cleanedText(page.name, page.raw)).filter((text): text is string => text !== null);
    expect(largestPairSimilarity(texts(real))).toBeLessThan(SAME_ARTICLE_SIMILARITY / 4);
    expect(largestPairSimilarity(texts(generated))).toBeLessThan(SAME_ARTICLE_SIMILARITY - 0.1);
  });
});
