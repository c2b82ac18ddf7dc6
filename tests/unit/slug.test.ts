import { firstFreeSlug, slugify, SLUG_MAX_LENGTH } from '../../src/utils/slug';

describe('slugify', () => {
  test('turns Chinese into toneless pinyin words', () => {
    expect(slugify('海川市总商会')).toBe('hai-chuan-shi-zong-shang-hui');
  });

  test('keeps ASCII words and numbers, drops punctuation and quotes', () => {
    expect(slugify('“三加强”理念：2020 ABC公司（北京）')).toBe('san-jia-qiang-li-nian-2020-abc-gong-si-bei-jing');
  });

  test('is ASCII and URL-safe for any input', () => {
    for (const title of ['Ünïcødé café', '！！！', '商会 & 协会 / 工商联?', 'Ａｂｃ１２３']) {
      expect(slugify(title)).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    }
  });

  test('cuts long titles at a word boundary', () => {
    const slug = slugify('中国中小商业企业协会会员企业复工复产和自救工作经验交流会今日在京召开并发布倡议书');
    expect(slug.length).toBeLessThanOrEqual(SLUG_MAX_LENGTH);
    expect(slug.endsWith('-')).toBe(false);
  });

  test('falls back to a word when nothing sluggable is left', () => {
    expect(slugify('！？')).toBe('article');
  });
});

describe('firstFreeSlug', () => {
  test('adds -2, -3 until the slug is free', async () => {
    const taken = new Set(['a', 'a-2']);
    expect(await firstFreeSlug('a', async (slug) => taken.has(slug))).toBe('a-3');
    expect(await firstFreeSlug('b', async (slug) => taken.has(slug))).toBe('b');
  });

  test('a long slug cut to make room for the suffix never ends in a double hyphen', async () => {
    // 79 characters: the cut to 78 that makes room for "-2" falls just after a hyphen.
    const base = `${'ab-'.repeat(26)}a`;
    expect(base.length).toBe(79);
    const slug = await firstFreeSlug(base, async (candidate) => candidate === base);
    expect(slug).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    expect(slug.length).toBeLessThanOrEqual(SLUG_MAX_LENGTH);
    expect(slug.endsWith('-2')).toBe(true);
  });
});
