import { asBlocks, inlineText, type BlockNode, type InlineNode, type ListNode } from '../body/blocks';

type Position = { title: string; organisation?: { name: string } | null };
export type PreviewArticle = {
  title: string;
  summary?: string | null;
  publicationDate?: string | null;
  publishedAt?: string | null;
  locale?: string | null;
  source?: { publisherName?: string | null; url?: string | null } | null;
  reporter?: string | null;
  correspondent?: string | null;
  editor?: string | null;
  body?: unknown;
  quotes?: Array<{ text: string; speakerTitle?: string | null; speaker?: { name: string } | null }> | null;
  mentionedPersons?: Array<{ name: string; positions?: Position[] | null }> | null;
  mentionedOrganisations?: Array<{ name: string }> | null;
  amounts?: Array<{ text?: string | null; value: number; currency: string; approximate: boolean }> | null;
};

const escape = (text: unknown): string =>
  String(text ?? '').replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char);

const inlineHtml = (children: InlineNode[]): string =>
  children
    .map((child) => {
      if (child.type === 'link') return `<a href="${escape(child.url)}" rel="nofollow">${inlineHtml(child.children)}</a>`;
      let html = escape(child.text).replace(/\n/g, '<br>');
      if (child.code === true) html = `<code>${html}</code>`;
      if (child.bold === true) html = `<strong>${html}</strong>`;
      if (child.italic === true) html = `<em>${html}</em>`;
      if (child.underline === true) html = `<u>${html}</u>`;
      if (child.strikethrough === true) html = `<s>${html}</s>`;
      return html;
    })
    .join('');

const listHtml = (node: ListNode): string => {
  const tag = node.format === 'ordered' ? 'ol' : 'ul';
  return `<${tag}>${node.children.map((child) => (child.type === 'list' ? listHtml(child) : `<li>${inlineHtml(child.children)}</li>`)).join('')}</${tag}>`;
};

/** A body block as HTML: the preview is about content, so only the structure is kept. */
const blockHtml = (node: BlockNode): string => {
  switch (node.type) {
    case 'heading':
      return `<h${node.level}>${inlineHtml(node.children)}</h${node.level}>`;
    case 'quote':
      return `<blockquote>${inlineHtml(node.children)}</blockquote>`;
    case 'list':
      return listHtml(node);
    case 'code':
      return `<pre><code>${escape(inlineText(node.children))}</code></pre>`;
    case 'image': {
      const caption = node.image.caption ?? '';
      return `<figure><img src="${escape(node.image.url)}" alt="${escape(node.image.alternativeText ?? caption)}">${caption === '' ? '' : `<figcaption>${escape(caption)}</figcaption>`}</figure>`;
    }
    default:
      return `<p>${inlineHtml(node.type === 'paragraph' ? node.children : [])}</p>`;
  }
};

/** A plain, self-contained page that shows an article the way a reader would meet it. */
export const renderPreview = (article: PreviewArticle, status: 'draft' | 'published'): string => {
  const byline = [
    article.publicationDate === null || article.publicationDate === undefined ? null : `日期：${escape(article.publicationDate)}`,
    article.source?.publisherName === undefined || article.source?.publisherName === null ? null : `来源：${escape(article.source.publisherName)}`,
    article.reporter ? `记者：${escape(article.reporter)}` : null,
    article.correspondent ? `通讯员：${escape(article.correspondent)}` : null,
    article.editor ? `责任编辑：${escape(article.editor)}` : null,
  ].filter((part): part is string => part !== null);
  const people = (article.mentionedPersons ?? [])
    .map((person) => `<li>${escape(person.name)}：${(person.positions ?? []).map((p) => `${escape(p.organisation?.name ?? '')}${escape(p.title)}`).join('、')}</li>`)
    .join('');
  const quotes = (article.quotes ?? [])
    .map((quote) => `<blockquote>“${escape(quote.text)}”<cite>${escape(quote.speakerTitle ?? '')}${escape(quote.speaker?.name ?? '')}</cite></blockquote>`)
    .join('');
  return `<!DOCTYPE html>
<html lang="${escape(article.locale ?? 'zh-Hans')}">
<head>
<meta charset="utf-8">
<meta name="robots" content="noindex">
<title>${escape(article.title)}</title>
<style>
body{font-family:system-ui,"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.8;color:#222}
.status{display:inline-block;padding:.1rem .5rem;border-radius:.3rem;font-size:.8rem;background:${status === 'draft' ? '#fff4d6' : '#e3f7e8'}}
.byline{color:#666;font-size:.9rem}figure{margin:1.5rem 0;text-align:center}figcaption{color:#555;font-size:.9rem}
img{max-width:100%}blockquote{border-left:3px solid #ccc;margin:1rem 0;padding-left:1rem}cite{display:block;color:#666;font-size:.9rem}
</style>
</head>
<body>
<span class="status">${status === 'draft' ? '草稿预览 Draft preview' : '已发布 Published'}</span>
<h1>${escape(article.title)}</h1>
<p class="byline">${byline.join(' · ')}</p>
${article.summary ? `<p><strong>${escape(article.summary)}</strong></p>` : ''}
<article>${asBlocks(article.body).map(blockHtml).join('\n')}</article>
${quotes === '' ? '' : `<section><h2>引语</h2>${quotes}</section>`}
${people === '' ? '' : `<section><h2>文中人物</h2><ul>${people}</ul></section>`}
</body>
</html>`;
};
