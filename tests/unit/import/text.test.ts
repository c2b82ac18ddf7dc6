import {
  collapseWhitespace,
  endsLikeSentence,
  endsWithColon,
  findDates,
  findFields,
  isBlank,
  isCjkContext,
  isCjkPunctuation,
  isDateLine,
  isHan,
  isMetaLine,
  normalisePunctuation,
  textLength,
  toIsoDate,
} from '../../../src/import/text';

describe('character classes', () => {
  it('recognises Han ideographs, including 〇 and extension A', () => {
    expect(isHan('商')).toBe(true);
    expect(isHan('〇')).toBe(true);
    expect(isHan('䶮')).toBe(true);
    expect(isHan('a')).toBe(false);
    expect(isHan('，')).toBe(false);
  });

  it('treats full-width and CJK punctuation as Chinese context, ASCII punctuation not', () => {
    for (const mark of ['，', '。', '：', '（', '“', '”', '《', '、', '…']) {
      expect(isCjkPunctuation(mark)).toBe(true);
    }
    for (const mark of [',', '.', ':', '(', '"', 'a', '1']) {
      expect(isCjkPunctuation(mark)).toBe(false);
    }
    expect(isCjkContext(undefined)).toBe(false);
    expect(isCjkContext('会')).toBe(true);
  });

  it('counts a Chinese character (even outside the BMP) as one', () => {
    expect(textLength('商会')).toBe(2);
    expect(textLength('𠮷野家')).toBe(3);
  });
});

describe('collapseWhitespace', () => {
  it('turns runs of any whitespace, including no-break and ideographic spaces, into one space', () => {
    expect(collapseWhitespace('  来源：甲\u00a0\u00a0 日期：乙\u3000\u3000 ')).toBe('来源：甲 日期：乙');
  });

  it('keeps a single space between Chinese words because it separates names', () => {
    expect(collapseWhitespace('张三  李四')).toBe('张三 李四');
  });

  it('drops spaces that only pad full-width punctuation', () => {
    expect(collapseWhitespace('主持 ， 以线上 。 “ 好 ”')).toBe('主持，以线上。“好”');
  });

  it('removes zero-width characters', () => {
    expect(collapseWhitespace('商\u200b会\ufeff')).toBe('商会');
  });

  it('treats a whitespace-only line as blank', () => {
    expect(isBlank(' \u00a0\u3000\t')).toBe(true);
    expect(isBlank(' 会 ')).toBe(false);
  });
});

describe('normalisePunctuation', () => {
  it.each([
    ['主持,以线上', '主持，以线上'],
    ['工作总结:', '工作总结：'],
    ['出心出力;发动', '出心出力；发动'],
    ['为什么?', '为什么？'],
    ['新贡献!', '新贡献！'],
    ['叠云(北京)科技', '叠云（北京）科技'],
    ['表示:"希望大家"。', '表示：“希望大家”。'],
  ])('converts ASCII punctuation next to Chinese: %s', (input, expected) => {
    expect(normalisePunctuation(input)).toBe(expected);
  });

  it('converts when Chinese is on one side only, even across a space', () => {
    expect(normalisePunctuation('5100多万元 , 累计')).toBe('5100多万元 ， 累计');
    expect(normalisePunctuation('会长:Tom')).toBe('会长：Tom');
  });

  it('leaves numbers, times, decimals and ASCII text alone', () => {
    expect(normalisePunctuation('共1,000人，时间20:55:36，增长3.6%')).toBe('共1,000人，时间20:55:36，增长3.6%');
    expect(normalisePunctuation('Hello, world! (really)')).toBe('Hello, world! (really)');
  });

  it('never touches URLs or e-mail addresses, but converts the label before them', () => {
    expect(normalisePunctuation('原文链接:http://www.example.cn/a.php?id=1,2&b=3')).toBe(
      '原文链接：http://www.example.cn/a.php?id=1,2&b=3',
    );
    expect(normalisePunctuation('邮箱:office@example.org.cn,欢迎来信')).toBe('邮箱：office@example.org.cn，欢迎来信');
  });

  it('alternates straight double quotes as opening and closing within a line', () => {
    expect(normalisePunctuation('落实"六稳""六保"任务')).toBe('落实“六稳”“六保”任务');
  });

  it('pairs quotes around Latin text when the pair touches Chinese', () => {
    expect(normalisePunctuation('他说"OK"就走了')).toBe('他说“OK”就走了');
  });

  it('keeps curly quotes that are already there and converts only the straight ones', () => {
    expect(normalisePunctuation('表示:"打赢这场“战疫”。"')).toBe('表示：“打赢这场“战疫”。”');
  });

  it('converts both brackets of a pair together, even when one side touches only digits', () => {
    expect(normalisePunctuation('电话(010)12345678')).toBe('电话（010）12345678');
    expect(normalisePunctuation('(北京)')).toBe('（北京）');
  });

  it('converts a lone quote next to Chinese as an opening quote when text follows it', () => {
    expect(normalisePunctuation('"第一段还没有说完。')).toBe('“第一段还没有说完。');
  });
});

describe('sentence endings', () => {
  it('sees a sentence end through closing quotes and brackets', () => {
    expect(endsLikeSentence('宣读《决定》。”')).toBe(true);
    expect(endsLikeSentence('作出新贡献！')).toBe(true);
    expect(endsLikeSentence('加强宣传引导')).toBe(false);
    expect(endsLikeSentence('工作总结：')).toBe(false);
  });

  it('recognises a line that ends with a colon', () => {
    expect(endsWithColon('工作总结：')).toBe(true);
    expect(endsWithColon('工作总结:')).toBe(true);
    expect(endsWithColon('工作总结')).toBe(false);
  });
});

describe('dates', () => {
  it('validates calendar dates', () => {
    expect(toIsoDate(2020, 2, 29)).toBe('2020-02-29');
    expect(toIsoDate(2019, 2, 29)).toBeNull();
    expect(toIsoDate(2020, 2, 31)).toBeNull();
    expect(toIsoDate(2020, 13, 1)).toBeNull();
    expect(toIsoDate(1800, 1, 1)).toBeNull();
  });

  it.each([
    ['日期:2020-04-10', '2020-04-10'],
    ['发布时间:2020-02-05 20:55:36', '2020-02-05'],
    ['时间：2020/4/10', '2020-04-10'],
    ['2020年4月10日', '2020-04-10'],
    ['2020 年 04 月 10 日', '2020-04-10'],
    ['2020.04.10', '2020-04-10'],
    ['2021-03-15T09:30:00+08:00', '2021-03-15'],
    ['二〇二〇年四月十日', '2020-04-10'],
    ['二〇二〇年十二月三十一日', '2020-12-31'],
  ])('reads %s as %s', (text, iso) => {
    const [date] = findDates(text);
    expect(date.iso).toBe(iso);
    expect(date.hasYear).toBe(true);
  });

  it('reports a date without a year with hasYear false and no ISO date', () => {
    expect(findDates('4月10日上午')).toEqual([{ iso: null, text: '4月10日', index: 0, hasYear: false, valid: true }]);
  });

  it('marks an impossible date as invalid', () => {
    const [date] = findDates('2020-02-31');
    expect(date.valid).toBe(false);
    expect(date.iso).toBeNull();
  });

  it('does not mistake ranges, versions or amounts for dates', () => {
    expect(findDates('2020-2021年度')).toEqual([]);
    expect(findDates('版本1.2.3，增长3.6%')).toEqual([]);
  });

  it('returns every date in order and does not report the month-day part of a full date twice', () => {
    const dates = findDates('2020年4月10日召开，5月1日起实施');
    expect(dates.map((date) => [date.text, date.hasYear])).toEqual([
      ['2020年4月10日', true],
      ['5月1日', false],
    ]);
  });

  it('recognises a line that is only a date, time and weekday', () => {
    expect(isDateLine('2020年04月10日 星期五')).toBe(true);
    expect(isDateLine('2020-02-05 20:55:36')).toBe(true);
    expect(isDateLine('发布 2020-04-10')).toBe(true);
    expect(isDateLine('2020年4月10日，商会召开会议。')).toBe(false);
    expect(isDateLine('4月10日')).toBe(false);
  });
});

describe('meta fields', () => {
  it('splits a meta line into labelled fields, each running to the next label', () => {
    expect(findFields('来源：苏商天下 日期：2020-04-10')).toEqual([
      { label: '来源', kind: 'source', value: '苏商天下' },
      { label: '日期', kind: 'date', value: '2020-04-10' },
    ]);
  });

  it('prefers the longest label: 信息来源 over 来源, 责任编辑 over 编辑, 发布时间 over 时间', () => {
    expect(findFields('信息来源:某报 发布时间:2020-02-05 20:55:36 责任编辑:王五').map((field) => field.label)).toEqual([
      '信息来源',
      '发布时间',
      '责任编辑',
    ]);
  });

  it('reads labels without spaces between fields', () => {
    expect(findFields('来源：某某网日期：2020-04-10').map((field) => field.value)).toEqual(['某某网', '2020-04-10']);
  });

  it('reads one-character labels only at a boundary, with a colon or a slash', () => {
    expect(findFields('文/张三 摄影/李四').map((field) => [field.kind, field.value])).toEqual([
      ['reporter', '张三'],
      ['photographer', '李四'],
    ]);
    expect(findFields('全文：略')).toEqual([]);
  });

  it('drops the brackets around a bracketed field', () => {
    expect(findFields('（责任编辑：贺兰）')).toEqual([{ label: '责任编辑', kind: 'editor', value: '贺兰' }]);
    expect(findFields('【编辑：马骏】')[0].value).toBe('马骏');
  });

  it('keeps brackets that belong to the value', () => {
    expect(findFields('来源：某某（北京）公司')[0].value).toBe('某某（北京）公司');
  });

  it.each([
    '来源:苏商天下     日期:2020-04-10',
    '发布时间：2020-02-05 20:55:36 来源：某商会 浏览次数：1024 【打印】',
    '2020年4月10日 来源：某工商联 作者：某人',
    '（记者 张三 通讯员 李四）',
    '记者 张三 通讯员 李四',
    '【编辑：王五】',
    '责任编辑：王五',
  ])('recognises a meta line: %s', (line) => {
    expect(isMetaLine(line)).toBe(true);
  });

  it.each([
    '会议由某会长主持，来源：略。',
    '记者了解到，商会已捐款。',
    '商会召开会员大会',
    '主办单位：某协会 技术支持：某公司',
  ])('does not take text for a meta line: %s', (line) => {
    expect(isMetaLine(line)).toBe(false);
  });
});
