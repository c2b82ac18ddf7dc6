import { readFileSync } from 'fs';
import { join } from 'path';

import { clean } from '../../../src/import/clean';
import { decode } from '../../../src/import/decode';
import { collapseWhitespace, normalisePunctuation } from '../../../src/import/text';
import type { CleanedPage, DecodedPage } from '../../../src/import/types';

const FIXTURES = join(__dirname, '../../fixtures/pages');
const SAMPLES = join(__dirname, '../../../data/documents');

function cleanText(text: string): CleanedPage {
  return clean({ file: 'page.txt', format: 'text', encoding: 'utf-8', text, warnings: [] });
}

function cleanHtml(html: string): CleanedPage {
  return clean({ file: 'page.html', format: 'html', encoding: 'utf-8', text: html, warnings: [] });
}

function decodeFile(path: string): DecodedPage {
  const result = decode({ file: path, bytes: readFileSync(path) });
  if (!result.ok) {
    throw new Error(result.problem.message);
  }
  return result.value;
}

function nonBlank(lines: string[]): string[] {
  return lines.filter((line) => line.length > 0);
}

/** What clean is expected to make of a kept line. */
function asKept(line: string): string {
  return collapseWhitespace(normalisePunctuation(collapseWhitespace(line)));
}

/** The raw lines of a file between two 1-based line numbers, inclusive, without blanks. */
function rawLines(text: string, first: number, last: number): string[] {
  return text
    .split(/\r?\n/)
    .slice(first - 1, last)
    .map((line) => line.trim())
    .filter((line) => collapseWhitespace(line).length > 0);
}

describe('clean: sample 000 (footer with 主办单位, ICP and 公安 lines)', () => {
  const decoded = decodeFile(join(SAMPLES, '000_f1cca717d84457e6.txt'));
  const page = clean(decoded);

  it('keeps every line of the article, from the title to the last paragraph, and nothing else', () => {
    expect(nonBlank(page.lines)).toEqual(rawLines(decoded.text, 3, 38).map(asKept));
  });

  it('removes the slogan bar at the top and the whole footer, as printed', () => {
    expect(page.removed).toEqual([
      '服务  创新  协作  规范   |',
      '主办单位:中国中小商业企业协会 技术支持:北京农商互联科技有限公司',
      '地址:北京市石景山区石景山路甲18号院 联系电话:010-82036381 82036388 82030467 (同传真) 邮 箱:zxsx@zxsx.org',
      '京公安网备案号: 11010202010464 号',
      'ICP备案号:京ICP备06029898号-1',
    ]);
  });

  it('names the site owner from 主办单位, not the 技术支持 company', () => {
    expect(page.siteOwner).toBe('中国中小商业企业协会');
  });

  it('normalises ASCII punctuation in the article to full width', () => {
    expect(page.lines).toContain('任兴磊首先汇报了中国中小商业企业协会上半年工作总结：');
    const quote = page.lines.find((line) => line.includes('范世生'));
    expect(quote).toContain('叠云（北京）科技股份有限公司');
    expect(quote).toContain('表示：“下属深圳');
    expect(quote?.endsWith('早日打赢这场“战疫”。”')).toBe(true);
  });

  it('keeps blank lines between paragraphs but never more than one in a row, nor at the ends', () => {
    expect(page.lines[0]).not.toBe('');
    expect(page.lines[page.lines.length - 1]).not.toBe('');
    page.lines.forEach((line, index) => {
      if (line === '') {
        expect(page.lines[index + 1]).not.toBe('');
      }
    });
    expect(page.lines.slice(0, 3)).toEqual([
      '中国中小商业企业协会会员企业复工复产和自救工作经验交流会今日在京召开',
      '',
      '中国中小商业企业协会会员企业复工复产和自救工作经验交流会今日在京召开。',
    ]);
  });

  it('has all-null HTML metadata for a text dump and passes no warnings', () => {
    expect(page.meta).toEqual({ htmlTitle: null, canonicalUrl: null, siteName: null, description: null, publishedTime: null });
    expect(page.warnings).toEqual([]);
    expect(page.format).toBe('text');
  });
});

describe('clean: sample 002 (site header, breadcrumb, link list footer)', () => {
  const decoded = decodeFile(join(SAMPLES, '002_ce4251d4c8a5f3e5.txt'));
  const page = clean(decoded);
  const allRaw = decoded.text.split(/\r?\n/).map((line) => line.trim());

  it('keeps every line of the article, from the title to the last paragraph, and nothing else', () => {
    expect(nonBlank(page.lines)).toEqual(rawLines(decoded.text, 4, 23).map(asKept));
  });

  it('keeps the subheadings and the photo captions with the blank lines that announce the photos', () => {
    const captionAt = page.lines.indexOf('无锡市湖北商会发挥党组织作用，积极捐款捐物驰援湖北');
    expect(page.lines[captionAt - 1]).toBe('');
    expect(page.lines[captionAt + 1]).toBe('加强组织指导');
  });

  it('keeps the meta line, with full-width colons', () => {
    expect(page.lines[1]).toBe('来源：苏商天下 日期：2020-04-10');
  });

  it('removes the site name lines and the breadcrumb above the title', () => {
    expect(page.removed.slice(0, 3)).toEqual(allRaw.slice(0, 3));
    expect(collapseWhitespace(page.removed[2])).toBe('您现在的位置:首页 > 专题 > 苏商聚力共抗疫情 > 工商联举措');
  });

  it('removes the footer: the repeated site name, ICP, address line, 平台建设中 and every linked organisation', () => {
    const footer = allRaw.slice(23).filter((line) => collapseWhitespace(line).length > 0);
    expect(footer).toHaveLength(35);
    expect(page.removed.slice(3)).toEqual(footer);
    expect(page.removed).toContain('江苏省特产商会');
    expect(page.removed).toContain('网站备案序号:苏ICP备 07010100 号');
  });

  it('has no site owner: the footer names no 主办单位 and no copyright holder', () => {
    expect(page.siteOwner).toBeNull();
  });
});

describe('clean: boilerplate lines anywhere', () => {
  it.each([
    ['a breadcrumb with 当前位置', '当前位置：首页 > 新闻中心 > 正文'],
    ['a breadcrumb of arrows', '某商会 » 商会动态 » 正文'],
    ['a share bar', '分享到：微信 微博 QQ空间'],
    ['a bare list of share targets', '微信 微博 QQ空间'],
    ['a previous-article link', '上一篇：某商会召开理事会'],
    ['a next-article link', '下一篇：没有了'],
    ['print and close widgets', '【字体：大 中 小】【打印】【关闭】'],
    ['a back-to-top link', '返回顶部'],
    ['a nav bar with separators', '首页 | 关于我们 | 新闻中心 | 联系我们'],
    ['a nav bar of nav words', '网站首页 联系我们 网站地图'],
    ['an ICP number', '京ICP备12345678号'],
    ['a 公安 filing number', '京公网安备 11010502030405号'],
    ['a site identifier', '网站标识码：1100000001'],
    ['a copyright line', 'Copyright © 2020 某某商会 All Rights Reserved'],
    ['a 技术支持 credit', '技术支持：某某网络公司'],
    ['a visitor counter', '您是第 12345 位访客'],
    ['an under-construction notice', '平台建设中......'],
  ])('removes %s even in the middle of the page', (_, line) => {
    const page = cleanText(`某商会召开理事会\n来源：某商会\n商会召开理事会，审议工作报告。\n${line}\n会议还研究了其他事项。`);
    expect(page.removed).toEqual([line]);
    expect(nonBlank(page.lines)).toHaveLength(4);
  });

  it('never removes a meta line, even one that carries a counter and print widgets', () => {
    const meta = '发布时间：2020-04-10 浏览次数：128 【打印】【关闭】';
    const page = cleanText(`某商会召开理事会\n${meta}\n商会召开理事会。`);
    expect(page.lines[1]).toBe(meta);
    expect(page.removed).toEqual([]);
  });

  it('keeps a sentence that only mentions a boilerplate word', () => {
    const sentence = '商会为会员企业提供技术支持，版权所有人均表示满意。';
    expect(cleanText(`标题一二三四\n${sentence}\n下一段。`).lines).toContain(sentence);
  });
});

describe('clean: header', () => {
  it('removes short lines above a breadcrumb near the top', () => {
    const page = cleanText('某省某某商会\n商道天下\n您的位置：首页 > 新闻\n标题一二三四五\n日期：2020-04-10\n正文第一段。');
    expect(page.removed).toEqual(['某省某某商会', '商道天下', '您的位置：首页 > 新闻']);
    expect(page.lines[0]).toBe('标题一二三四五');
  });

  it('removes a site name line at the top that is printed again in the footer', () => {
    const page = cleanText('某市某某商会\n某商会召开理事会\n来源：某商会\n商会召开理事会。\n某市某某商会\n地址：某市某路1号');
    expect(page.removed).toEqual(['某市某某商会', '某市某某商会', '地址：某市某路1号']);
  });

  it('removes a site name line at the top that appears inside a footer line', () => {
    const page = cleanText('某市某某商会\n某商会召开理事会\n来源：某商会\n商会召开理事会。\n版权所有：某市某某商会 电话：010-12345678');
    expect(page.removed[0]).toBe('某市某某商会');
  });

  it('never removes the title above the meta line, even when the footer repeats it', () => {
    const page = cleanText('某商会召开理事会\n来源：某商会\n商会召开理事会。\n相关文章\n某商会召开理事会');
    expect(page.lines.slice(0, 2)).toEqual(['某商会召开理事会', '来源：某商会']);
    expect(page.removed).toEqual(['相关文章', '某商会召开理事会']);
  });

  it('removes a slogan bar of space-separated words and a contact bar at the top', () => {
    const page = cleanText('团结 服务 引导 教育\n服务热线：400-123-4567\n某商会召开理事会\n来源：某商会\n商会召开理事会。');
    expect(page.removed).toEqual(['团结 服务 引导 教育', '服务热线：400-123-4567']);
  });

  it('removes a menu dumped one item per line at the top', () => {
    const page = cleanText('商会概况\n\n商会动态\n\n会员风采\n\n政策法规\n\n某商会召开理事会\n来源：某商会\n商会召开理事会。');
    expect(page.removed).toEqual(['商会概况', '商会动态', '会员风采', '政策法规']);
  });

  it('keeps a short title that has no meta line under it when nothing marks it as chrome', () => {
    const page = cleanText('某商会召开理事会\n\n商会召开理事会，审议工作报告。');
    expect(page.removed).toEqual([]);
  });
});

describe('clean: footer', () => {
  const article = '某商会召开理事会\n来源：某商会\n商会召开理事会，审议了年度工作报告。\n';

  it('removes contact lines after the article', () => {
    const page = cleanText(`${article}地址：某市某路1号 邮编：100000\n电话：010-12345678 传真：010-12345679\nE-mail: office@example.org.cn`);
    expect(page.removed).toHaveLength(3);
  });

  it('keeps a contact line inside the article', () => {
    const line = '报名电话：0571-88886666';
    const page = cleanText(`${article}${line}\n欢迎会员企业踊跃报名参加。`);
    expect(page.lines).toContain(line);
  });

  it('keeps contact lines that a line ending in a colon introduces, as in a notice', () => {
    const page = cleanText(`${article}联系方式：\n联系人：张三\n联系电话：0571-88886666\n版权所有：某商会`);
    expect(page.lines.slice(-3)).toEqual(['联系方式：', '联系人：张三', '联系电话：0571-88886666']);
    expect(page.removed).toEqual(['版权所有：某商会']);
  });

  it('removes a list of at least four organisation names at the very end, with blank lines between them', () => {
    const page = cleanText(`${article}\n某市工商联\n\n某区总商会\n\n某县商会\n\n某省青年企业家协会`);
    expect(page.removed).toEqual(['某市工商联', '某区总商会', '某县商会', '某省青年企业家协会']);
  });

  it('keeps a list of names that a line ending in a colon introduces', () => {
    const page = cleanText(`${article}获评先进的会员单位有：\n某市工商联\n某区总商会\n某县商会\n某省青年企业家协会`);
    expect(page.removed).toEqual([]);
  });

  it('keeps three short lines at the end: too few for a link list', () => {
    const page = cleanText(`${article}\n某市工商联\n\n某区总商会\n\n某县商会`);
    expect(page.removed).toEqual([]);
  });

  it('keeps a run of short lines at the end that are not organisation names', () => {
    const page = cleanText(`${article}\n会议现场\n\n代表发言\n\n举手表决\n\n合影留念`);
    expect(page.removed).toEqual([]);
  });

  it('removes any short lines that come after the footer, whatever they are', () => {
    const page = cleanText(`${article}ICP备案号：京ICP备12345678号\n某日报\n某在线`);
    expect(page.removed).toEqual(['ICP备案号：京ICP备12345678号', '某日报', '某在线']);
  });

  it('removes the entries under a 友情链接 label at the end', () => {
    const page = cleanText(`${article}友情链接\n某市人民政府网站\n某省工商业联合会官方网站`);
    expect(page.removed).toEqual(['友情链接', '某市人民政府网站', '某省工商业联合会官方网站']);
  });

  it('keeps a photo caption that sits right above the footer', () => {
    const page = cleanText(`${article}\n代表们举手表决通过各项议程\n主办单位：某商会`);
    expect(page.lines).toContain('代表们举手表决通过各项议程');
    expect(page.removed).toEqual(['主办单位：某商会']);
  });

  it('keeps the 责任编辑 line at the end of the article', () => {
    const page = cleanText(`${article}（责任编辑：王五）\n版权所有：某商会`);
    expect(page.lines[page.lines.length - 1]).toBe('（责任编辑：王五）');
  });

  it('removes the platform disclaimer under the article and keeps the 供稿 and 编辑 lines above it', () => {
    const disclaimer = '免责声明：本文转载自合作单位，仅供交流学习，不代表本平台立场。';
    const page = cleanText(`${article}供稿：某区工商联\n编辑：王五\n${disclaimer}`);
    expect(page.removed).toEqual([disclaimer]);
    expect(page.lines.slice(-2)).toEqual(['供稿：某区工商联', '编辑：王五']);
  });

  it('removes a post\'s calls to follow and comment after the 来源 line', () => {
    const page = cleanText(`${article}审核：张三 监制：李四\n来源：某某日报\n想了解更多资讯，欢迎关注我们的微信公众号\n欢迎在评论区分享您的观点`);
    expect(page.removed).toEqual(['想了解更多资讯，欢迎关注我们的微信公众号', '欢迎在评论区分享您的观点']);
    expect(page.lines[page.lines.length - 1]).toBe('来源：某某日报');
  });

  it('keeps a sentence of the article that asks readers to follow an account', () => {
    const line = '商会同步开通微信公众号，欢迎会员企业关注公众号并及时了解政策信息，积极参与商会组织的各项活动。';
    const page = cleanText(`${article}${line}\n商会将持续做好会员服务。`);
    expect(page.lines).toContain(line);
  });

  it('removes markup that leaked into the text, such as the end of an HTML comment', () => {
    const page = cleanText(`${article}articleid=1024 pagename=A2 某商会召开理事会 -->`);
    expect(page.removed).toEqual(['articleid=1024 pagename=A2 某商会召开理事会 -->']);
  });
});

describe('clean: e-paper and post pages', () => {
  it.each([['第05版：综合'], ['版面：第A3版：上一篇 下一篇'], ['第12版']])('removes the page line of an e-paper: %s', (line) => {
    const page = cleanText(`某某日报\n${line}\n某商会召开理事会\n商会召开理事会，审议了年度工作报告。`);
    expect(page.removed).toContain(line);
  });

  it('keeps a sentence that starts with an edition number', () => {
    const line = '第2版会员手册已于近日印发，共收录会员企业300余家。';
    expect(cleanText(`某商会召开理事会\n${line}`).lines).toContain(line);
  });

  it('keeps the header line of a post: the names before its date are its publisher', () => {
    const header = '某某商会 某区某某商会 2024年3月2日 16:05 浙江';
    const page = cleanText(`${header}\n商会召开理事会，审议了年度工作报告。`);
    expect(page.lines[0]).toBe(header);
  });
});

describe('clean: a page cut off inside a character', () => {
  it('drops the U+FFFD the cut left at the end and says the page looks truncated', () => {
    const page = cleanText('某商会召开理事会\n商会召开理事会，审议了年度工\ufffd\n');
    expect(page.lines[page.lines.length - 1]).toBe('商会召开理事会，审议了年度工');
    expect(page.warnings).toEqual(['the page looks truncated: it ends inside a character, which was dropped']);
  });

  it('does the same for an HTML page', () => {
    const page = cleanHtml('<html><body><h1>某商会召开理事会</h1><p>商会召开理事会，审议了年度工\ufffd');
    expect(page.lines[page.lines.length - 1]).toBe('商会召开理事会，审议了年度工');
    expect(page.warnings).toContain('the page looks truncated: it ends inside a character, which was dropped');
  });

  it('says nothing of a page that ends whole', () => {
    expect(cleanText('某商会召开理事会\n商会召开理事会。\n').warnings).toEqual([]);
  });
});

describe('clean: site owner', () => {
  it.each([
    ['主办单位：某市某某商会 技术支持：某网络公司', '某市某某商会'],
    ['技术支持：某网络公司 主办：某市某某商会', '某市某某商会'],
    ['版权所有：某市工商业联合会（总商会）', '某市工商业联合会（总商会）'],
    ['某市某某协会 版权所有', '某市某某协会'],
    ['Copyright © 2015-2020 某市某某协会 All Rights Reserved', '某市某某协会'],
    ['© 2021 某市女企业家协会', '某市女企业家协会'],
  ])('reads the owner from "%s"', (footer, owner) => {
    expect(cleanText(`某商会召开理事会\n来源：某报\n商会召开理事会。\n${footer}`).siteOwner).toBe(owner);
  });

  it('prefers 主办单位 to a copyright line', () => {
    const page = cleanText('标题一二三四\n来源：某报\n正文。\n版权所有：甲方商会\n主办单位：乙方协会');
    expect(page.siteOwner).toBe('乙方协会');
  });

  it('does not take an organisation that 主办 an event in the article', () => {
    const page = cleanText('某商会举办论坛\n来源：某报\n主办单位：某论坛组委会\n论坛于昨日举行。');
    expect(page.siteOwner).toBeNull();
  });
});

describe('clean: HTML', () => {
  const wrap = (body: string, head = ''): string => `<html><head>${head}</head><body>${body}</body></html>`;

  it('drops scripts, styles, noscript, comments and the head, and keeps the text of inline elements together', () => {
    const page = cleanHtml(
      wrap(
        '<script>var a = "<p>脚本</p>";</script><style>p{}</style><noscript>请启用脚本</noscript><!-- 注释 --><p>商会<b>召开</b><a href="#">理事会</a>。</p>',
        '<title>标题</title>',
      ),
    );
    expect(page.lines).toEqual(['商会召开理事会。']);
    expect(page.removed).toEqual([]);
  });

  it('decodes named, decimal and hex character references', () => {
    const page = cleanHtml(wrap('<p>&ldquo;两手抓&rdquo; &amp; &#20013;&#x56FD; &lt;b&gt;&hellip;&unknown;</p>'));
    expect(page.lines).toEqual(['“两手抓”& 中国 <b>…&unknown;']);
  });

  it('puts block elements, <br> and list items on their own lines and table cells side by side', () => {
    const page = cleanHtml(
      wrap(
        '<h1>某商会召开理事会</h1><p>来源：某报</p><div>第一段<br>第二段</div><h2>小标题</h2><ul><li>甲</li><li>乙</li></ul><table><tr><td>项目</td><td>金额</td></tr></table>',
      ),
    );
    expect(page.lines).toEqual(['某商会召开理事会', '来源：某报', '第一段', '第二段', '小标题', '甲', '乙', '项目 金额']);
  });

  it('leaves a blank line where an image was, so the caption after it can be recognised', () => {
    const page = cleanHtml(wrap('<p>第一段。</p><p><img src="a.jpg"></p><p>会长在会上讲话</p><p>第二段。</p>'));
    expect(page.lines).toEqual(['第一段。', '', '会长在会上讲话', '第二段。']);
  });

  it('separates links that sit side by side, so that a menu of bare links is recognised as a nav bar', () => {
    const page = cleanHtml(wrap('<div><a>首页</a><a>商会介绍</a><a>联系我们</a></div><h1>某商会召开理事会</h1><p>来源：某报</p><p>会议由<a>张三</a><a>李四</a>主持。</p>'));
    expect(page.removed).toEqual(['首页 商会介绍 联系我们']);
    expect(page.lines[2]).toBe('会议由张三 李四主持。');
  });

  it('joins source line breaks between Chinese characters without a space, as browsers do', () => {
    const page = cleanHtml(wrap('<p>商会召开\n    理事会 and\nmore</p>'));
    expect(page.lines).toEqual(['商会召开理事会 and more']);
  });

  it('removes nav, header, footer and aside elements and records their lines', () => {
    const page = cleanHtml(
      wrap('<header><div>某某商会</div></header><nav><a>商会简介</a></nav><p>正文。</p><aside><p>热门排行</p></aside><footer><p>某某商会 地址：某路</p></footer>'),
    );
    expect(page.lines).toEqual(['正文。']);
    expect(page.removed).toEqual(['某某商会', '商会简介', '热门排行', '某某商会 地址：某路']);
  });

  it('keeps a header or footer inside the article: it holds the title and the byline', () => {
    const page = cleanHtml(wrap('<article><header><h1>某商会召开理事会</h1></header><p>正文。</p><footer>（责任编辑：王五）</footer></article>'));
    expect(page.lines).toEqual(['某商会召开理事会', '正文。', '（责任编辑：王五）']);
  });

  it('keeps a header that carries the meta line even outside an article element', () => {
    const page = cleanHtml(wrap('<header><h1>某商会召开理事会</h1><p>来源：某报 日期：2020-04-10</p></header><p>正文。</p>'));
    expect(page.lines).toEqual(['某商会召开理事会', '来源：某报 日期：2020-04-10', '正文。']);
  });

  it('does not drop a footer that a truncated page never closed', () => {
    const page = cleanHtml('<html><body><p>正文。</p><footer><p>后面还有正文。');
    expect(page.lines).toEqual(['正文。', '后面还有正文。']);
  });

  it('copes with a page that ends inside a tag', () => {
    const page = cleanHtml('<html><body><p>正文第一段。</p><p>第二段</p><div class="fo');
    expect(page.lines).toEqual(['正文第一段。', '第二段']);
  });

  it('skips hidden elements', () => {
    const page = cleanHtml(wrap('<p>正文。</p><div style="display: none">隐藏</div><div hidden>也隐藏</div>'));
    expect(page.lines).toEqual(['正文。']);
  });

  it('reads title, canonical link, site name, description and published time from the head', () => {
    const page = cleanHtml(
      wrap(
        '<p>正文。</p>',
        '<title> 标题 &amp; 副题 - 某站 </title><link rel="canonical" href="https://example.cn/a.html"><meta property="og:url" content="https://example.cn/b"><meta property="og:site_name" content="某站"><meta name="description" content="摘要"><meta property="article:published_time" content="2021-03-15T09:30:00+08:00">',
      ),
    );
    expect(page.meta).toEqual({
      htmlTitle: '标题 & 副题 - 某站',
      canonicalUrl: 'https://example.cn/a.html',
      siteName: '某站',
      description: '摘要',
      publishedTime: '2021-03-15T09:30:00+08:00',
    });
  });

  it('falls back to og:url when there is no canonical link, and to a PubDate meta for the time', () => {
    const page = cleanHtml(wrap('<p>正文。</p>', '<meta property="og:url" content="https://example.cn/b"><meta name="PubDate" content="2020-04-10 10:00">'));
    expect(page.meta.canonicalUrl).toBe('https://example.cn/b');
    expect(page.meta.publishedTime).toBe('2020-04-10 10:00');
  });

  it('ignores a relative canonical link it cannot resolve', () => {
    expect(cleanHtml(wrap('<p>正文。</p>', '<link rel="canonical" href="/a.html">')).meta.canonicalUrl).toBeNull();
  });

  it('warns when no text is left, and reports only its own warnings, not those of decode', () => {
    const page = clean({ file: 'a.html', format: 'html', encoding: 'utf-8', text: '<html><body><nav>首页</nav></body></html>', warnings: ['from decode'] });
    expect(page.lines).toEqual([]);
    expect(page.warnings).toEqual(['no text left after removing boilerplate']);
  });
});

describe('clean: fixture pages', () => {
  it('cleans the GBK page: site header, breadcrumb, share bar, previous/next links and footer go', () => {
    const page = clean(decodeFile(join(FIXTURES, 'gbk-meta-charset.html')));
    expect(page.removed).toEqual([
      '青禾市总商会',
      '首页 | 商会概况 | 商会动态 | 联系我们',
      '您现在的位置：首页 > 商会动态 > 正文',
      '分享到: 微信 微博 QQ空间',
      '上一篇:青禾市总商会开展新春慰问活动',
      '下一篇:商会组织会员企业参加线上招聘会',
      '主办单位:青禾市总商会 技术支持:青禾云帆网络科技有限公司',
      '地址:青禾市人民路88号 电话:0571-87654321 邮编:310000',
      'ICP备案号:浙ICP备12345678号-1',
    ]);
    expect(page.lines.slice(0, 2)).toEqual([
      '青禾市总商会召开2020年度会员代表大会',
      '发布时间：2020-02-05 20:55:36 来源：青禾市总商会 浏览次数：1024',
    ]);
    expect(page.lines.join('\n')).not.toMatch(/脚本|样式/);
    expect(page.siteOwner).toBe('青禾市总商会');
    expect(page.meta.htmlTitle).toBe('青禾市总商会召开2020年度会员代表大会 - 青禾市总商会');
  });

  it('cleans the GB2312 table-layout page: the upper-case markup, widgets and copyright footer go', () => {
    const page = clean(decodeFile(join(FIXTURES, 'gb2312-http-equiv.html')));
    expect(page.removed).toEqual([
      '云岭省服装行业协会',
      '网站首页　协会简介　行业资讯　会员风采　联系我们',
      '当前位置：首页 >> 行业资讯 >> 正文',
      '【字体：大 中 小】【打印】【关闭】',
      'Copyright © 2015-2020 云岭省服装行业协会 版权所有 All Rights Reserved',
      '地址：昆川市北京路1号 电话：0871-6543210 传真：0871-6543211',
      '滇ICP备09001234号',
    ]);
    expect(page.lines).toHaveLength(9);
    expect(page.lines[8]).toBe('【编辑：马骏】');
    expect(page.siteOwner).toBe('云岭省服装行业协会');
  });

  it('cleans the BOM text page with CRLF line ends', () => {
    const page = clean(decodeFile(join(FIXTURES, 'utf8-bom.txt')));
    expect(page.removed).toEqual([
      '江川市工商业联合会（总商会）',
      '首页 | 工商联概况 | 新闻动态 | 商会建设 | 会员服务 | 联系我们',
      '分享到：微信 微博 QQ空间',
      '上一篇：江川市工商联召开执委会议',
      '下一篇：我市商会组织开展消费帮扶活动',
      '版权所有：江川市工商业联合会（总商会）  技术支持：江川数码科技有限公司',
    ]);
    expect(page.lines).toContain('市工商联党组书记韩立新在开班式上指出，法治是最好的营商环境（他说，商会要当好“法律明白人”）。');
    expect(page.siteOwner).toBe('江川市工商业联合会（总商会）');
  });

  it('cleans the GB18030 page: breadcrumb and the 友情链接 list go, the 原文链接 line stays for parse', () => {
    const page = clean(decodeFile(join(FIXTURES, 'gb18030.txt')));
    expect(page.removed).toEqual([
      '当前位置：首页 > 会员动态',
      '友情链接',
      '南湖区工商联',
      '南湖区总商会',
      '南湖区个体劳动者协会',
      '南湖区烹饪协会',
      '南湖区青年企业家协会',
    ]);
    expect(page.lines[page.lines.length - 1]).toBe('原文链接：http://www.nanhu-example.cn/news/2020/0410/123.html');
    expect(page.lines).toContain('商会会长贺建平说：“医护人员守护我们的健康，我们能做的就是让他们吃上一口热饭。”');
  });

  it('cleans the semantic HTML5 page: site header, nav, aside and footer go, the article header stays', () => {
    const page = clean(decodeFile(join(FIXTURES, 'canonical-og.html')));
    expect(page.removed).toEqual([
      '北辰市女企业家协会',
      '首页',
      '协会简介',
      '协会动态',
      '相关新闻',
      '北辰市女企业家协会召开理事会',
      '协会开展“三八”节慰问活动',
      '© 2021 北辰市女企业家协会 版权所有',
      '技术支持：北辰星海网络有限公司',
    ]);
    expect(page.lines.slice(0, 2)).toEqual(['北辰市女企业家协会举办“巾帼创业”沙龙', '文/韦晓岚 摄影/钱程']);
    expect(page.lines).toContain('会长孙慧琳表示，协会将继续为女性创业者搭建交流平台&对接资源。');
    expect(page.siteOwner).toBe('北辰市女企业家协会');
  });

  it('cleans the blank-separated page: the footer nav, copyright line and the links after it go', () => {
    const page = clean(decodeFile(join(FIXTURES, 'blank-separated.txt')));
    expect(page.removed).toEqual([
      '栖霞县个体私营经济协会',
      '首页 | 协会概况 | 政策法规 | 联系我们',
      '版权所有 © 栖霞县个体私营经济协会  备案号：鲁ICP备2020000000号',
      '栖霞县工商联',
      '烟台市个私协会',
      '山东省个私协会',
      '栖霞县市场监管局',
    ]);
    expect(page.siteOwner).toBe('栖霞县个体私营经济协会');
  });

  it('cleans what there is of a truncated page', () => {
    const page = clean(decodeFile(join(FIXTURES, 'truncated.html')));
    expect(page.lines).toEqual([
      '西岸镇商会召开换届大会',
      '发布日期：2019-12-20',
      '12月20日，西岸镇商会召开第三届会员大会，选举产生新一届理事会。',
      '新当选会长吴振宇表示，将带领商会继续服务好会员企业。',
    ]);
    expect(page.warnings).toEqual([]);
  });
});

describe('a footer that lists its links by label on one line', () => {
  test('政府网站：… 区县网站：… under the article is removed with the sections above it', () => {
    const page = cleanText(
      [
        '云州市工商联召开年度会议',
        '12月2日，云州市工商联召开年度工作会议，市工商联主席周海燕主持会议并讲话。',
        '相关稿件',
        '我市召开民营经济发展大会',
        '政务服务',
        '云州政务服务网',
        '政府网站：中国政府网 青岚省人民政府 海川市人民政府 区县网站：东湖区人民政府 西岭县人民政府 部门网站：云州市发展和改革局',
      ].join('\n')
    );
    expect(nonBlank(page.lines)).toEqual(['云州市工商联召开年度会议', '12月2日，云州市工商联召开年度工作会议，市工商联主席周海燕主持会议并讲话。']);
  });

  test('a sentence that names several bodies after a colon is article text', () => {
    const page = cleanText(['云州市工商联召开年度会议', '出席单位：云州市工商联、云州市商务局、云州市民政局，会议由周海燕主持。'].join('\n'));
    expect(nonBlank(page.lines)).toHaveLength(2);
  });
});
