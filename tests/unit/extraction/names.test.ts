import { looksLikeName, nameEndingAt, readName } from '../../../src/import/extraction/names';

/** The name read where `marker` ends in `text` (the title or mark before the name), as printed and as a name. */
const nameAfter = (text: string, marker: string): { printed: string; name: string } | null => {
  const start = text.indexOf(marker) + marker.length;
  const name = readName(text, start);
  return name === null ? null : { printed: text.slice(name.start, name.end), name: name.name };
};
const nameOf = (text: string, marker: string): string | null => nameAfter(text, marker)?.name ?? null;

describe('reading a name after a title', () => {
  it('reads two characters before a verb of speech or a mark', () => {
    expect(nameOf('会长张伟表示，', '会长')).toBe('张伟');
    expect(nameOf('会长张伟。', '会长')).toBe('张伟');
    expect(nameOf('会长张伟（左）', '会长')).toBe('张伟');
  });

  it('reads three characters before a verb of speech or a mark', () => {
    expect(nameOf('会长王建国表示，', '会长')).toBe('王建国');
    expect(nameOf('秘书长陈晓红主持会议。', '秘书长')).toBe('陈晓红');
    expect(nameOf('副会长李卫东、', '副会长')).toBe('李卫东');
  });

  it('ends the name before each kind of follower word', () => {
    const followers = ['等', '一行', '在', '表示', '说', '指出', '强调', '介绍', '主持', '致辞', '讲话', '出席', '参加', '代表', '为', '向', '对', '与', '和', '及', '当选', '担任', '任', '作', '宣读', '带领', '率'];
    for (const follower of followers) {
      expect(nameOf(`会长刘振华${follower}`, '会长')).toBe('刘振华');
      expect(nameOf(`会长刘振${follower}`, '会长')).toBe('刘振');
    }
  });

  it('ends the name before an honorific or a title printed after it', () => {
    for (const after of ['先生', '女士', '同志', '教授', '主任', '会长', '董事长']) {
      expect(nameOf(`副会长周明${after}`, '副会长')).toBe('周明');
      expect(nameOf(`副会长周明远${after}`, '副会长')).toBe('周明远');
    }
  });

  it('reads the third character as a follower when a mark comes right after it: 张伟说：', () => {
    expect(nameOf('会长张伟说：', '会长')).toBe('张伟');
    expect(nameOf('秘书长李明和王芳', '秘书长')).toBe('李明');
    expect(nameOf('会员陈红等人', '会员')).toBe('陈红');
  });

  it('keeps such a third character when a follower word comes after it: 王志和表示', () => {
    expect(nameOf('会长王志和表示', '会长')).toBe('王志和');
  });

  it('falls back on word segmentation when no known word follows', () => {
    expect(nameOf('会长孙建国致开班辞', '会长')).toBe('孙建国');
    expect(nameOf('会长张伟民透露', '会长')).toBe('张伟民');
    expect(nameOf('会长赵亮亮相', '会长')).toBe('赵亮');
  });

  it('gives the span of the name in the text', () => {
    expect(readName('副会长王建国表示', 3)).toEqual({ start: 3, end: 6, name: '王建国' });
  });

  it('reads no further than the given end', () => {
    expect(readName('会长王建国表示', 2, 4)).toEqual({ start: 2, end: 4, name: '王建' });
  });

  it('skips spaces before the name', () => {
    expect(readName('记者 张伟', 2)).toEqual({ start: 3, end: 5, name: '张伟' });
  });
});

describe('compound surnames', () => {
  it('reads a compound surname with one or two given-name characters', () => {
    expect(nameOf('会长司马光表示', '会长')).toBe('司马光');
    expect(nameOf('会长欧阳明华致开幕辞', '会长')).toBe('欧阳明华');
    expect(nameOf('会长诸葛亮一行', '会长')).toBe('诸葛亮');
    expect(nameOf('理事上官文静、', '理事')).toBe('上官文静');
  });
});

describe('four-character names', () => {
  it('reads a married name of two surnames before an honorific', () => {
    expect(nameOf('名誉会长陈李美华女士', '名誉会长')).toBe('陈李美华');
  });

  it('reads three characters, not four, with a single surname and no honorific after', () => {
    expect(nameOf('会长王李明表示', '会长')).toBe('王李明');
  });
});

describe('minority and transliterated names', () => {
  it('reads the parts joined by · as one name', () => {
    expect(nameOf('副主席阿不都热合曼·艾买提表示', '副主席')).toBe('阿不都热合曼·艾买提');
    expect(nameOf('会长热依拉·买买提、', '会长')).toBe('热依拉·买买提');
  });

  it('ends the last part before the word that follows the name', () => {
    expect(nameOf('委员买买提·艾力表态支持', '委员')).toBe('买买提·艾力');
    expect(nameOf('委员买买提•艾力率队', '委员')).toBe('买买提•艾力');
  });
});

describe('spaced names', () => {
  it('reads a two-character name padded with a space, keeping the space in the span but not in the name', () => {
    expect(nameAfter('会长王 伟表示', '会长')).toEqual({ printed: '王 伟', name: '王伟' });
    expect(readName('会长王 伟表示', 2)).toEqual({ start: 2, end: 5, name: '王伟' });
  });

  it('reads the names of a spaced list one by one', () => {
    const text = '出席：王 伟、李 强';
    expect(readName(text, 3)).toEqual({ start: 3, end: 6, name: '王伟' });
    expect(readName(text, 7)).toEqual({ start: 7, end: 10, name: '李强' });
  });
});

describe('names in lists', () => {
  it('reads each name of 张三、李四等', () => {
    const text = '出席：张三、李四等';
    expect(readName(text, 3)).toEqual({ start: 3, end: 5, name: '张三' });
    expect(readName(text, 6)).toEqual({ start: 6, end: 8, name: '李四' });
  });

  it('reads names of two and three characters in one list', () => {
    const text = '会员代表黄志强、刘洋、陈晓红等参加';
    expect(readName(text, 4)?.name).toBe('黄志强');
    expect(readName(text, 8)?.name).toBe('刘洋');
    expect(readName(text, 11)?.name).toBe('陈晓红');
  });
});

describe('words that are not names', () => {
  it('refuses genre words that begin with a surname character', () => {
    expect(readName('全体会员', 0)).toBeNull();
    expect(nameOf('会长单位', '会长')).toBeNull();
    expect(nameOf('会长高度评价', '会长')).toBeNull();
    expect(nameOf('副会长同时担任', '副会长')).toBeNull();
    expect(readName('常务副会长', 0)).toBeNull();
    expect(readName('党员干部', 0)).toBeNull();
    expect(readName('企业家们', 0)).toBeNull();
  });

  it('refuses a surname followed by a title or a rank, which gives no name', () => {
    expect(nameOf('会长王总表示', '会长')).toBeNull();
    expect(readName('张会长', 0)).toBeNull();
    expect(readName('李秘书长', 0)).toBeNull();
  });

  it('refuses a preposition or adverb that is also a surname', () => {
    expect(nameOf('会长向大家致辞', '会长')).toBeNull();
    expect(nameOf('会长于今年当选', '会长')).toBeNull();
    expect(nameOf('会长都表示，', '会长')).toBeNull();
    expect(nameOf('会长应邀参加', '会长')).toBeNull();
  });

  it('still reads names with those surnames', () => {
    expect(nameOf('会长向华强先生', '会长')).toBe('向华强');
    expect(nameOf('会长于洋发表讲话', '会长')).toBe('于洋');
  });

  it('refuses provinces, cities and countries', () => {
    expect(readName('苏州、无锡', 0)).toBeNull();
    expect(readName('常州市', 0)).toBeNull();
    expect(readName('韩国', 0)).toBeNull();
  });

  it('refuses what does not start with a surname', () => {
    expect(readName('的确如此', 0)).toBeNull();
    expect(readName('，张三', 0)).toBeNull();
    expect(readName('', 0)).toBeNull();
  });
});

describe('looksLikeName', () => {
  it('is true for names of the genre', () => {
    for (const word of ['张三', '王建国', '欧阳明华', '阿不都热合曼·艾买提', '王 伟']) expect(looksLikeName(word)).toBe(true);
  });

  it('is false for words, places and surname-and-title forms', () => {
    for (const word of ['会员', '高度', '苏州', '江苏省', '王总', '张会长', '王建国表示', '张']) expect(looksLikeName(word)).toBe(false);
  });
});

describe('a one-character follower before a mark', () => {
  test('is the last character of the name when the list goes on: 王新来、李四', () => {
    expect(readName('副会长王新来、李四', 3)?.name).toBe('王新来');
  });
  test('still ends the name when it is a verb of speech or a list word: 张三说：, 陈红等，', () => {
    expect(readName('会长张三说：', 2)?.name).toBe('张三');
    expect(readName('会长陈红等，', 2)?.name).toBe('陈红');
  });
});

describe('names that end where a clause word begins', () => {
  test('在 after two characters ends the name: 会长张伟在讲话中指出', () => {
    expect(readName('会长张伟在讲话中指出', 2)?.name).toBe('张伟');
  });
  test('nameEndingAt prefers 李明 to 有李明', () => {
    expect(nameEndingAt('出席会议的有李明（', 8, 0)?.name).toBe('李明');
  });
});
