/**
 * Invented news pages for the review queue's tests (API and browser): a page without a date, a
 * namesake named on two pages at two organisations, a title with no organisation, a cut-off page,
 * and a run of undated pages for a queue longer than a page.
 */

/** An invented news page; `date` null prints none. */
export const page = (options: { title: string; url: string; source: string; date: string | null; paragraphs: string[] }): string => `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${options.title}</title>
<link rel="canonical" href="${options.url}"></head><body>
<h1>${options.title}</h1><div class="info">来源：${options.source}${options.date === null ? '' : `　日期：${options.date}`}</div>
<div class="content">${options.paragraphs.map((text) => `<p>${text}</p>`).join('\n')}</div>
</body></html>
`;

/** The two pages of a namesake: who the person is on each, and what else each page says, in words of its own. */
export type NamesakeStory = { first: { title: string; organisation: string; company: string; lead: string }; second: { title: string; organisation: string; company: string; lead: string } };

/** Each test has its own person and pages, so no page of one test is a near-duplicate of another's. */
export const STORIES: Record<string, NamesakeStory> = {
  孙明远: {
    first: { title: '青禾市青年商会召开年度会员大会', organisation: '青禾市青年商会', company: '青禾宏远建材有限公司', lead: '3月1日，青禾市青年商会召开年度会员大会，总结去年工作。' },
    second: { title: '石桥县工商联走访会员企业', organisation: '石桥县工商联', company: '石桥恒达纺织有限公司', lead: '近日，石桥县工商联组织调研组走访会员企业，了解用工情况。' },
  },
  钱思齐: {
    first: { title: '云溪市女企业家协会举办读书分享会', organisation: '云溪市女企业家协会', company: '云溪晨光印务有限公司', lead: '云溪市女企业家协会在市图书馆举办读书分享会，四十位会员到场。' },
    second: { title: '白沙县总商会开展助农直播', organisation: '白沙县总商会', company: '白沙绿野果业有限公司', lead: '白沙县总商会联合电商平台开展助农直播，销售柑橘两万斤。' },
  },
  吴承志: {
    first: { title: '枫林市物流协会举行安全生产演练', organisation: '枫林市物流协会', company: '枫林速达运输有限公司', lead: '枫林市物流协会在港区举行安全生产演练，检验应急预案。' },
    second: { title: '柳江县工商联召开光彩事业座谈会', organisation: '柳江县工商联', company: '柳江山泉饮品有限公司', lead: '柳江县工商联召开光彩事业座谈会，通报对口帮扶进展。' },
  },
  郑怀瑾: {
    first: { title: '松原市软件行业协会发布人才报告', organisation: '松原市软件行业协会', company: '松原云图信息技术有限公司', lead: '松原市软件行业协会发布年度人才报告，显示本地开发者人数增长。' },
    second: { title: '桃源县商会组织会员赴外地考察', organisation: '桃源县商会', company: '桃源金穗米业有限公司', lead: '桃源县商会组织二十名会员赴沿海城市考察现代农业项目。' },
  },
  冯子墨: {
    first: { title: '梅岭市陶瓷行业协会举办设计大赛', organisation: '梅岭市陶瓷行业协会', company: '梅岭窑火陶瓷有限公司', lead: '梅岭市陶瓷行业协会举办首届日用陶瓷设计大赛，收到作品三百件。' },
    second: { title: '竹山县工商联开展法律服务进企业活动', organisation: '竹山县工商联', company: '竹山青竹家具有限公司', lead: '竹山县工商联邀请律师团队开展法律服务进企业活动。' },
  },
  何以安: {
    first: { title: '兰溪市家政服务协会发布服务标准', organisation: '兰溪市家政服务协会', company: '兰溪安心家政服务有限公司', lead: '兰溪市家政服务协会发布家庭保洁服务标准，明确收费和验收办法。' },
    second: { title: '芦洲县工商联举办返乡创业对接会', organisation: '芦洲县工商联', company: '芦洲丰禾农机有限公司', lead: '芦洲县工商联举办返乡创业对接会，三十个项目现场签约。' },
  },
  陈嘉树: {
    first: { title: '杏坛市餐饮商会推出放心菜单', organisation: '杏坛市餐饮商会', company: '杏坛味道餐饮管理有限公司', lead: '杏坛市餐饮商会推出放心菜单，百家门店公开食材来源。' },
    second: { title: '榆关县工商联举办青年企业家培训班', organisation: '榆关县工商联', company: '榆关北辰机械有限公司', lead: '榆关县工商联举办青年企业家培训班，为期三天。' },
  },
};

/** Two pages naming one name at two organisations: the second page's person is a namesake of the first's. */
export const namesakePages = (prefix: string, name: string, secondDate: string | null): Record<string, string> => {
  const story = STORIES[name];
  return {
    [`${prefix}-1.html`]: page({
      title: story.first.title,
      url: `https://news.example.org/${prefix}/1.html`,
      source: '青禾日报',
      date: '2025-03-01',
      paragraphs: [story.first.lead, `${story.first.organisation}副会长、${story.first.company}董事长${name}主持会议。`],
    }),
    [`${prefix}-2.html`]: page({
      title: story.second.title,
      url: `https://news.example.org/${prefix}/2.html`,
      source: story.second.organisation,
      date: secondDate,
      paragraphs: [story.second.lead, `${story.second.organisation}副主席、${story.second.company}总经理${name}陪同调研。`],
    }),
  };
};


/** A company's page naming a 会长 of no organisation the page names. */
export const unplacedPage = (name: string): string =>
  page({
    title: '青禾宏远建材有限公司举办企业开放日',
    url: 'https://news.example.org/unplaced/1.html',
    source: '青禾日报',
    date: '2025-03-03',
    paragraphs: ['3月3日，青禾宏远建材有限公司举办企业开放日活动。', `会长${name}出席活动并致辞，参观了生产车间。`],
  });

const PLACES = ['东城', '西湖', '南山', '北塘', '江口', '河西', '松林', '桃源', '梅岭', '竹溪', '石门', '云台', '金沙', '银滩', '青石', '白马', '红桥', '黄埔', '紫阳', '绿洲', '蓝田'];
const WORKS = ['茶园改造', '出口订单', '用工培训', '品牌推广', '电商直播', '冷链物流', '包装设计', '质量检测', '融资对接', '技术升级', '展会筹备', '人才招聘', '税务咨询', '标准制定', '产销对接', '仓储建设', '乡村振兴', '公益捐助', '新品研发', '市场调研', '安全生产'];

/**
 * `count` (at most 21) pages without a date, each a visit of the association to another place about
 * another matter: different enough in their words that none is taken for a version of another.
 */
export const undatedVisits = (prefix: string, count: number): Record<string, string> =>
  Object.fromEntries(
    Array.from({ length: count }, (_, index) => {
      const place = PLACES[index];
      const work = WORKS[index];
      const title = `青禾市茶叶协会走访${place}${work}项目`;
      return [
        `${prefix}-${String(index).padStart(2, '0')}.html`,
        page({
          title,
          url: `https://news.example.org/${prefix}/${index}.html`,
          source: '青禾市茶叶协会',
          date: null,
          paragraphs: [
            `${place}片区的会员企业介绍了${work}的进展，协会表示将协调解决${WORKS[(index + 7) % WORKS.length]}中遇到的困难。`,
            `下一次现场会定在${PLACES[(index + 5) % PLACES.length]}，重点讨论${WORKS[(index + 13) % WORKS.length]}和${WORKS[(index + 3) % WORKS.length]}。`,
          ],
        }),
      ];
    })
  );
