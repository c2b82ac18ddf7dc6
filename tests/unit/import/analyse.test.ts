import { analyse, GENERATED_TITLE_REASON } from '../../../src/import/analyse';
import { emptyIndex, resolve } from '../../../src/import/resolve';
import type { AnalysedDocument } from '../../../src/import/resolve';

const page = (file: string, text: string | Buffer) => ({ file, bytes: typeof text === 'string' ? Buffer.from(text) : text });

const analysed = (file: string, text: string | Buffer): AnalysedDocument => {
  const result = analyse(page(file, text));
  if (!result.ok) throw new Error(result.problem.message);
  return result.value;
};

const LEAD = '4月16日下午，青禾市餐饮商会第三届会员大会在市会展中心召开。';
const STORY = [
  '会议审议通过了第二届理事会工作报告和财务报告，选举产生了新一届理事会，周明远当选会长。',
  '周明远表示，新一届理事会将进一步加强商会自身建设，做好会员服务，带领会员企业共同发展。',
];
const BODY_ONLY = [LEAD, ...STORY].join('\n');

/** A scraped page of the usual size, about 2,000 bytes, that the scraper cut off. */
const longStory = (ending: string): string => [LEAD, ...Array.from({ length: 7 }, () => STORY.join('')), ending].join('\n');

describe('a page that prints no headline', () => {
  test('is imported under a title made from its first sentence, and the article is flagged for review with the reason', () => {
    const doc = analysed('body-only.txt', BODY_ONLY);
    expect(doc.parsed.title).toBe('青禾市餐饮商会第三届会员大会在市会展中心召开');
    expect(doc.parsed.blocks.map((block) => block.text)).toEqual([LEAD, ...STORY]);
    expect(doc.warnings).toContain('no headline found: the title "青禾市餐饮商会第三届会员大会在市会展中心召开" was made from the first sentence of the text');
    const { article } = resolve(doc, emptyIndex());
    expect(article.title).toBe('青禾市餐饮商会第三届会员大会在市会展中心召开');
    expect(article.reviewReasons).toContain(`${GENERATED_TITLE_REASON}：「青禾市餐饮商会第三届会员大会在市会展中心召开」`);
  });

  test('that opens with a dateline gets its source from the dateline and a title without it', () => {
    const doc = analysed('dateline.txt', `云州日报讯（记者 林若溪）${LEAD}\n${STORY.join('\n')}`);
    expect(doc.parsed).toMatchObject({ title: '青禾市餐饮商会第三届会员大会在市会展中心召开', source: '云州日报', reporter: '林若溪', date: null });
  });

  test('in HTML takes the page\'s <title> without the site name, and is not flagged', () => {
    const html = `<html><head><title>青禾市餐饮商会召开第三届会员大会_商会动态_青禾市餐饮商会</title></head><body><p>${LEAD}</p><p>${STORY[0]}</p></body></html>`;
    const doc = analysed('no-headline.html', html);
    expect(doc.parsed.title).toBe('青禾市餐饮商会召开第三届会员大会');
    expect(resolve(doc, emptyIndex()).article.reviewReasons.some((reason) => reason.startsWith(GENERATED_TITLE_REASON))).toBe(false);
  });
});

test('a page that prints its headline is imported under it and is not flagged for a made-up title', () => {
  const doc = analysed('headline.txt', `青禾市餐饮商会召开第三届会员大会\n来源：云州日报\n${BODY_ONLY}`);
  expect(doc.parsed.title).toBe('青禾市餐饮商会召开第三届会员大会');
  expect(doc.extraction.uncertain.some((reason) => reason.startsWith(GENERATED_TITLE_REASON))).toBe(false);
  expect(doc.warnings.some((warning) => warning.includes('headline'))).toBe(false);
});

describe('a page cut off at the end', () => {
  test('inside a character is imported without the broken character, with a warning that it looks truncated', () => {
    const bytes = Buffer.concat([Buffer.from(longStory('会后与会代表参观了会员企业的生产车间，')), Buffer.from('作').subarray(0, 2)]);
    const doc = analysed('cut-bytes.txt', bytes);
    const last = doc.parsed.blocks[doc.parsed.blocks.length - 1].text;
    expect(last).toBe('会后与会代表参观了会员企业的生产车间，');
    expect(doc.parsed.blocks.some((block) => block.text.includes('\ufffd'))).toBe(false);
    expect(doc.warnings.filter((warning) => warning.includes('looks truncated'))).toEqual(['the page looks truncated: it ends inside a character, which was dropped']);
  });

  test('with the replacement character the scraper stored is imported without it, with the same warning', () => {
    const doc = analysed('cut-char.txt', longStory('会后与会代表参观了会员企业的生产车间，与会企业代\ufffd'));
    expect(doc.parsed.blocks[doc.parsed.blocks.length - 1].text).toBe('会后与会代表参观了会员企业的生产车间，与会企业代');
    expect(doc.warnings).toContain('the page looks truncated: it ends inside a character, which was dropped');
  });

  test('in the middle of a sentence is imported with a warning that it looks truncated', () => {
    const doc = analysed('cut-sentence.txt', longStory('会后与会代表参观了会员企业的生产车间，与会企业代表'));
    expect(doc.parsed.blocks[doc.parsed.blocks.length - 1].text).toBe('会后与会代表参观了会员企业的生产车间，与会企业代表');
    expect(doc.warnings).toContain('the page looks truncated: its text stops mid-sentence ("…员企业的生产车间，与会企业代表")');
  });

  test('is not suspected when the page ends with a full sentence or a signature', () => {
    for (const ending of ['会议在热烈的掌声中圆满结束。', '青禾市餐饮商会']) {
      expect(analysed('whole.txt', longStory(ending)).warnings.some((warning) => warning.includes('looks truncated'))).toBe(false);
    }
  });
});

describe('a page with no article text', () => {
  const refusal = /^no article text found: the page holds only site boilerplate \(menus, headers, footers\) or nothing at all$/;

  test('a text page of nothing but site boilerplate is refused with a one-line reason', () => {
    const text = ['首页 | 商会概况 | 新闻动态 | 会员服务 | 联系我们', '版权所有：青禾市餐饮商会', '地址：青禾市人民路1号 电话：0571-88886666', '备案号：浙ICP备12345678号'].join('\n');
    expect(analyse(page('boilerplate.txt', text))).toEqual({ ok: false, problem: { file: 'boilerplate.txt', message: expect.stringMatching(refusal) } });
  });

  test('an HTML page of nothing but navigation and footer is refused with a one-line reason', () => {
    const html = '<html><head><title>青禾市餐饮商会</title></head><body><nav><a>首页</a><a>新闻动态</a></nav><footer>版权所有：青禾市餐饮商会</footer></body></html>';
    expect(analyse(page('boilerplate.html', html))).toEqual({ ok: false, problem: { file: 'boilerplate.html', message: expect.stringMatching(refusal) } });
  });

  test('a page with a headline and a meta line but no text under them is refused', () => {
    const result = analyse(page('headline-only.txt', '青禾市餐饮商会召开第三届会员大会\n来源：云州日报 日期：2023-05-12'));
    expect(result).toEqual({ ok: false, problem: { file: 'headline-only.txt', message: expect.stringMatching(refusal) } });
  });
});
