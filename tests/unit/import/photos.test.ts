import { analyse } from '../../../src/import/analyse';
import { articleFields } from '../../../src/import/plan';
import { emptyIndex, resolve } from '../../../src/import/resolve';
import { absolutePhotoUrl, coverOf } from '../../../src/import/photos';
import type { AnalysedDocument } from '../../../src/import/resolve';

const PAGE_URL = 'https://news.example.org/2024/05/harbour.html';

/** An article page of an invented chamber's site, with its furniture, story and photos. */
const page = (story: string): string => `<!doctype html>
<html><head><meta charset="utf-8"><title>海川港口商会举行年会 - 海川港口商会</title>
<link rel="canonical" href="${PAGE_URL}"></head>
<body>
<header><img src="/images/logo.png" alt="海川港口商会"><nav><a href="/">首页</a> <a href="/news/">新闻动态</a></nav></header>
<article>
<h1>海川港口商会举行年会</h1>
<p>来源：海川港口商会 发布时间：2024-05-06</p>
${story}
</article>
<footer><img src="/static/qrcode.jpg" alt="微信二维码"><p>版权所有 海川港口商会</p></footer>
</body></html>`;

const analysed = (html: string): AnalysedDocument => {
  const result = analyse({ file: 'harbour.html', bytes: new TextEncoder().encode(html) });
  if (!result.ok) throw new Error(result.problem.message);
  return result.value;
};

const bodyOf = (html: string) => articleFields(resolve(analysed(html), emptyIndex()).article).body;

describe('the importer keeps the photos of a story', () => {
  test('a photo with its caption printed under it becomes a photo block with the image address made absolute', () => {
    const body = bodyOf(
      page(`<p>5月6日，海川港口商会在会展中心举行年会，三百余名会员出席。</p>
<p><img src="../../uploads/2024/annual-meeting.jpg"></p>
<p>年会现场（王小川 摄）</p>
<p>会长在年会上作工作报告，回顾了商会一年来的工作。</p>`),
    );
    expect(body).toEqual([
      { type: 'paragraph', text: '5月6日，海川港口商会在会展中心举行年会，三百余名会员出席。' },
      { type: 'caption', text: '年会现场（王小川 摄）', sourceUrl: 'https://news.example.org/uploads/2024/annual-meeting.jpg' },
      { type: 'paragraph', text: '会长在年会上作工作报告，回顾了商会一年来的工作。' },
    ]);
  });

  test('a figure is captioned by its figcaption, even one long enough to pass for a paragraph', () => {
    const caption = '会长在年会上作工作报告，回顾了商会一年来在服务会员、助力港口发展和公益慈善等方面所做的大量工作。';
    const body = bodyOf(
      page(`<p>5月6日，海川港口商会在会展中心举行年会，三百余名会员出席。</p>
<figure><img src="https://cdn.example.org/photos/report.jpg" alt="图片"><figcaption>${caption}</figcaption></figure>
<p>会议审议通过了商会年度财务报告。</p>`),
    );
    expect(body[1]).toEqual({ type: 'caption', text: caption, sourceUrl: 'https://cdn.example.org/photos/report.jpg' });
    expect(body).toHaveLength(3);
  });

  test('a photo without a printed caption gets a photo block of its own, captioned by its alt text', () => {
    const body = bodyOf(
      page(`<p>5月6日，海川港口商会在会展中心举行年会，三百余名会员出席。</p>
<p><img src="//news.example.org/uploads/hall.jpg" alt="会展中心外景"></p>
<p>会长在年会上作工作报告，回顾了商会一年来的工作。</p>`),
    );
    expect(body.map((block) => block.type)).toEqual(['paragraph', 'caption', 'paragraph']);
    expect(body[1]).toEqual({ type: 'caption', text: '会展中心外景', sourceUrl: 'https://news.example.org/uploads/hall.jpg' });
  });

  test('logos, QR codes, tracking pixels, icons, inline data and the site header and footer images are left out', () => {
    const body = bodyOf(
      page(`<p>5月6日，海川港口商会在会展中心举行年会，三百余名会员出席。<img src="/images/icon-print.gif"></p>
<p><img src="data:image/png;base64,iVBORw0KGgo=" alt="会场"></p>
<p><img src="https://hm.baidu.com/hm.gif?si=abc" width="1" height="1"></p>
<p><img src="/uploads/2024/tiny.jpg" width="16" height="16"></p>
<p><img src="/uploads/share/weixin.png"></p>
<p>会长在年会上作工作报告，回顾了商会一年来的工作。</p>`),
    );
    expect(body.filter((block) => block.sourceUrl !== undefined)).toEqual([]);
  });

  test('the lazy-loaded address is taken over the placeholder', () => {
    const body = bodyOf(
      page(`<p>5月6日，海川港口商会在会展中心举行年会，三百余名会员出席。</p>
<p><img src="/images/loading.gif" data-original="/uploads/2024/guests.jpg"></p>
<p>嘉宾合影</p>
<p>会长在年会上作工作报告，回顾了商会一年来的工作。</p>`),
    );
    expect(body.find((block) => block.sourceUrl !== undefined)).toEqual({ type: 'caption', text: '嘉宾合影', sourceUrl: 'https://news.example.org/uploads/2024/guests.jpg' });
  });

  test('the first photo wide enough is the cover candidate', () => {
    const { article } = resolve(
      analysed(
        page(`<p>5月6日，海川港口商会在会展中心举行年会，三百余名会员出席。</p>
<p><img src="/uploads/2024/badge.jpg" width="120" height="120"></p>
<p>会长在年会上作工作报告，回顾了商会一年来的工作。</p>
<p><img src="/uploads/2024/stage.jpg" width="800" height="450"></p>
<p>年会现场</p>`),
      ),
      emptyIndex(),
    );
    expect(article.cover).toBe('https://news.example.org/uploads/2024/stage.jpg');
  });

  test('a page without images imports its body as before, with no photo fields', () => {
    const body = bodyOf(page('<p>5月6日，海川港口商会在会展中心举行年会，三百余名会员出席。</p>'));
    expect(body).toEqual([{ type: 'paragraph', text: '5月6日，海川港口商会在会展中心举行年会，三百余名会员出席。' }]);
  });
});

describe('photo addresses', () => {
  test.each([
    ['/a/b.jpg', PAGE_URL, 'https://news.example.org/a/b.jpg'],
    ['b.jpg', PAGE_URL, 'https://news.example.org/2024/05/b.jpg'],
    ['//cdn.example.org/b.jpg', 'http://news.example.org/', 'http://cdn.example.org/b.jpg'],
    ['https://cdn.example.org/b.jpg', null, 'https://cdn.example.org/b.jpg'],
    ['/a/b.jpg', null, null],
    ['javascript:alert(1)', PAGE_URL, null],
    ['ftp://files.example.org/b.jpg', PAGE_URL, null],
  ])('%s on %s is %s', (src, pageUrl, expected) => {
    expect(absolutePhotoUrl(src, pageUrl)).toBe(expected);
  });

  test('without a wide photo the first is the cover candidate, and without photos there is none', () => {
    expect(coverOf([{ src: 'a', width: 100 }, { src: 'b', width: 120 }])).toBe('a');
    expect(coverOf([])).toBeNull();
  });
});
