import { renderPreview } from '../../src/preview/page';

const image = {
  name: 'a.jpg', alternativeText: '捐赠仪式现场', url: '/uploads/a.jpg', caption: '捐赠仪式现场', width: 800, height: 600, formats: null,
  hash: 'a', ext: '.jpg', mime: 'image/jpeg', size: 10, previewUrl: null, provider: 'local', provider_metadata: null, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z',
};

describe('the preview page', () => {
  test('shows markup that a scraped page carried as the characters a reader would see, never as markup', () => {
    const html = renderPreview(
      { title: '<b>标题</b>', body: [{ type: 'paragraph', children: [{ type: 'text', text: '正文 <script>alert(1)</script> 与 <img src=x onerror=alert(2)> 第1. 条' }] }] },
      'draft'
    );
    expect(html).not.toMatch(/<script>|<img src=x|<b>标题/);
    expect(html).toContain('正文 &lt;script&gt;alert(1)&lt;/script&gt; 与 &lt;img src=x onerror=alert(2)&gt; 第1. 条');
    expect(html).toContain('&lt;b&gt;标题&lt;/b&gt;');
  });

  test('shows the body in reading order: paragraphs, headings, quotes, lists and photos with their captions', () => {
    const html = renderPreview(
      {
        title: '某某商会捐赠',
        body: [
          { type: 'paragraph', children: [{ type: 'text', text: '商会会员' }, { type: 'text', text: '踊跃', bold: true }, { type: 'text', text: '捐款。' }] },
          { type: 'heading', level: 2, children: [{ type: 'text', text: '捐赠仪式' }] },
          { type: 'image', image, children: [{ type: 'text', text: '' }] },
          { type: 'quote', children: [{ type: 'text', text: '感谢大家。' }] },
          { type: 'list', format: 'unordered', children: [{ type: 'list-item', children: [{ type: 'text', text: '张三' }] }, { type: 'list-item', children: [{ type: 'text', text: '李四' }] }] },
        ],
      },
      'published'
    );
    const article = html.slice(html.indexOf('<article>'), html.indexOf('</article>'));
    expect(article).toBe(
      '<article><p>商会会员<strong>踊跃</strong>捐款。</p>\n<h2>捐赠仪式</h2>\n<figure><img src="/uploads/a.jpg" alt="捐赠仪式现场"><figcaption>捐赠仪式现场</figcaption></figure>\n' +
        '<blockquote>感谢大家。</blockquote>\n<ul><li>张三</li><li>李四</li></ul>'
    );
  });
});
