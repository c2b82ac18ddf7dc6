import path from 'path';
import { mayBeSimilar, SAME_ARTICLE_SIMILARITY, similarityAtLeast, type Signature } from './fingerprint';
import { keyRank, pathKey, pathOfKey, sha256, urlKey } from './keys';
import { articlesAtPath, type EntityIndex, type KnownArticle } from './known';

/**
 * Which article a page is. In order:
 *   url          the page's canonical URL (printed, an HTML canonical/og:url, or --base-url plus its
 *                path) is an article's key;
 *   path         an article was imported from the same path relative to the import root, and its
 *                text is close to the page's (see fingerprint.ts);
 *   fingerprint  an article's text is close to the page's, wherever it was imported from (a page
 *                moved or renamed, an article imported before paths were kept, a page now given a URL);
 *   new          none of these: a new article.
 * A URL always wins, and two different URLs are two articles however alike their text. Within one
 * run each file is its own page: an article another file of this run matched is not matched by
 * text again, and a new article that close to it is flagged as a possible duplicate instead.
 */

export type MatchRule = 'url' | 'path' | 'fingerprint' | 'new';

export type ArticleMatch = {
  rule: MatchRule;
  /** The article's key after this import. */
  key: string;
  /** The key of the article the page was matched to (which may differ from `key`: it is re-keyed), or null for a new one. */
  matchedKey: string | null;
  /** How alike the page's text and the matched (or the closest) article's are; null when no text was compared. */
  similarity: number | null;
  /** For a new article: the article of this run whose text is as close as the same article's would be. */
  duplicateOf: string | null;
};

/** Where a page comes from: its path under the import root and the URL it is known by, if any. */
export type PageOrigin = { relativePath: string; url: string | null };

/** The text a fingerprint is taken of: headline and blocks, as extraction reads them. */
export const articleText = (title: string | null, blocks: string[]): string => [title ?? '', ...blocks].join('\n');

/**
 * A file's path relative to the import root it was found under: the directory that was given, or,
 * for a file given by name, the directory it is in. Separators are always `/`.
 */
export const relativePathOf = (file: string, roots: string[]): string => {
  const absolute = path.resolve(file);
  for (const root of roots.map((given) => path.resolve(given))) {
    if (absolute === root) return path.basename(absolute);
    if (absolute.startsWith(`${root}${path.sep}`)) return path.relative(root, absolute).split(path.sep).join('/');
  }
  return path.basename(absolute);
};

/** The URL a path maps to under `--base-url`: https://example.org/news/ + 2021/a.html → https://example.org/news/2021/a.html. */
export const urlUnderBase = (baseUrl: string, relativePath: string): string => {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  return new URL(relativePath.split('/').map(encodeURIComponent).join('/'), base).toString();
};

export const pageOrigin = (file: string, roots: string[], baseUrl: string | null, printedUrl: string | null): PageOrigin => {
  const relativePath = relativePathOf(file, roots);
  return { relativePath, url: printedUrl ?? (baseUrl === null ? null : urlUnderBase(baseUrl, relativePath)) };
};

type Candidate = { key: string; article: KnownArticle; similarity: number };

/** The most similar of `articles` (the first of equals), or null when none is as similar as the same article. */
const closest = (index: EntityIndex, signature: Signature, articles: Iterable<KnownArticle>): Candidate | null => {
  let best: Candidate | null = null;
  for (const article of articles) {
    const other = index.articleSignatures.signatureOf(article.key);
    if (other === undefined || !mayBeSimilar(signature, other)) continue;
    const value = similarityAtLeast(signature, other, best?.similarity ?? SAME_ARTICLE_SIMILARITY);
    if (value !== null && (best === null || value > best.similarity)) best = { key: article.key, article, similarity: value };
  }
  return best;
};

/**
 * The key a matched article takes: the page's own when it says at least as much (a URL over a path,
 * a path over a text hash, the path a page moved to over the one it left) and no other article has it.
 */
const keyAfterMatch = (index: EntityIndex, matchedKey: string, ownKey: string): string =>
  matchedKey.startsWith('url:') || keyRank(ownKey) < keyRank(matchedKey) || index.articles.has(ownKey) ? matchedKey : ownKey;

/** A new article's key: its own, or, when another article already holds that path, the path and a prefix of the text's hash. */
const newKey = (ownKey: string, index: EntityIndex, signature: Signature): string =>
  index.articles.has(ownKey) ? pathKey(pathOfKey(ownKey) ?? ownKey, sha256(Buffer.from(signature.buffer)).slice(0, 8)) : ownKey;

export const matchArticle = (index: EntityIndex, origin: PageOrigin, signature: Signature, file: string): ArticleMatch => {
  const ownKey = origin.url === null ? pathKey(origin.relativePath) : urlKey(origin.url);
  if (origin.url !== null && index.articles.has(ownKey)) return { rule: 'url', key: ownKey, matchedKey: ownKey, similarity: null, duplicateOf: null };
  // Matched by text only when no other file of this run was, and, for a page with a URL, only when the article has no other URL.
  const open = (article: KnownArticle) => (article.importedBy === null || article.importedBy === file) && !(origin.url !== null && article.key.startsWith('url:'));
  const atPath = articlesAtPath(index, origin.relativePath).map((key) => index.articles.get(key)).filter((article): article is KnownArticle => article !== undefined && open(article));
  const samePath = closest(index, signature, atPath);
  if (samePath !== null && samePath.similarity >= SAME_ARTICLE_SIMILARITY) {
    return { rule: 'path', key: keyAfterMatch(index, samePath.key, ownKey), matchedKey: samePath.key, similarity: samePath.similarity, duplicateOf: null };
  }
  // Only the articles that may be close enough, found by one scan of the packed signatures.
  const candidates = index.articleSignatures
    .candidates(signature)
    .map((key) => index.articles.get(key))
    .filter((article): article is KnownArticle => article !== undefined);
  const anywhere = closest(index, signature, candidates.filter(open));
  if (anywhere !== null && anywhere.similarity >= SAME_ARTICLE_SIMILARITY) {
    return { rule: 'fingerprint', key: keyAfterMatch(index, anywhere.key, ownKey), matchedKey: anywhere.key, similarity: anywhere.similarity, duplicateOf: null };
  }
  const taken = closest(index, signature, candidates.filter((article) => !open(article)));
  const duplicate = taken !== null && taken.similarity >= SAME_ARTICLE_SIMILARITY ? taken : null;
  return { rule: 'new', key: newKey(ownKey, index, signature), matchedKey: null, similarity: duplicate?.similarity ?? null, duplicateOf: duplicate?.key ?? null };
};

const percent = (value: number): string => value.toFixed(2);

/**
 * Why an editor should look at the article's identity, or null. A page matched by its URL is the
 * article; one matched by its text is, unless its text changed (a character, a paragraph) since the
 * article was imported: `pageChanged` says whether the page read differs from the one stored.
 */
export const identityReviewReason = (match: ArticleMatch, pageChanged: boolean, title: (key: string) => string): string | null => {
  if (match.rule === 'new') {
    if (match.duplicateOf === null || match.similarity === null) return null;
    return `正文与本次导入的另一篇文章《${title(match.duplicateOf)}》高度相似（相似度 ${percent(match.similarity)}），作为新文章导入；请核对是否重复`;
  }
  if (match.rule === 'url' || match.similarity === null || match.similarity >= 1 || !pageChanged) return null;
  const how = match.rule === 'path' ? '按文件路径和正文相似度' : `按正文相似度（原为《${title(match.matchedKey ?? match.key)}》）`;
  return `${how}认定为已导入的同一篇文章并更新（相似度 ${percent(match.similarity)}），但正文有改动；请核对`;
};
