import { signatureOf } from '../../../src/import/fingerprint';
import { identityReviewReason, matchArticle, relativePathOf, urlUnderBase, type PageOrigin } from '../../../src/import/identity';
import { emptyIndex, rememberArticle, type EntityIndex } from '../../../src/import/known';
import { pathOfKey } from '../../../src/import/keys';

const TEXT = [
  '临江市青年企业家商会召开第三届会员大会',
  '3月18日，临江市青年企业家商会第三届会员大会在市民营经济服务中心召开，120余名会员企业代表出席会议。',
  '会议审议通过了第二届理事会工作报告和财务报告，选举产生了第三届理事会。临江宏远科技有限公司董事长韩知远当选会长。',
  '会上，商会还向市慈善总会捐赠助学资金38万元，用于资助家庭困难的在校学生。',
].join('\n');

const OTHER = [
  '北岭县工商联举办民营企业招聘会',
  '6月2日，北岭县工商联联合县人社局举办民营企业专场招聘会，40余家企业提供就业岗位600多个。',
  '县工商联主席周明澜表示，将持续搭建平台，帮助企业解决用工难题。',
].join('\n');

const known = (index: EntityIndex, key: string, text: string, importedBy: string | null = null) => {
  rememberArticle(index, {
    key,
    contentHash: `hash-${key}`,
    documentId: `doc-${key}`,
    published: false,
    headline: { title: text.split('\n')[0], date: null, source: null, url: null },
    signature: signatureOf(text),
    importedBy,
  });
};

const origin = (relativePath: string, url: string | null = null): PageOrigin => ({ relativePath, url });

describe('which article a page is', () => {
  test('a page with a URL is the article with that URL, whatever its text', () => {
    const index = emptyIndex();
    known(index, 'url:https://example.org/1', OTHER);
    expect(matchArticle(index, origin('a.html', 'https://example.org/1'), signatureOf(TEXT), 'a.html')).toMatchObject({ rule: 'url', key: 'url:https://example.org/1' });
  });

  test('a page without a URL, one character changed, is the article imported from the same path', () => {
    const index = emptyIndex();
    known(index, 'path:news/a.txt', TEXT);
    const match = matchArticle(index, origin('news/a.txt'), signatureOf(TEXT.replace('38万元', '36万元')), 'news/a.txt');
    expect(match).toMatchObject({ rule: 'path', key: 'path:news/a.txt', matchedKey: 'path:news/a.txt' });
    expect(match.similarity).toBeLessThan(1);
    expect(match.similarity).toBeGreaterThan(0.9);
  });

  test('a different article now at a path that had one is a new article, with a key of its own', () => {
    const index = emptyIndex();
    known(index, 'path:news/a.txt', TEXT);
    const match = matchArticle(index, origin('news/a.txt'), signatureOf(OTHER), 'news/a.txt');
    expect(match.rule).toBe('new');
    expect(match.key).toMatch(/^path:news\/a\.txt#[0-9a-f]{8}$/);
    expect(pathOfKey(match.key)).toBe('news/a.txt');
  });

  test('of two articles imported from one path, each is found at that path again when its page changes', () => {
    const index = emptyIndex();
    known(index, 'path:news/a.txt', TEXT);
    known(index, 'path:news/a.txt#0123abcd', OTHER);
    const second = matchArticle(index, origin('news/a.txt'), signatureOf(OTHER.replace('600多个', '700多个')), 'news/a.txt');
    expect(second).toMatchObject({ rule: 'path', key: 'path:news/a.txt#0123abcd', matchedKey: 'path:news/a.txt#0123abcd' });
    const first = matchArticle(index, origin('news/a.txt'), signatureOf(TEXT.replace('38万元', '36万元')), 'news/a.txt');
    expect(first).toMatchObject({ rule: 'path', key: 'path:news/a.txt', matchedKey: 'path:news/a.txt' });
  });

  test('a page moved to another path is the same article by its text, and takes the new path as its key', () => {
    const index = emptyIndex();
    known(index, 'path:old/a.txt', TEXT);
    expect(matchArticle(index, origin('new/a.txt'), signatureOf(TEXT), 'new/a.txt')).toMatchObject({ rule: 'fingerprint', key: 'path:new/a.txt', matchedKey: 'path:old/a.txt', similarity: 1 });
  });

  test('an article imported before paths were kept is found by its text and keyed by path or URL from now on', () => {
    const index = emptyIndex();
    known(index, 'text:0123456789abcdef0123456789abcdef', TEXT);
    expect(matchArticle(index, origin('a.txt'), signatureOf(TEXT), 'a.txt')).toMatchObject({ rule: 'fingerprint', key: 'path:a.txt' });
    expect(matchArticle(index, origin('a.txt', 'https://example.org/a'), signatureOf(TEXT), 'a.txt')).toMatchObject({ rule: 'fingerprint', key: 'url:https://example.org/a' });
  });

  test('two pages with different URLs are two articles however alike their text', () => {
    const index = emptyIndex();
    known(index, 'url:https://example.org/1', TEXT);
    expect(matchArticle(index, origin('b.html', 'https://example.org/2'), signatureOf(TEXT), 'b.html')).toMatchObject({ rule: 'new', key: 'url:https://example.org/2' });
  });

  test('an article another file of this run was imported as is not taken again: the page is new, flagged as a likely duplicate', () => {
    const index = emptyIndex();
    known(index, 'path:a.txt', TEXT, 'dir/a.txt');
    const match = matchArticle(index, origin('b.txt'), signatureOf(TEXT), 'dir/b.txt');
    expect(match).toMatchObject({ rule: 'new', key: 'path:b.txt', duplicateOf: 'path:a.txt' });
    expect(identityReviewReason(match, true, () => '临江市青年企业家商会召开第三届会员大会')).toMatch(/可能重复|是否重复/);
  });

  test('a match by text is flagged for review when the page changed, not when only the reading of it did', () => {
    const match = { rule: 'path' as const, key: 'path:a.txt', matchedKey: 'path:a.txt', similarity: 0.96, duplicateOf: null };
    expect(identityReviewReason(match, true, () => '标题')).toMatch(/0\.96/);
    expect(identityReviewReason(match, false, () => '标题')).toBeNull();
    expect(identityReviewReason({ ...match, similarity: 1 }, true, () => '标题')).toBeNull();
    expect(identityReviewReason({ ...match, rule: 'url', similarity: null }, true, () => '标题')).toBeNull();
  });
});

describe('where a page comes from', () => {
  test('its path is relative to the directory given, or the file name for a file given by name', () => {
    expect(relativePathOf('/data/site/2021/a.html', ['/data/site'])).toBe('2021/a.html');
    expect(relativePathOf('/data/site/2021/a.html', ['/data/site/2021/a.html'])).toBe('a.html');
  });

  test('--base-url maps a path to the URL it was saved from', () => {
    expect(urlUnderBase('https://example.org/news', '2021/a b.html')).toBe('https://example.org/news/2021/a%20b.html');
    expect(urlUnderBase('https://example.org/news/', '2021/商会.html')).toBe('https://example.org/news/2021/%E5%95%86%E4%BC%9A.html');
  });
});
