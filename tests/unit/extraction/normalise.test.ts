import { isTraditionalText, normalise, toSimplifiedText } from '../../../src/import/extraction/normalise';

const TRADITIONAL = '雲州市青年企業家商會召開會員大會，商會會長王建國主持會議並作工作報告。';
const SIMPLIFIED = '云州市青年企业家商会召开会员大会，商会会长王建国主持会议并作工作报告。';

describe('offsets', () => {
  test.each([
    ['a traditional page', TRADITIONAL],
    ['a simplified page', SIMPLIFIED],
    ['ASCII quotes and punctuation', '會長說:"我們要團結,共謀發展!"'],
    ['numbers with commas and colons', '共计1,000万元(其中现金500万元);时间10:30'],
    ['full-width spaces and paragraphs', '会长\u3000张伟\n副会长 李强'],
  ])('%s keeps its length, so an offset found in the normalised text holds in the original', (_label, original) => {
    expect(normalise(original)).toHaveLength(original.length);
  });

  test('a name found in the normalised text is cut from the original as the page printed it', () => {
    const text = normalise(TRADITIONAL);
    const at = text.indexOf('商会会长');
    expect(TRADITIONAL.slice(at, at + 4)).toBe('商會會長');
  });
});

describe('script', () => {
  test('a page printed in traditional characters is converted to simplified', () => {
    expect(isTraditionalText(TRADITIONAL)).toBe(true);
    expect(normalise(TRADITIONAL)).toBe(SIMPLIFIED);
  });

  test('Hong Kong and Taiwan variants are converted too', () => {
    expect(normalise('臺灣同胞在香港中華總商會裏參觀')).toBe('台湾同胞在香港中华总商会里参观');
  });

  test('a page printed in simplified characters is left untouched', () => {
    expect(isTraditionalText(SIMPLIFIED)).toBe(false);
    expect(normalise(SIMPLIFIED)).toBe(SIMPLIFIED);
  });

  test('a simplified page keeps a 乾 in a name: it is not turned into 干', () => {
    const original = '云州市青年企业家商会召开会员大会，商会会长王乾坤主持会议并作工作报告，与会会员一致通过了新一届理事会名单。';
    expect(normalise(original)).toBe(original);
  });

  test('the caller can say the page is simplified, and nothing is converted', () => {
    expect(normalise('會長', false)).toBe('會長');
  });

  test('a text without Chinese characters is not traditional', () => {
    expect(isTraditionalText('HK$ 1,000')).toBe(false);
  });

  test('keys that must match across scripts are simplified whatever the page', () => {
    expect(toSimplifiedText('海川市商會')).toBe('海川市商会');
    expect(toSimplifiedText('海川市商会')).toBe('海川市商会');
  });
});

describe('punctuation', () => {
  test('ASCII punctuation becomes the full-width marks of Chinese prose', () => {
    expect(normalise('会长:张伟,副会长;李强(常务)出席!是吗?')).toBe('会长：张伟，副会长；李强（常务）出席！是吗？');
  });

  test('a comma or colon between digits stays: it is part of the number or the time', () => {
    expect(normalise('捐款1,000万元,时间10:30')).toBe('捐款1,000万元，时间10:30');
  });

  test('ASCII double quotes are paired into opening and closing marks', () => {
    expect(normalise('他说:"商会是家,我们要建好它。"大家说"好"')).toBe('他说：“商会是家，我们要建好它。”大家说“好”');
  });

  test('an unclosed quote does not carry into the next paragraph', () => {
    expect(normalise('他说"未完\n"新的一段"')).toBe('他说“未完\n“新的一段”');
  });

  test('a full-width space becomes an ordinary space', () => {
    expect(normalise('记者\u3000王芳')).toBe('记者 王芳');
  });

  test('full-width punctuation already printed is kept', () => {
    expect(normalise('会长张伟表示：“好。”')).toBe('会长张伟表示：“好。”');
  });
});

describe('a short simplified text with a character the converter would change', () => {
  test('is not taken for traditional: one name’s 乾 stays 乾', () => {
    expect(isTraditionalText('乾坤集团董事长王乾说')).toBe(false);
    expect(normalise('乾坤集团董事长王乾说')).toBe('乾坤集团董事长王乾说');
  });
});
