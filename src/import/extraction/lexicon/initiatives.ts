import type { InitiativeKind } from '../../types';

/** The words an initiative's name ends with, and the kind each makes it: 某某论坛 is an event. */
export const EVENT_ENDINGS: Array<[string, InitiativeKind]> = [
  ['培训班', 'training'], ['研修班', 'training'], ['训练营', 'training'], ['培训', 'training'], ['讲座', 'training'],
  ['大赛', 'event'], ['比赛', 'event'], ['论坛', 'event'], ['峰会', 'event'], ['大会', 'event'], ['年会', 'event'], ['博览会', 'event'], ['交易会', 'event'], ['洽谈会', 'event'],
  ['推介会', 'event'], ['发布会', 'event'], ['表彰会', 'event'], ['研讨会', 'event'], ['座谈会', 'event'], ['交流会', 'event'], ['对接会', 'event'], ['仪式', 'event'], ['运动会', 'event'], ['典礼', 'event'],
  ['活动', 'campaign'], ['行动', 'campaign'], ['工程', 'campaign'], ['计划', 'campaign'], ['项目', 'campaign'], ['倡议', 'campaign'], ['助学金', 'donation'], ['奖学金', 'donation'], ['基金', 'donation'],
];
