import { segment } from '../../../src/import/extraction/segment';

const words = (text: string): string[] => segment(text).map((token) => token.word);

describe('segmenting', () => {
  test.each([
    ['海川市青年企业家商会秘书长王芳主持会议', '秘书长'],
    ['云州市慈善总会理事长张伟致辞', '理事长'],
    ['云州远航科技有限公司董事长李强出席', '董事长'],
    ['执行常务副会长兼秘书长赵立军作报告', '秘书长'],
    ['青岚县政协副主席、工商联主席周海燕', '主席'],
    ['海川市商会监事长王强发言', '监事长'],
  ])('a title comes out whole: %s has %s', (text, word) => {
    expect(words(text)).toContain(word);
  });

  test.each([
    ['云州远航科技有限公司董事长李强出席', '有限公司'],
    ['青岚县总商会秘书长王芳', '总商会'],
    ['县工商联副主席李明出席', '工商联'],
    ['云州市慈善总会理事长张伟', '慈善总会'],
    ['海川市人大常委会副主任王强', '人大常委会'],
    ['海川市委统战部部长李强', '统战部'],
  ])('an organisation ending comes out whole: %s has %s', (text, word) => {
    expect(words(text)).toContain(word);
  });

  test('the words put together give the text back', () => {
    const text = '海川市青年企业家商会召开第三届会员大会，会长张伟当选。';
    expect(words(text).join('')).toBe(text);
  });

  test('offsets start where the caller says and each token is the text at its offsets', () => {
    const page = '前文。会长张伟主持会议。';
    const tokens = segment(page.slice(3), 3);
    expect(tokens[0].start).toBe(3);
    for (const token of tokens) expect(page.slice(token.start, token.end)).toBe(token.word);
    expect(tokens[tokens.length - 1].end).toBe(page.length);
  });

  test('every token has a part-of-speech tag', () => {
    for (const token of segment('海川市青年企业家商会召开年会')) expect(token.tag.length).toBeGreaterThan(0);
  });

  test('a place is tagged as a place', () => {
    expect(segment('延长县工商联召开会议').find((token) => token.word === '延长县')?.tag).toBe('ns');
  });

  test('the same short text gives the same tokens again (the cache changes nothing)', () => {
    expect(segment('会长张伟', 10)).toEqual(segment('会长张伟', 10));
    expect(segment('会长张伟', 0).map((token) => token.start)).toEqual(segment('会长张伟', 10).map((token) => token.start - 10));
  });

  test('an empty text has no tokens', () => {
    expect(segment('')).toEqual([]);
  });
});
