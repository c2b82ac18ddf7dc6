import { congressBody, titleAt, titleSplits } from '../../../src/import/extraction/titles';

describe('titles', () => {
  test.each([
    ['常务副会长张三', ['常务副会长']],
    ['执行常务副会长兼秘书长李四', ['执行常务副会长', '秘书长']],
    ['党组副书记、副主任', ['党组副书记']],
    ['一级巡视员王五', ['一级巡视员']],
    ['主席（会长）赵六', ['主席', '会长']],
    ['兼职副主席钱七', ['兼职副主席']],
  ])('%s starts with the titles %j', (text, titles) => {
    expect(titleAt(text)?.titles).toEqual(titles);
  });

  test.each([
    ['原主任', '主任'],
    ['时任书记', '书记'],
    ['首任会长', '会长'],
    ['第三届理事会会长', '会长'],
    ['新一届秘书长', '秘书长'],
  ])('a former or ordinal qualifier is dropped: %s is held as %s', (text, title) => {
    expect(titleAt(text)?.titles).toEqual([title]);
    expect(titleAt(text)?.length).toBe(text.length);
  });

  test('text that is not a title gives nothing', () => {
    expect(titleAt('企业家代表')).toBeNull();
    expect(titleAt('会议指出')).toBeNull();
  });

  test('an item splits into organisation and title, longest title first', () => {
    expect(titleSplits('某县人大常委会党组副书记').map(({ head, title }) => [head, title.titles[0]])).toEqual([
      ['某县人大常委会', '党组副书记'],
      ['某县人大常委会党组', '副书记'],
      ['某县人大常委会党组副', '书记'],
    ]);
    expect(titleSplits('区委统战部部长').map(({ head, title }) => [head, title.titles[0]])).toEqual([['区委统战部', '部长']]);
  });

  test('a congress membership names its congress', () => {
    expect(congressBody('全国', '政协委员')).toBe('全国政协');
    expect(congressBody('某市', '人大代表')).toBe('某市人大');
    expect(congressBody('某市', '会长')).toBeNull();
  });
});
