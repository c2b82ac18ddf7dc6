import { COMPOUND_SURNAMES, SINGLE_SURNAMES, surnameAt } from '../../../src/import/extraction/surnames';

describe('surnameAt', () => {
  it('reads a single surname as one character', () => {
    for (const text of ['王建国', '张三', '于洋', '覃明', '付强', '闫丽']) expect(surnameAt(text, 0)).toBe(1);
  });

  it('reads a compound surname as two characters, before the single surname it begins with', () => {
    for (const text of ['欧阳明华', '司马光', '上官婉', '诸葛亮', '东方红', '皇甫嵩', '尉迟敬', '公孙明', '慕容雪', '长孙无', '宇文泰', '司徒雷', '令狐冲', '夏侯惇', '端木蓉', '南宫晴', '申屠刚', '钟离春', '轩辕明', '呼延灼', '澹台明', '百里奚', '第五伦', '万俟卨']) {
      expect(surnameAt(text, 0)).toBe(2);
    }
  });

  it('reads the surname at the given index of a longer text', () => {
    const text = '副会长欧阳明华、秘书长王芳';
    expect(surnameAt(text, 3)).toBe(2);
    expect(surnameAt(text, 11)).toBe(1);
  });

  it('is 0 for a character that is no surname, and outside the text', () => {
    expect(surnameAt('的确', 0)).toBe(0);
    expect(surnameAt('副会长', 0)).toBe(0);
    expect(surnameAt('王', 1)).toBe(0);
    expect(surnameAt('王', -1)).toBe(0);
  });

  it('uses simplified characters, as the normalised text does', () => {
    for (const char of ['钟', '萧', '肖', '阎', '闫', '邓', '刘', '陈', '叶', '赵']) expect(SINGLE_SURNAMES.has(char)).toBe(true);
    for (const char of ['鍾', '蕭', '閻', '鄧', '劉', '陳', '葉', '趙']) expect(SINGLE_SURNAMES.has(char)).toBe(false);
  });
});

describe('the surname table', () => {
  it('holds the Hundred Family Surnames and the common modern ones: several hundred single surnames', () => {
    expect(SINGLE_SURNAMES.size).toBeGreaterThan(450);
    for (const char of [...'赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨']) expect(SINGLE_SURNAMES.has(char)).toBe(true);
  });

  it('holds compound surnames of two characters only', () => {
    expect(COMPOUND_SURNAMES.size).toBeGreaterThan(50);
    for (const surname of COMPOUND_SURNAMES) expect(surname).toHaveLength(2);
  });
});
