import { element, xmlText } from './xml';

export type FeedItem = { title: string; link?: string; guid: string; description?: string; published?: string; categories?: string[] };

export type Feed = { title: string; link: string; selfLink: string; description: string; language: string; items: FeedItem[] };

/** RFC 822 date, as RSS 2.0 wants (toUTCString gives exactly that form, in GMT). */
export const rfc822 = (value: string | null | undefined): string | undefined => {
  if (value === undefined || value === null || value === '') return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toUTCString();
};

const item = (entry: FeedItem): string =>
  '<item>' +
  element('title', entry.title) +
  element('link', entry.link) +
  // The guid is the link when there is one (a permalink), else a stable id that is no URL.
  `<guid isPermaLink="${entry.link === undefined ? 'false' : 'true'}">${xmlText(entry.link ?? entry.guid)}</guid>` +
  element('description', entry.description) +
  element('pubDate', rfc822(entry.published)) +
  (entry.categories ?? []).map((category) => element('category', category)).join('') +
  '</item>\n';

/** An RSS 2.0 feed (https://www.rssboard.org/rss-specification) with an Atom self link. */
export const rssXml = (feed: Feed): string => {
  const newest = feed.items.map((entry) => rfc822(entry.published)).find((date) => date !== undefined);
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">\n<channel>\n' +
    element('title', feed.title) +
    element('link', feed.link) +
    `<atom:link href="${xmlText(feed.selfLink)}" rel="self" type="application/rss+xml"/>` +
    element('description', feed.description) +
    element('language', feed.language) +
    element('lastBuildDate', newest) +
    '\n' +
    feed.items.map(item).join('') +
    '</channel>\n</rss>\n'
  );
};
