import { snippetOf } from '../../../src/search/snippet';

describe('snippets', () => {
  test('marks every match, escapes everything else', () => {
    expect(snippetOf('会员<b>捐赠</b>物资 & 捐赠款', ['捐赠'])).toBe('会员&lt;b&gt;<mark>捐赠</mark>&lt;/b&gt;物资 &amp; <mark>捐赠</mark>款');
  });

  test('marks traditional text for a simplified term, keeping the text as printed', () => {
    expect(snippetOf('本會向災區捐贈物資', ['捐赠'])).toBe('本會向災區<mark>捐贈</mark>物資');
  });

  test('a long text is cut around its first match, with ellipses where it was cut', () => {
    const text = `${'前'.repeat(200)}捐赠${'后'.repeat(200)}`;
    const snippet = snippetOf(text, ['捐赠'], 60);
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippet.endsWith('…')).toBe(true);
    expect(snippet).toContain(`${'前'.repeat(30)}<mark>捐赠</mark>`);
    expect(snippet.replace(/<\/?mark>|…/g, '')).toHaveLength(60);
  });

  test('longer terms win over the shorter ones inside them', () => {
    expect(snippetOf('石溪县工商联召开会议', ['石溪县工商联', '工商联'])).toBe('<mark>石溪县工商联</mark>召开会议');
  });

  test('without a match, the start of the text; line breaks become spaces', () => {
    expect(snippetOf('第一段\n\n第二段', ['无关'])).toBe('第一段 第二段');
  });
});
