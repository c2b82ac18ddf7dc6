import { englishName } from '../../../src/import/english-name';

describe('English names of persons', () => {
  test('surname first, given name as one word, both capitalised, without tones', () => {
    expect(englishName('韩知远')).toBe('Han Zhiyuan');
    expect(englishName('林若溪')).toBe('Lin Ruoxi');
  });

  test('a compound surname is one word', () => {
    expect(englishName('欧阳立新')).toBe('Ouyang Lixin');
    expect(englishName('司马清远')).toBe('Sima Qingyuan');
  });

  test('a surname is read as a surname, and only the surname', () => {
    expect(englishName('单明远')).toBe('Shan Mingyuan');
    expect(englishName('曾乐天')).toBe('Zeng Letian');
    expect(englishName('乐单明')).toBe('Yue Danming');
  });

  test("a syllable starting with a vowel inside the given name takes an apostrophe, and ü stays ü", () => {
    expect(englishName('张西安')).toBe("Zhang Xi'an");
    expect(englishName('吕一鸣')).toBe('Lü Yiming');
  });

  test('names that are not two to four Han characters get none', () => {
    expect(englishName('韩')).toBeNull();
    expect(englishName('阿不都·热合曼')).toBeNull();
    expect(englishName('Li Ming')).toBeNull();
  });
});
