import type { Core } from '@strapi/strapi';
import { newsArticleJsonLd, type JsonLdArticle } from '../syndication/json-ld';
import { readSiteConfig } from '../syndication/site';
import { ARTICLE } from '../content-types';

type Parent = { documentId: string; locale?: string | null; publishedAt?: string | null };

type Pending = { documentId: string; resolve: (article: JsonLdArticle | undefined) => void; reject: (error: unknown) => void };

/**
 * Loads the articles of one GraphQL request whose JSON-LD was asked for: each status and locale in
 * one query for every parent of the level, not one per article.
 */
class JsonLdLoader {
  private readonly queues = new Map<string, Pending[]>();
  private scheduled = false;

  constructor(private readonly strapi: Core.Strapi) {}

  load(parent: Parent): Promise<JsonLdArticle | undefined> {
    // A published parent is read as published, so its relations are the published records only.
    const status = parent.publishedAt === null || parent.publishedAt === undefined ? 'draft' : 'published';
    const key = `${status}\u0000${parent.locale ?? ''}`;
    return new Promise((resolve, reject) => {
      const queue = this.queues.get(key) ?? [];
      queue.push({ documentId: parent.documentId, resolve, reject });
      this.queues.set(key, queue);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    const queues = [...this.queues];
    this.queues.clear();
    await Promise.all(
      queues.map(async ([key, pending]) => {
        const [status, locale] = key.split('\u0000') as ['draft' | 'published', string];
        try {
          const ids = [...new Set(pending.map((item) => item.documentId))];
          const articles = (await this.strapi.documents(ARTICLE).findMany({
            status,
            ...(locale === '' ? {} : { locale }),
            filters: { documentId: { $in: ids } },
            // What the JSON-LD names, as REST's default populate loads it.
            populate: {
              cover: true,
              seo: true,
              source: { populate: { publisher: { fields: ['name', 'nameEn', 'website'] } } },
              mentionedPersons: { fields: ['name', 'nameEn'] },
              mentionedOrganisations: { fields: ['name', 'nameEn', 'website'] },
            },
            limit: ids.length,
          })) as Array<JsonLdArticle & { documentId: string }>;
          const byId = new Map(articles.map((article) => [article.documentId, article]));
          for (const item of pending) item.resolve(byId.get(item.documentId));
        } catch (error) {
          for (const item of pending) item.reject(error);
        }
      })
    );
  }
}

const loaders = new WeakMap<object, JsonLdLoader>();

/** `NewsArticle.jsonLd`: the schema.org NewsArticle REST returns as `jsonLd`, built the same way. */
export const jsonLdExtension = (strapi: Core.Strapi) => {
  const site = readSiteConfig();
  return {
    typeDefs: `
      extend type NewsArticle {
        "schema.org NewsArticle JSON-LD for the article's page: author, publisher and the persons and organisations it mentions."
        jsonLd: JSON
      }
    `,
    resolvers: {
      NewsArticle: {
        jsonLd: async (parent: Parent, _args: unknown, context: object): Promise<unknown> => {
          let loader = loaders.get(context);
          if (loader === undefined) {
            loader = new JsonLdLoader(strapi);
            loaders.set(context, loader);
          }
          const article = await loader.load(parent);
          return article === undefined ? null : newsArticleJsonLd(article, site);
        },
      },
    },
  };
};
