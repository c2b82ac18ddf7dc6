import { blocksText, type BlockImage, type Blocks } from '../../../src/body/blocks';
import { markdownBlocks } from '../../../src/body/markdown';
import { bodyBlocks, canonicalBody, paragraphBlocks, placedImages } from '../../../src/import/body';
import { bodyWithPhotos, fingerprint, markdownText, type BodyBlock } from '../../../src/import/plan';

const file: BlockImage = {
  name: 'gift.jpg', alternativeText: null, url: '/uploads/gift_1.jpg', caption: null, width: 800, height: 600, formats: null,
  hash: 'gift_1', ext: '.jpg', mime: 'image/jpeg', size: 12.5, previewUrl: null, provider: 'local', provider_metadata: null,
  createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z',
};

/** A body as the importer plans it for a page (plan.ts), with markup characters the page printed. */
const planned: BodyBlock[] = bodyWithPhotos(
  [
    { type: 'paragraph', text: '某某商会会员踊跃捐款 <script>alert(1)</script> *共* [计](javascript:x) 50万元。' },
    { type: 'subheading', text: '捐赠仪式' },
    { type: 'caption', text: '捐赠仪式现场' },
    { type: 'paragraph', text: '1. 第一条\n# 不是标题' },
  ],
  [
    { src: 'https://news.example.org/a.jpg', caption: '捐赠仪式现场', block: 2, captioned: true, width: null },
    { src: 'images/b.jpg', caption: '', block: 3, captioned: false, width: null },
  ],
);

describe('the article body as blocks', () => {
  test('the importer writes paragraphs, a level-2 heading and photos with their captions, in reading order', () => {
    const blocks = bodyBlocks(planned, new Map([['https://news.example.org/a.jpg', file]]));
    expect(blocks.map((node) => node.type)).toEqual(['paragraph', 'heading', 'image', 'paragraph', 'paragraph']);
    expect(blocksText(blocks)).toEqual(['某某商会会员踊跃捐款 <script>alert(1)</script> *共* [计](javascript:x) 50万元。', '捐赠仪式', '捐赠仪式现场', '', '1. 第一条\n# 不是标题']);
    expect(blocks[2]).toMatchObject({ type: 'image', image: { url: '/uploads/gift_1.jpg', caption: '捐赠仪式现场', alternativeText: '捐赠仪式现场' }, sourceUrl: 'https://news.example.org/a.jpg' });
  });

  test('a photo that was not fetched keeps its caption as an italic line with its address, and reads back as that caption', () => {
    const [line] = bodyBlocks([{ type: 'caption', text: '会场一角', sourceUrl: 'images/c.jpg' }]);
    expect(line).toEqual({ type: 'paragraph', children: [{ type: 'text', text: '会场一角', italic: true }], sourceUrl: 'images/c.jpg' });
    expect(canonicalBody([line])).toEqual([{ type: 'caption', text: '会场一角', sourceUrl: 'images/c.jpg' }]);
  });

  test.each([
    ['with its photos fetched', new Map([['https://news.example.org/a.jpg', file]])],
    ['without its photos', new Map<string, BlockImage>()],
  ])('the body the importer wrote, %s, reads back as exactly what it planned, so an unchanged page changes nothing', (_name, images) => {
    const stored = JSON.parse(JSON.stringify(bodyBlocks(planned, images))) as Blocks;
    expect(canonicalBody(stored)).toEqual(planned);
    expect(fingerprint(canonicalBody(stored))).toBe(fingerprint(planned));
  });

  test.each<[string, (blocks: Blocks) => void]>([
    ['a word made bold', (blocks) => { blocks[0] = { type: 'paragraph', children: [{ type: 'text', text: '某某商会', bold: true }, { type: 'text', text: '会员踊跃捐款 <script>alert(1)</script> *共* [计](javascript:x) 50万元。' }] }; }],
    ['a paragraph turned into a quote', (blocks) => { blocks[0] = { type: 'quote', children: (blocks[0] as unknown as { children: never }).children }; }],
    ['the heading made level 3', (blocks) => { blocks[1] = { ...(blocks[1] as unknown as { type: 'heading'; children: never }), level: 3 }; }],
    ['a list added', (blocks) => { blocks.push({ type: 'list', format: 'ordered', children: [{ type: 'list-item', children: [{ type: 'text', text: '张三' }] }] }); }],
    ['the photo removed', (blocks) => { blocks.splice(2, 1); }],
    ['a link added', (blocks) => { blocks[3] = { type: 'paragraph', children: [{ type: 'link', url: 'https://example.org', children: [{ type: 'text', text: '1. 第一条\n# 不是标题' }] }] }; }],
  ])('an editor\'s change (%s) reads as a change, so a re-import keeps it', (_name, edit) => {
    const blocks = JSON.parse(JSON.stringify(bodyBlocks(planned, new Map([['https://news.example.org/a.jpg', file]])))) as Blocks;
    edit(blocks);
    expect(fingerprint(canonicalBody(blocks))).not.toBe(fingerprint(planned));
  });

  test('the photos the importer placed are known by their source address', () => {
    const blocks = bodyBlocks(planned, new Map([['https://news.example.org/a.jpg', file]]));
    expect([...placedImages(JSON.stringify(blocks)).entries()]).toEqual([['https://news.example.org/a.jpg', expect.objectContaining({ hash: 'gift_1' })]]);
  });
});

describe('Markdown written before the body was blocks', () => {
  test('text the importer escaped is one paragraph of exactly that text', () => {
    const text = '第1. 条 <b>粗</b> \\ 与 *星号* 和 [方括号]';
    expect(paragraphBlocks(markdownText(text))).toEqual([{ type: 'paragraph', children: [{ type: 'text', text }] }]);
  });

  test('an editor\'s Markdown becomes headings, quotes, lists, emphasis and links', () => {
    const blocks = markdownBlocks('## 小标题\n\n商会**会员**踊跃*捐款*，详见[公告](https://example.org/a)。\n\n> 感谢大家\n\n- 张三\n- 李四\n\n1. 第一\n2. 第二');
    expect(blocks).toEqual([
      { type: 'heading', level: 2, children: [{ type: 'text', text: '小标题' }] },
      {
        type: 'paragraph',
        children: [
          { type: 'text', text: '商会' },
          { type: 'text', text: '会员', bold: true },
          { type: 'text', text: '踊跃' },
          { type: 'text', text: '捐款', italic: true },
          { type: 'text', text: '，详见' },
          { type: 'link', url: 'https://example.org/a', children: [{ type: 'text', text: '公告' }] },
          { type: 'text', text: '。' },
        ],
      },
      { type: 'quote', children: [{ type: 'text', text: '感谢大家' }] },
      { type: 'list', format: 'unordered', children: [{ type: 'list-item', children: [{ type: 'text', text: '张三' }] }, { type: 'list-item', children: [{ type: 'text', text: '李四' }] }] },
      { type: 'list', format: 'ordered', children: [{ type: 'list-item', children: [{ type: 'text', text: '第一' }] }, { type: 'list-item', children: [{ type: 'text', text: '第二' }] }] },
    ]);
  });

  test('a link to a script is kept as its text, never as a link', () => {
    expect(markdownBlocks('点[这里](javascript:alert(1))')).toEqual([{ type: 'paragraph', children: [{ type: 'text', text: '点这里' }] }]);
  });
});
