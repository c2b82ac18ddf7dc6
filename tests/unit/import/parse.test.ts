import { readFileSync } from 'fs';
import { join } from 'path';

import { clean } from '../../../src/import/clean';
import { decode } from '../../../src/import/decode';
import { parse, titleFromText } from '../../../src/import/parse';
import type { Block, BlockType, CleanedPage, PageMeta, ParsedPage } from '../../../src/import/types';

const FIXTURES = join(__dirname, '../../fixtures/pages');
const SAMPLES = join(__dirname, '../../../data/documents');

const NO_META: PageMeta = { htmlTitle: null, canonicalUrl: null, siteName: null, description: null, publishedTime: null };

function cleaned(lines: string[], extra: Partial<CleanedPage> = {}): CleanedPage {
  return { file: 'page.txt', format: 'text', lines, removed: [], meta: NO_META, siteOwner: null, warnings: [], ...extra };
}

function pipeline(path: string): { cleanedPage: CleanedPage; parsed: ParsedPage } {
  const result = decode({ file: path, bytes: readFileSync(path) });
  if (!result.ok) {
    throw new Error(result.problem.message);
  }
  const cleanedPage = clean(result.value);
  return { cleanedPage, parsed: parse(cleanedPage) };
}

function textsOf(blocks: Block[], type: BlockType): string[] {
  return blocks.filter((block) => block.type === type).map((block) => block.text);
}

function typesOf(page: ParsedPage): BlockType[] {
  return page.blocks.map((block) => block.type);
}

describe('parse: sample 000', () => {
  const { cleanedPage, parsed } = pipeline(join(SAMPLES, '000_f1cca717d84457e6.txt'));

  it('finds the title and drops the first paragraph that repeats it', () => {
    expect(parsed.title).toBe('中国中小商业企业协会会员企业复工复产和自救工作经验交流会今日在京召开');
    expect(parsed.blocks.some((block) => block.text.startsWith(`${parsed.title}`))).toBe(false);
  });

  it('gives no date because the page prints none with a year, and says so', () => {
    expect(parsed.date).toBeNull();
    expect(parsed.warnings).toEqual(['no publication date found']);
  });

  it('takes the source from the 主办单位 in the footer', () => {
    expect(parsed.source).toBe('中国中小商业企业协会');
  });

  it('keeps every other line as a paragraph, in order', () => {
    const body = cleanedPage.lines.filter((line) => line.length > 0).slice(2);
    expect(parsed.blocks).toEqual(body.map((text) => ({ type: 'paragraph', text })));
    expect(parsed.blocks).toHaveLength(17);
  });

  it('has no URL and no byline', () => {
    expect([parsed.url, parsed.reporter, parsed.correspondent, parsed.editor]).toEqual([null, null, null, null]);
  });
});

describe('parse: sample 002', () => {
  const { cleanedPage, parsed } = pipeline(join(SAMPLES, '002_ce4251d4c8a5f3e5.txt'));

  it('reads title, date and source from the title and its meta line', () => {
    expect(parsed.title).toBe('无锡市总商会党委提出“三加强”理念');
    expect(parsed.date).toBe('2020-04-10');
    expect(parsed.source).toBe('苏商天下');
    expect(parsed.warnings).toEqual([]);
  });

  it('finds the three subheadings', () => {
    expect(textsOf(parsed.blocks, 'subheading')).toEqual(['加强宣传引导', '加强组织指导', '加强调研疏导']);
  });

  it('finds the four photo captions', () => {
    expect(textsOf(parsed.blocks, 'caption')).toEqual([
      '无锡市湖北商会发挥党组织作用，积极捐款捐物驰援湖北',
      '红豆集团火速改造生产线，加班加点赶制抗疫一线急缺的各类医疗物资',
      '无锡市淮安商会捐款捐物，积极参与疫情防控',
      '编发《民企心声》反映民营企业复工复产中遇到的困难和问题',
    ]);
  });

  it('keeps every article line after the meta line as a block, in page order', () => {
    const body = cleanedPage.lines.filter((line) => line.length > 0).slice(2);
    expect(parsed.blocks.map((block) => block.text)).toEqual(body);
    expect(typesOf(parsed)).toEqual([
      'paragraph',
      'subheading',
      'paragraph',
      'caption',
      'subheading',
      'paragraph',
      'caption',
      'caption',
      'subheading',
      'paragraph',
      'caption',
      'paragraph',
    ]);
  });
});

describe('parse: fixture pages', () => {
  it('reads the GBK page: h1 title, 发布时间 with a time, 来源, captions after images and bold subheadings', () => {
    const { parsed } = pipeline(join(FIXTURES, 'gbk-meta-charset.html'));
    expect(parsed).toMatchObject({
      title: '青禾市总商会召开2020年度会员代表大会',
      date: '2020-02-05',
      source: '青禾市总商会',
      url: null,
      warnings: [],
    });
    expect(textsOf(parsed.blocks, 'subheading')).toEqual(['聚焦会员服务', '助力复工复产']);
    expect(textsOf(parsed.blocks, 'caption')).toEqual(['周明远会长作工作报告', '与会代表举手表决通过各项议程']);
    expect(textsOf(parsed.blocks, 'paragraph')).toHaveLength(4);
  });

  it('reads the GB2312 page: 信息来源, 作者, 责任编辑, 2020年4月10日, a bracketed byline and numbered subheadings', () => {
    const { parsed } = pipeline(join(FIXTURES, 'gb2312-http-equiv.html'));
    expect(parsed).toMatchObject({
      title: '云岭省服装行业协会赴滇西开展产业帮扶调研',
      date: '2020-04-10',
      source: '云岭日报',
      reporter: '何静',
      correspondent: '段丽萍',
      editor: '马骏',
      warnings: [],
    });
    expect(textsOf(parsed.blocks, 'subheading')).toEqual(['一、摸清产业底数', '二、搭建产销平台']);
    expect(parsed.blocks[0].text.startsWith('（记者 何静 通讯员 段丽萍）4月8日至9日')).toBe(true);
    expect(parsed.blocks.some((block) => block.text.includes('编辑'))).toBe(false);
  });

  it('reads the BOM text page: a date line that starts with 2020年4月10日, a caption and a subheading', () => {
    const { parsed } = pipeline(join(FIXTURES, 'utf8-bom.txt'));
    expect(parsed).toMatchObject({
      title: '江川市工商联举办民营企业家法治培训班',
      date: '2020-04-10',
      source: '江川市工商联',
      reporter: '宋雨桐',
      warnings: [],
    });
    expect(typesOf(parsed)).toEqual(['paragraph', 'paragraph', 'caption', 'subheading', 'paragraph', 'paragraph']);
  });

  it('reads the GB18030 page: no year means no date, a standalone byline, 图为 caption and 原文链接', () => {
    const { parsed } = pipeline(join(FIXTURES, 'gb18030.txt'));
    expect(parsed).toMatchObject({
      title: '南湖区餐饮商会向一线医护人员送去爱心餐',
      date: null,
      source: null,
      url: 'http://www.nanhu-example.cn/news/2020/0410/123.html',
      reporter: '刘䶮',
      correspondent: '欧阳澜',
      warnings: ['no publication date found'],
    });
    expect(typesOf(parsed)).toEqual(['paragraph', 'paragraph', 'caption', 'paragraph']);
    expect(parsed.blocks.some((block) => /记者|原文链接/.test(block.text))).toBe(false);
  });

  it('reads the HTML5 page: canonical URL, published time, owner as source, byline and figcaption', () => {
    const { parsed } = pipeline(join(FIXTURES, 'canonical-og.html'));
    expect(parsed).toMatchObject({
      title: '北辰市女企业家协会举办“巾帼创业”沙龙',
      date: '2021-03-15',
      source: '北辰市女企业家协会',
      url: 'https://www.bc-women-example.org.cn/news/2021/0315/42.html',
      reporter: '韦晓岚',
      editor: '贺兰',
      warnings: [],
    });
    expect(textsOf(parsed.blocks, 'caption')).toEqual(['会长孙慧琳与青年创业者交流']);
    expect(textsOf(parsed.blocks, 'subheading')).toContain('现场对接');
  });

  it('reads the blank-separated page: 时间：2020/4/10, numbered and ▲ lines, 【编辑】 at the end', () => {
    const { parsed } = pipeline(join(FIXTURES, 'blank-separated.txt'));
    expect(parsed).toMatchObject({
      title: '栖霞县个协开展“诚信经营”主题宣传月活动',
      date: '2020-04-10',
      source: '栖霞县个体私营经济协会',
      editor: '邵一鸣',
      warnings: [],
    });
    expect(typesOf(parsed)).toEqual(['paragraph', 'subheading', 'paragraph', 'caption', 'subheading', 'paragraph', 'paragraph']);
  });

  it('reads the page declared gbk but written in UTF-8', () => {
    const { parsed } = pipeline(join(FIXTURES, 'declared-gbk-but-utf8.html'));
    expect(parsed.title).toBe('东港区商会开展助学活动');
    expect(parsed.date).toBe('2020-09-01');
    expect(parsed.warnings).toEqual([]);
  });

  it('reads what there is of the truncated page', () => {
    const { parsed } = pipeline(join(FIXTURES, 'truncated.html'));
    expect(parsed.title).toBe('西岸镇商会召开换届大会');
    expect(parsed.date).toBe('2019-12-20');
    expect(parsed.blocks).toHaveLength(2);
  });
});

describe('parse: title', () => {
  it('takes the line right above the meta line, ignoring short chrome above it', () => {
    const parsed = parse(cleaned(['商会动态', '某商会召开理事会', '来源：某报', '正文第一段。']));
    expect(parsed.title).toBe('某商会召开理事会');
    expect(parsed.blocks).toEqual([{ type: 'paragraph', text: '正文第一段。' }]);
    expect(parsed.warnings).toEqual(['no publication date found']);
  });

  it('skips a subtitle between the title and the meta line', () => {
    const parsed = parse(cleaned(['某商会会长张三的创业故事', '——记某商会会长张三', '来源：某报', '正文。']));
    expect(parsed.title).toBe('某商会会长张三的创业故事');
  });

  it('warns when text above the title is dropped', () => {
    const longLine = '这是一段很长的文字，它出现在标题之前，可能是没有被识别出来的正文内容。';
    const parsed = parse(cleaned([longLine, '某商会召开理事会', '日期：2020-04-10', '正文。']));
    expect(parsed.warnings).toEqual([`ignored 1 line(s) of text above the title, starting "${longLine.slice(0, 30)}"`]);
  });

  it('takes the first line when nothing else points at the title', () => {
    expect(parse(cleaned(['某商会召开理事会', '', '正文第一段。'])).title).toBe('某商会召开理事会');
  });

  it.each([
    ['with a final stop', '某商会召开理事会。'],
    ['without a final stop', '某商会召开理事会'],
  ])('drops a first paragraph that repeats the title %s', (_, repeat) => {
    const parsed = parse(cleaned(['某商会召开理事会', '日期：2020-04-10', repeat, '正文。']));
    expect(parsed.blocks).toEqual([{ type: 'paragraph', text: '正文。' }]);
  });

  it('keeps a first paragraph that only starts like the title', () => {
    const parsed = parse(cleaned(['某商会召开理事会', '某商会召开理事会，审议工作报告。']));
    expect(parsed.blocks).toHaveLength(1);
  });

  it('finds no headline when the page starts with a paragraph, and keeps the paragraph as the body', () => {
    const parsed = parse(cleaned(['某商会昨日召开理事会，审议并通过了年度工作报告和财务报告，会议还选举了新一届理事会成员。']));
    expect(parsed.title).toBeNull();
    expect(parsed.warnings).toEqual(['no publication date found']);
    expect(parsed.blocks).toHaveLength(1);
  });

  it('for HTML takes the line that the <title> names, without the site-name suffix', () => {
    const parsed = parse(
      cleaned(['某某商会', '某商会召开理事会', '正文。'], {
        format: 'html',
        meta: { ...NO_META, htmlTitle: '某商会召开理事会 - 某某商会', siteName: '某某商会' },
      }),
    );
    expect(parsed.title).toBe('某商会召开理事会');
    expect(parsed.blocks).toEqual([{ type: 'paragraph', text: '正文。' }]);
  });

  it('for HTML matches a title whose parts come in another order or use other separators', () => {
    const meta = { ...NO_META, htmlTitle: '某某商会_商会动态_某商会召开2020-2021年度理事会' };
    const parsed = parse(cleaned(['商会动态', '某商会召开2020-2021年度理事会', '正文。'], { format: 'html', meta }));
    expect(parsed.title).toBe('某商会召开2020-2021年度理事会');
  });

  it('for HTML prefers the line above the meta line when the <title> is only the site name', () => {
    const meta = { ...NO_META, htmlTitle: '某某商会' };
    const parsed = parse(cleaned(['某某商会', '某商会召开第三届会员代表大会', '来源：某报', '正文。'], { format: 'html', meta }));
    expect(parsed.title).toBe('某商会召开第三届会员代表大会');
  });

  it('for HTML falls back to the first part of the <title> when no line matches', () => {
    const meta = { ...NO_META, htmlTitle: '某商会召开理事会 | 某某商会' };
    const parsed = parse(cleaned(['会议由会长主持，审议了工作报告和财务报告，选举产生了新一届理事会。'], { format: 'html', meta }));
    expect(parsed.title).toBe('某商会召开理事会');
    expect(parsed.blocks).toHaveLength(1);
  });

  it('for HTML normalises the punctuation of the <title> before comparing', () => {
    const meta = { ...NO_META, htmlTitle: '某商会提出"三加强"理念 - 某站' };
    const parsed = parse(cleaned(['某站', '某商会提出“三加强”理念', '正文。'], { format: 'html', meta }));
    expect(parsed.title).toBe('某商会提出“三加强”理念');
  });
});

describe('parse: date', () => {
  const withMeta = (meta: string, body = '正文。'): ParsedPage => parse(cleaned(['某商会召开理事会', meta, body]));

  it.each([
    ['日期：2020-04-10', '2020-04-10'],
    ['发布时间：2020-02-05 20:55:36', '2020-02-05'],
    ['时间：2020/4/10', '2020-04-10'],
    ['2020年4月10日 来源：某报', '2020-04-10'],
    ['发布日期：2020.04.10', '2020-04-10'],
    ['2020年04月10日 星期五', '2020-04-10'],
  ])('reads %s', (meta, date) => {
    expect(withMeta(meta).date).toBe(date);
  });

  it('prefers the date on the meta line to a date in the body', () => {
    expect(withMeta('日期：2020-04-10', '2019年1月2日，商会成立。').date).toBe('2020-04-10');
  });

  it('prefers the dated field of a meta line to another date on it', () => {
    expect(withMeta('来源：2019-01-01期 日期：2020-04-10').date).toBe('2020-04-10');
  });

  it('uses article:published_time when the page prints no date', () => {
    const parsed = parse(cleaned(['某商会召开理事会', '正文。'], { meta: { ...NO_META, publishedTime: '2021-03-15T09:30:00+08:00' } }));
    expect(parsed.date).toBe('2021-03-15');
  });

  it('does not take the date the lead gives for the event for the publication date', () => {
    expect(parse(cleaned(['某商会召开理事会', '2020年4月10日，商会召开理事会。'])).date).toBeNull();
  });

  it('ignores a date later in the first sentence: it is what the article is about', () => {
    const parsed = parse(cleaned(['关于召开某商会会员大会的通知', '经研究，定于2020年4月20日召开会员大会。']));
    expect(parsed.date).toBeNull();
  });

  it('does not take the date after the dateline and byline of the lead: it is when the event was', () => {
    expect(parse(cleaned(['某商会召开理事会', '本报讯（记者 张三）2020年4月10日，商会召开理事会。'])).date).toBeNull();
  });

  it('uses the date printed in the dateline itself', () => {
    expect(parse(cleaned(['某商会召开理事会', '新华社北京2020年4月10日电（记者 张三）商会召开理事会。'])).date).toBe('2020-04-10');
  });

  it('ignores a full date deeper in the body', () => {
    const parsed = parse(cleaned(['某商会召开理事会', '商会召开理事会。', '会议审议了报告。', '商会成立于2001年5月8日。']));
    expect(parsed.date).toBeNull();
    expect(parsed.warnings).toContain('no publication date found');
  });

  it('gives no date for a date without a year rather than guessing one', () => {
    expect(withMeta('日期：4月10日').date).toBeNull();
    expect(parse(cleaned(['某商会召开理事会', '4月10日，商会召开理事会。'])).date).toBeNull();
  });

  it('refuses an impossible date and says so', () => {
    const parsed = withMeta('日期：2020-02-31');
    expect(parsed.date).toBeNull();
    expect(parsed.warnings).toEqual(['ignored impossible date 2020-02-31', 'no publication date found']);
  });
});

describe('parse: source and URL', () => {
  it('stops the source at the next label and at a space', () => {
    expect(parse(cleaned(['某商会召开理事会', '来源：某某日报日期：2020-04-10'])).source).toBe('某某日报');
    expect(parse(cleaned(['某商会召开理事会', '来源：某某日报 作者 张三'])).source).toBe('某某日报');
  });

  it.each([['信息来源'], ['稿件来源'], ['文章来源']])('reads the source from %s', (label) => {
    expect(parse(cleaned(['某商会召开理事会', `${label}：某某网`, '正文。'])).source).toBe('某某网');
  });

  it('reads a source printed at the end of the article', () => {
    expect(parse(cleaned(['某商会召开理事会', '正文。', '（来源：某某日报）'])).source).toBe('某某日报');
  });

  it('falls back to the site owner, then to the site name, then to null', () => {
    expect(parse(cleaned(['某商会召开理事会', '正文。'], { siteOwner: '甲商会', meta: { ...NO_META, siteName: '乙网' } })).source).toBe('甲商会');
    expect(parse(cleaned(['某商会召开理事会', '正文。'], { meta: { ...NO_META, siteName: '乙网' } })).source).toBe('乙网');
    expect(parse(cleaned(['某商会召开理事会', '正文。'])).source).toBeNull();
  });

  it('replaces a placeholder source such as 本站 with the site owner', () => {
    expect(parse(cleaned(['某商会召开理事会', '来源：本站', '正文。'], { siteOwner: '甲商会' })).source).toBe('甲商会');
  });

  it('takes the canonical URL first', () => {
    const meta = { ...NO_META, canonicalUrl: 'https://example.cn/a.html' };
    expect(parse(cleaned(['某商会召开理事会', '正文。', '原文链接：http://other.cn/b'], { meta })).url).toBe('https://example.cn/a.html');
  });

  it('reads a 本文链接 line and removes it from the body', () => {
    const parsed = parse(cleaned(['某商会召开理事会', '正文。', '本文链接：http://example.cn/b.html']));
    expect(parsed.url).toBe('http://example.cn/b.html');
    expect(parsed.blocks).toEqual([{ type: 'paragraph', text: '正文。' }]);
  });
});

describe('parse: people', () => {
  it('reads reporter, correspondent and editor from labelled fields', () => {
    const parsed = parse(cleaned(['某商会召开理事会', '记者：张三 通讯员：李四 责任编辑：王五', '正文。']));
    expect([parsed.reporter, parsed.correspondent, parsed.editor]).toEqual(['张三', '李四', '王五']);
  });

  it('reads a bracketed byline printed on its own line and drops the line', () => {
    const parsed = parse(cleaned(['某商会召开理事会', '（记者 张三 通讯员 李四）', '正文。']));
    expect([parsed.reporter, parsed.correspondent]).toEqual(['张三', '李四']);
    expect(parsed.blocks).toEqual([{ type: 'paragraph', text: '正文。' }]);
  });

  it('reads a byline at the start of the first paragraph and keeps the paragraph whole', () => {
    const first = '本报讯（记者 张三 通讯员 李四 王五）4月10日，商会召开理事会。';
    const parsed = parse(cleaned(['某商会召开理事会', first]));
    expect([parsed.reporter, parsed.correspondent]).toEqual(['张三', '李四 王五']);
    expect(parsed.blocks).toEqual([{ type: 'paragraph', text: first }]);
  });

  it('reads 作者 and 文/ as the reporter', () => {
    expect(parse(cleaned(['某商会召开理事会', '作者：张三', '正文。'])).reporter).toBe('张三');
    expect(parse(cleaned(['某商会召开理事会', '文/张三 图/李四', '正文。'])).reporter).toBe('张三');
  });

  it('reads 【编辑：…】 at the end and drops it from the body', () => {
    const parsed = parse(cleaned(['某商会召开理事会', '正文。', '【编辑：王五】']));
    expect(parsed.editor).toBe('王五');
    expect(parsed.blocks).toEqual([{ type: 'paragraph', text: '正文。' }]);
  });

  it('prefers 责任编辑 to 编辑 and does not count 审核 as the editor', () => {
    const parsed = parse(cleaned(['某商会召开理事会', '正文。', '编辑：甲某 责任编辑：乙某', '审核：丙某']));
    expect(parsed.editor).toBe('乙某');
    expect(parse(cleaned(['某商会召开理事会', '正文。', '审核：丙某'])).editor).toBeNull();
  });

  it('does not take a department or the site for a person', () => {
    const parsed = parse(cleaned(['某商会召开理事会', '作者：办公室 编辑：本站', '正文。']));
    expect([parsed.reporter, parsed.editor]).toEqual([null, null]);
    expect(parse(cleaned(['某商会召开理事会', '作者：宣传部', '正文。'])).reporter).toBeNull();
  });

  it('leaves people null when the page names none', () => {
    const parsed = parse(cleaned(['某商会召开理事会', '正文。']));
    expect([parsed.reporter, parsed.correspondent, parsed.editor]).toEqual([null, null, null]);
  });
});

describe('parse: blocks', () => {
  const body = (...lines: string[]): ParsedPage => parse(cleaned(['某商会召开理事会', '日期：2020-04-10', ...lines]));
  const long = '商会召开理事会，审议并通过了年度工作报告。';

  it('takes a short line followed by a paragraph as a subheading', () => {
    expect(typesOf(body(long, '加强组织建设', long))).toEqual(['paragraph', 'subheading', 'paragraph']);
  });

  it('takes a short line after a blank line as a caption when paragraphs are not blank-separated', () => {
    expect(typesOf(body(long, long, '', '会长在会上讲话', long))).toEqual(['paragraph', 'paragraph', 'caption', 'paragraph']);
  });

  it('does not read a blank line as a photo when every paragraph is followed by one', () => {
    expect(typesOf(body(long, '', long, '', '加强组织建设', '', long))).toEqual(['paragraph', 'paragraph', 'subheading', 'paragraph']);
  });

  it('takes a longer unpunctuated line as a caption', () => {
    expect(typesOf(body(long, '会长在会上作工作报告，副会长兼秘书长主持会议并作总结讲话', long))).toEqual([
      'paragraph',
      'caption',
      'paragraph',
    ]);
  });

  it.each([['图为会议现场。'], ['图：会议现场'], ['▲ 会议现场'], ['会议现场（张三 摄）']])(
    'takes %s as a caption whatever the layout',
    (line) => {
      expect(typesOf(body(long, line, long))).toEqual(['paragraph', 'caption', 'paragraph']);
    },
  );

  it.each([['一、加强党建引领，推动商会高质量发展'], ['（二）强化服务'], ['3. 做好会员发展']])(
    'takes the numbered heading %s as a subheading',
    (line) => {
      expect(typesOf(body(long, line, long))).toEqual(['paragraph', 'subheading', 'paragraph']);
    },
  );

  it('takes a line ending with a colon that introduces the next paragraph as a paragraph', () => {
    expect(typesOf(body('会长总结了三点经验：', long))).toEqual(['paragraph', 'paragraph']);
  });

  it('takes a long line without final punctuation as a paragraph', () => {
    const line = '商会召开理事会审议并通过了年度工作报告和财务报告会议还选举产生了新一届理事会成员并对下一阶段的工作进行了全面部署和安排大家一致表示将继续努力';
    expect(typesOf(body(line))).toEqual(['paragraph']);
  });

  it('takes a short line that gives a date or a time as a paragraph, not a heading', () => {
    expect(typesOf(body('一、会议时间', '2020年4月20日上午', '二、会议地点', long))).toEqual([
      'subheading',
      'paragraph',
      'subheading',
      'paragraph',
    ]);
    expect(typesOf(body(long, '上午9:00报到', long))).toEqual(['paragraph', 'paragraph', 'paragraph']);
  });

  it('reads a notice: its items are paragraphs under numbered headings and its event date is not the meta line', () => {
    const parsed = parse(
      cleaned([
        '关于召开某协会第三届会员大会的通知',
        '各会员单位：',
        '经研究，定于2020年4月20日召开第三届会员大会。现将有关事项通知如下：',
        '一、会议时间',
        '2020年4月20日上午9:00',
        '二、会议地点',
        '某宾馆三楼会议室',
        '三、联系方式',
        '联系人：某某 联系电话：13800001111',
        '某协会',
        '2020年4月10日',
      ]),
    );
    expect(parsed.title).toBe('关于召开某协会第三届会员大会的通知');
    expect(parsed.date).toBeNull();
    expect(typesOf(parsed)).toEqual([
      'paragraph',
      'paragraph',
      'subheading',
      'paragraph',
      'subheading',
      'paragraph',
      'subheading',
      'paragraph',
      'paragraph',
      'paragraph',
    ]);
  });

  it('takes a short line before a photo as a subheading', () => {
    expect(typesOf(body(long, '加强组织建设', '', '会长在会上讲话', long))).toEqual(['paragraph', 'subheading', 'caption', 'paragraph']);
  });

  it('keeps a short last line, such as a signature, as a paragraph', () => {
    expect(typesOf(body(long, '某某商会'))).toEqual(['paragraph', 'paragraph']);
  });

  it('warns when there is no body at all', () => {
    expect(body().warnings).toEqual(['no body text found']);
  });

  it('reports only its own warnings, not those of the earlier stages', () => {
    const parsed = parse(cleaned(['某商会召开理事会', '日期：2020-04-10', long], { warnings: ['from clean'] }));
    expect(parsed.warnings).toEqual([]);
    expect(parsed.file).toBe('page.txt');
  });
});

describe('parse: pages without a headline', () => {
  const lead = '青禾市餐饮商会第三届会员大会在市会展中心召开，会议选举产生了新一届理事会。';

  it.each([
    ['a lead that ends in 。', ['青禾市餐饮商会召开三届一次理事会。', lead]],
    ['a line with two sentences', ['青禾市餐饮商会召开理事会。会长周明远主持', lead]],
    ['a lead that opens with the day of the event', ['6月2日下午，青禾市餐饮商会召开理事会', lead]],
    ['a lead that opens with 近日', ['近日，青禾市餐饮商会走访会员企业', lead]],
    ['a lead that opens with a dateline', ['云州日报讯 青禾市餐饮商会召开理事会', lead]],
    ['a lead that opens with a bracketed byline', ['（记者 周明远）青禾市餐饮商会召开理事会', lead]],
    ['a long run of clauses without a stop', [`${'青禾市餐饮商会组织会员企业走访慰问困难群众，'.repeat(3)}送去米面油等物资`, lead]],
  ])('takes no headline from %s', (_, lines) => {
    expect(parse(cleaned(lines)).title).toBeNull();
  });

  it('does not take a byline line for the headline, and reads its reporters', () => {
    const parsed = parse(cleaned(['□周明远 记者 林若溪 韩冰', lead]));
    expect(parsed.title).toBeNull();
    expect(parsed.reporter).toBe('林若溪 韩冰');
    expect(parsed.blocks).toEqual([{ type: 'paragraph', text: lead }]);
  });

  it('does not take a date line or a 来源 line for the headline', () => {
    const parsed = parse(cleaned(['2021年6月3日', '来源：云州日报', lead]));
    expect(parsed).toMatchObject({ title: null, date: '2021-06-03', source: '云州日报' });
    expect(parsed.blocks).toHaveLength(1);
  });

  it('does not take a post header (names, date, time, region) for the headline, and reads its date and publisher', () => {
    const parsed = parse(cleaned(['青禾市餐饮商会 青禾餐饮 2023年5月12日 17:30 江苏', lead]));
    expect(parsed).toMatchObject({ title: null, date: '2023-05-12', source: '青禾市餐饮商会' });
  });

  it('does not take a site banner for the headline', () => {
    expect(parse(cleaned(['欢迎访问青禾市工商业联合会', lead])).title).toBeNull();
  });

  it('does not take the scene of a photo above the text for the headline', () => {
    expect(parse(cleaned(['植树活动现场', lead])).title).toBeNull();
  });
});

describe('parse: which line is the headline', () => {
  const lead = '本报讯（记者 林若溪）青禾市餐饮商会第三届会员大会日前召开，会议选举产生了新一届理事会。';

  it('takes the headline below a short column name, not the column name', () => {
    expect(parse(cleaned(['商会动态', '青禾市餐饮商会召开第三届会员大会', '', lead])).title).toBe('青禾市餐饮商会召开第三届会员大会');
  });

  it('takes the headline, not the subtitle under it', () => {
    const parsed = parse(cleaned(['青禾市商会号召会员驰援抗旱一线', '', '三十余家会员企业送去抗旱物资', '', lead]));
    expect(parsed.title).toBe('青禾市商会号召会员驰援抗旱一线');
  });

  it('on an e-paper page takes the headline above the article meta line, not the reader header above the issue date', () => {
    const parsed = parse(cleaned(['数字报阅读', '2025-11-03', '星期一', '当前报纸名称：云州日报', '', '青禾乡商会慰问留守儿童', '', '日期：09-21', '', lead]));
    expect(parsed).toMatchObject({ title: '青禾乡商会慰问留守儿童', date: null, source: '云州日报' });
  });

  it('takes the issue date printed above the headline when the article prints no date of its own', () => {
    const parsed = parse(cleaned(['2022年03月18日', '', '青禾市商会号召会员驰援抗旱一线', '', lead]));
    expect(parsed).toMatchObject({ title: '青禾市商会号召会员驰援抗旱一线', date: '2022-03-18' });
  });

  it('does not take a breadcrumb left above the headline for the headline', () => {
    expect(parse(cleaned(['云州网> 民生', '', '青禾市商会向敬老院赠送冬衣', '作者：林若溪 来源：云州日报', lead])).title).toBe('青禾市商会向敬老院赠送冬衣');
  });

  it('keeps a headline that holds a comma or an exclamation mark', () => {
    expect(parse(cleaned(['凝心聚力谋发展，青禾市温州商会完成换届', '', lead])).title).toBe('凝心聚力谋发展，青禾市温州商会完成换届');
    expect(parse(cleaned(['好消息！青禾职业学院商会人才培训基地揭牌', '', lead])).title).toBe('好消息！青禾职业学院商会人才培训基地揭牌');
  });
});

describe('parse: source without a 来源 line', () => {
  const title = '青禾市餐饮商会召开理事会';
  const story = '会议审议通过了年度工作报告。';

  it('takes the 供稿 line', () => {
    expect(parse(cleaned([title, story, '供稿：市工商联会员部', '编辑：韩冰'])).source).toBe('市工商联会员部');
  });

  it('prefers the 来源 line to the 供稿 line', () => {
    expect(parse(cleaned([title, story, '来源：云州日报', '供稿：市工商联会员部'])).source).toBe('云州日报');
  });

  it('takes a （…供稿） credit at the end of the last paragraph', () => {
    expect(parse(cleaned([title, `${story}（青禾市科协供稿）`])).source).toBe('青禾市科协');
  });

  it('takes an 作者 that names an organisation or an account, not one that names a person', () => {
    expect(parse(cleaned([title, '作者：qhcy 日期：2024-02-19', story])).source).toBe('qhcy');
    expect(parse(cleaned([title, '作者：青禾市餐饮商会秘书处', story])).source).toBe('青禾市餐饮商会秘书处');
    const byPerson = parse(cleaned([title, '作者：林若溪', story]));
    expect([byPerson.source, byPerson.reporter]).toEqual([null, '林若溪']);
  });

  it.each([
    ['云州日报讯 青禾市餐饮商会日前召开理事会。', '云州日报'],
    ['云州网5月3日讯（记者 林若溪 通讯员 韩冰）青禾市餐饮商会日前召开理事会。', '云州网'],
    ['云州新闻网杭州5月3日电 青禾市餐饮商会日前召开理事会。', '云州新闻网'],
    ['【云州时报/云州通讯社讯 （记者林若溪青禾报道）】青禾市餐饮商会日前召开理事会。', '云州时报/云州通讯社'],
    ['云州晚报全媒体讯（记者 林若溪）青禾市餐饮商会日前召开理事会。', '云州晚报'],
  ])('takes the outlet named in the dateline of "%s"', (first, outlet) => {
    expect(parse(cleaned([first, '会议审议通过了年度工作报告。'])).source).toBe(outlet);
  });

  it('takes no outlet from 本报讯: it names no paper', () => {
    expect(parse(cleaned(['本报讯（记者 林若溪）青禾市餐饮商会日前召开理事会。'])).source).toBeNull();
    expect(parse(cleaned(['【本報訊】青禾市餐飲商會日前召開理事會。'])).source).toBeNull();
  });

  it('takes the outlet of a dateline printed under a photo caption', () => {
    const parsed = parse(cleaned(['会长林若溪向受助学生发放助学金。云州日报记者 韩冰 摄', '云州网杭州5月3日电 青禾市餐饮商会日前召开理事会。']));
    expect(parsed.source).toBe('云州网');
  });

  it('reads the byline after a dateline', () => {
    const parsed = parse(cleaned(['云州网5月3日讯（记者 林若溪 通讯员 韩冰）青禾市餐饮商会日前召开理事会。']));
    expect([parsed.reporter, parsed.correspondent]).toEqual(['林若溪', '韩冰']);
  });

  it('reads the reporter of a byline that ends with where the story was filed from', () => {
    expect(parse(cleaned(['云州日报讯（记者 林若溪 青禾报道）青禾市餐饮商会日前召开理事会。'])).reporter).toBe('林若溪');
  });

  it('prefers what the page prints to the site owner from the footer', () => {
    expect(parse(cleaned(['云州日报讯 青禾市餐饮商会日前召开理事会。'], { siteOwner: '云州传媒集团' })).source).toBe('云州日报');
    expect(parse(cleaned([title, story], { siteOwner: '云州传媒集团' })).source).toBe('云州传媒集团');
  });
});

describe('titleFromText', () => {
  const paragraph = (text: string): Block => ({ type: 'paragraph', text });

  it('takes the first sentence without the dateline, the byline and the time of the event', () => {
    expect(titleFromText([paragraph('本报讯（记者 林若溪）10月9日上午，青禾市个体劳动者协会第四次会员代表大会召开。会议选举了新一届理事会。')])).toBe(
      '青禾市个体劳动者协会第四次会员代表大会召开',
    );
    expect(titleFromText([paragraph('云州日报讯 林若溪报道：近日，青禾镇商会为辖区环卫工人送去防暑用品。')])).toBe('青禾镇商会为辖区环卫工人送去防暑用品');
  });

  it('skips a photo caption and a quotation that open the story', () => {
    const caption: Block = { type: 'caption', text: '会长林若溪（左）向受助学生发放助学金' };
    expect(titleFromText([caption, paragraph('“抱团发展、共创未来。”5月3日，青禾市温州商会赴家乡考察。')])).toBe('青禾市温州商会赴家乡考察');
  });

  it('cuts a long sentence at the last clause end within 30 characters', () => {
    const title = titleFromText([paragraph('青禾市工商联党组书记林若溪带领执委会一行走访会员企业，详细了解企业生产经营情况，并现场协调解决实际困难。')]);
    expect(title).toBe('青禾市工商联党组书记林若溪带领执委会一行走访会员企业');
  });

  it('cuts a long sentence without a clause end within 30 characters, never inside a number, and marks the cut', () => {
    const title = titleFromText([paragraph('青禾市物流行业协会第二届理事会第五次会议暨会员代表大会在青禾国际会展中心召开。')]);
    expect(title).toBe('青禾市物流行业协会第二届理事会第五次会议暨会员代表大会在青禾…');
    // The 30th character falls inside 12345.67万元: the cut comes before the number.
    const withNumber = titleFromText([paragraph('青禾市福建商会会员企业向灾区群众累计捐赠款物合计12345.67万元用于灾后重建。')]);
    expect(withNumber).toBe('青禾市福建商会会员企业向灾区群众累计捐赠款物合计…');
  });

  it('never cuts inside a 《》 or “” pair', () => {
    expect(titleFromText([paragraph('青禾市商会组织会员学习《关于促进民营经济发展壮大的若干意见实施细则》并开展讨论。')])).toBe('青禾市商会组织会员学习…');
    expect(titleFromText([paragraph('青禾市餐饮商会积极响应上级部门开展“千企帮千村助力乡村振兴共同富裕”行动的号召。')])).toBe('青禾市餐饮商会积极响应上级部门开展…');
  });

  it('keeps a pair that starts before the limit and ends after it when there is no earlier place to cut', () => {
    expect(titleFromText([paragraph('《青禾市关于进一步促进民营经济高质量发展的若干措施实施细则（试行）》正式印发。')])).toBe(
      '《青禾市关于进一步促进民营经济高质量发展的若干措施实施细则（试行）》…',
    );
  });

  it('gives null when there is no text', () => {
    expect(titleFromText([])).toBeNull();
  });
});

describe('a subtitle under the headline', () => {
  test('does not hide the meta line after it: the date and the source are read', () => {
    const parsed = parse(cleaned(['“把企业办好是最大的担当”', '——云州市青年企业家座谈会侧记', '2024-02-21 07:30 来源：云州日报 作者：林可', '2月20日下午，云州市工商联召开青年企业家座谈会。']));
    expect(parsed.title).toBe('“把企业办好是最大的担当”');
    expect(parsed.date).toBe('2024-02-21');
    expect(parsed.source).toBe('云州日报');
  });
});
