import { renderPreview } from '../../src/preview/page';

describe('the preview page', () => {
  test('shows markup that a scraped page carried as the characters a reader would see, never as markup', () => {
    const html = renderPreview(
      { title: '<b>标题</b>', body: [{ __component: 'body.paragraph', text: '正文 \\<script\\>alert(1)\\</script\\> 与 \\<img src=x onerror=alert(2)\\> 第1\\. 条' }] },
      'draft'
    );
    expect(html).not.toMatch(/<script>|<img src=x|<b>标题/);
    expect(html).toContain('正文 &lt;script&gt;alert(1)&lt;/script&gt; 与 &lt;img src=x onerror=alert(2)&gt; 第1. 条');
    expect(html).toContain('&lt;b&gt;标题&lt;/b&gt;');
  });
});
