import {
  collapseWhitespace,
  endsLikeSentence,
  endsMidSentence,
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
  readDateline,
  readPostHeader,
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
    '□赵六 记者 张三 李四',
    '全媒记者 张三 实习生 李四',
    '供稿：某某区工商联',
    '审核：张三 监制：李四',
    '当前报纸名称：某某日报',
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

describe('fields of the genre', () => {
  it('reads 供稿 as who supplied the article, apart from 来源', () => {
    expect(findFields('供稿：某某区工商联 编辑：张三').map((field) => [field.label, field.kind])).toEqual([
      ['供稿', 'contributor'],
      ['编辑', 'editor'],
    ]);
    expect(findFields('来源：某某日报')[0].kind).toBe('source');
  });

  it('reads 监制 and 审签 as reviewers, and the newspaper name of an e-paper as the source', () => {
    expect(findFields('审核：张三 监制：李四 审签：王五').map((field) => field.kind)).toEqual(['reviewer', 'reviewer', 'reviewer']);
    expect(findFields('当前报纸名称：某某日报')).toEqual([{ label: '当前报纸名称', kind: 'source', value: '某某日报' }]);
  });
});

describe('readPostHeader', () => {
  it('reads the names before the date of a post header, with its time and region', () => {
    expect(readPostHeader('某某商会 某区某某商会 2024年3月2日 16:05 浙江')).toEqual({
      names: ['某某商会', '某区某某商会'],
      date: expect.objectContaining({ iso: '2024-03-02' }),
    });
    expect(readPostHeader('原创 张三 某某商会 2023-05-12 17:30')?.names).toEqual(['张三', '某某商会']);
  });

  it.each([
    ['a date and time alone', '2024年3月2日 16:05'],
    ['a sentence with a date', '会议于 2024年3月2日 召开'],
    ['a name and a date without a time', '某某商会 2024-03-02'],
    ['a line of text', '某某商会召开会员大会，会长张三主持。'],
  ])('gives null for %s', (_, line) => {
    expect(readPostHeader(line)).toBeNull();
  });
});

describe('readDateline', () => {
  it.each([
    ['某某日报讯 本报记者从会上获悉', '某某日报', null],
    ['某某网5月3日讯（记者 张三）商会召开年会', '某某网', '5月3日'],
    ['某某新闻网北京5月3日电 商会召开年会', '某某新闻网', '5月3日'],
    ['新华社北京2020年4月10日电（记者 张三）', '新华社', '2020年4月10日'],
    ['【某某时报/某某通讯社讯 （记者张三报道）】商会召开年会', '某某时报/某某通讯社', null],
    ['某某日报全媒体讯（记者 张三）商会召开年会', '某某日报', null],
    ['某某网视界5月3日讯 商会召开年会', '某某网视界', '5月3日'],
  ])('reads the outlet and date of "%s"', (line, outlet, date) => {
    const dateline = readDateline(line);
    expect(dateline?.outlet).toBe(outlet);
    expect(dateline?.date?.text ?? null).toBe(date);
  });

  it('reads 本报讯 as a dateline that names no outlet, and gives the text after it', () => {
    expect(readDateline('本报讯（记者 张三）商会召开年会。')).toEqual({ outlet: null, date: null, rest: '（记者 张三）商会召开年会。' });
    expect(readDateline('【本報訊】商會召開年會。')).toEqual({ outlet: null, date: null, rest: '商會召開年會。' });
  });

  it.each([['通讯员张三报道，商会召开年会。'], ['喜讯传来，商会获评先进。'], ['张三来电：商会召开年会。'], ['3月8日上午，商会召开年会。'], ['近日电视台报道了商会。']])(
    'finds no dateline in "%s"',
    (line) => {
      expect(readDateline(line)).toBeNull();
    },
  );
});

describe('endsMidSentence', () => {
  it.each([
    ['a clause cut short', '会议审议通过了工作报告，并对下一步工'],
    ['a list cut short', '全县86家会员企业、2350'],
    ['an open book title', '会议学习了《关于促进民营经济'],
    ['a trailing comma', '会长张三表示，'],
  ])('is true for %s', (_, line) => {
    expect(endsMidSentence(line)).toBe(true);
  });

  it.each([
    ['a full sentence', '会议圆满结束。'],
    ['a quotation that ends a sentence', '他说：“我们将继续努力。”'],
    ['a signature', '某某商会'],
    ['a photo credit in brackets', '会长张三向学生发放助学金（张三 摄）'],
    ['a labelled contact line', '联系电话：0571-1234567'],
  ])('is false for %s', (_, line) => {
    expect(endsMidSentence(line)).toBe(false);
  });
});
