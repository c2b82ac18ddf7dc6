import { numeralEnd, parseNumeral } from '../../../src/import/extraction/numerals';

describe('numerals', () => {
  test.each([
    ['5100', 5100],
    ['1,000', 1000],
    ['2.5', 2.5],
    ['１２３', 123],
    ['三十五', 35],
    ['两千五百', 2500],
    ['一亿二千万', 120000000],
    ['九百万', 9000000],
    ['壹拾壹万贰仟玖佰肆拾捌', 112948],
    ['3亿4395万', 343950000],
    ['1.05亿', 105000000],
    ['2千万', 20000000],
  ])('%s reads as %d', (numeral, value) => {
    expect(parseNumeral(numeral)).toBe(value);
  });

  test('a lone digit right after a unit stands one place below it, unless a 零 separates them', () => {
    expect(parseNumeral('一万五')).toBe(15000);
    expect(parseNumeral('壹万零伍')).toBe(10005);
  });

  test('what is not a numeral gives nothing', () => {
    expect(parseNumeral('商会')).toBeNull();
    expect(parseNumeral('')).toBeNull();
  });

  test('a numeral ends where the text stops being one', () => {
    expect(numeralEnd('300万元', 0)).toBe(4);
  });
});
