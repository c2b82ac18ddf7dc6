import { AsyncLocalStorage } from 'async_hooks';
import { isDeepStrictEqual } from 'util';
import type { Core } from '@strapi/strapi';
import { visibleFields } from '../documents/event-reads';

/**
 * The GraphQL plugin resolves every relation, component and media field one parent at a time with
 * `strapi.db.query(uid).load(parent, field, query)`, so a page of 100 articles costs hundreds of
 * statements. Inside a GraphQL request those loads are queued instead; once the resolvers of a
 * level have all asked (the next macrotask), each queue runs as one query for every parent and the
 * results are handed back per parent, so the count of statements depends on the depth of the query,
 * not on the number of rows.
 *
 * The plugin asks for related rows whole, and a row whole is mostly what no reader can see: an
 * article's page text and the importer's evidence are private, parsed from JSON only for the output
 * sanitizer to drop them, and a nested list of articles reads thousands of them. GraphQL's types have
 * no private fields (the plugin leaves them out of the schema), so the rows of the newsroom's own
 * types and components are read with only the fields that survive Strapi's output sanitizing.
 * Media files are still read whole: the upload plugin signs their URLs from the row.
 */

type Row = Record<string, unknown> & { id: number };

type LoadQuery = Record<string, unknown> & { limit?: number; offset?: number; orderBy?: unknown; select?: unknown };

type PendingLoad = { id: number; resolve: (value: unknown) => void; reject: (error: unknown) => void };

type Queue = { uid: string; field: string; query: LoadQuery | undefined; pending: PendingLoad[] };

type RelationAttribute = { type: 'relation'; relation: string; target?: string };

type Metadata = { attributes: Record<string, { type: string; relation?: string; target?: string } | undefined> };

type EntityManager = {
  load: (uid: string, entity: { id?: unknown }, fields: unknown, query?: unknown) => Promise<unknown>;
};

const TO_MANY = new Set(['oneToMany', 'manyToMany', 'morphMany', 'morphToMany']);

const batchScope = new AsyncLocalStorage<RelationBatcher>();

/** Column names a query sorts by, so the first pass can sort on them while selecting only ids. */
const orderByFields = (orderBy: unknown): string[] => {
  const entries = Array.isArray(orderBy) ? orderBy : orderBy === undefined ? [] : [orderBy];
  return entries.flatMap((entry): string[] => {
    if (typeof entry === 'string') return [entry.split(':')[0]];
    if (typeof entry === 'object' && entry !== null) return Object.keys(entry);
    return [];
  });
};

export class RelationBatcher {
  private readonly queues: Queue[] = [];
  private scheduled = false;

  constructor(private readonly strapi: Core.Strapi) {}

  load(uid: string, entity: { id: number }, field: string, query: LoadQuery | undefined): Promise<unknown> {
    return new Promise((resolve, reject) => {
      let queue = this.queues.find(
        (candidate) => candidate.uid === uid && candidate.field === field && isDeepStrictEqual(candidate.query, query)
      );
      if (queue === undefined) {
        queue = { uid, field, query, pending: [] };
        this.queues.push(queue);
      }
      queue.pending.push({ id: entity.id, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        // setImmediate, not a microtask: every sibling resolver first awaits its own validation and
        // sanitising, and all of them must have queued their load before the batch runs.
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const queues = this.queues.splice(0);
    for (const queue of queues) {
      this.run(queue).then(
        (byId) => queue.pending.forEach((load) => load.resolve(byId.get(load.id) ?? null)),
        (error: unknown) => queue.pending.forEach((load) => load.reject(error))
      );
    }
  }

  private async run({ uid, field, query, pending }: Queue): Promise<Map<number, unknown>> {
    const attribute = (this.strapi.db.metadata.get(uid) as unknown as Metadata).attributes[field] as RelationAttribute;
    const ids = [...new Set(pending.map((load) => load.id))];
    const { limit, offset, ...rest } = query ?? {};
    const isToMany = TO_MANY.has(attribute.relation);
    const paged = isToMany && (limit !== undefined || offset !== undefined);

    const select = rest.select ?? this.visibleColumns(attribute.target);
    if (!paged) {
      // A limit on a to-one relation means nothing per parent, but in one query for every parent it
      // would cut off parents, so it goes.
      const populate = select === undefined ? (query === undefined ? true : rest) : { ...rest, select };
      const parents = (await this.strapi.db
        .query(uid as never)
        .findMany({ select: ['id'], where: { id: { $in: ids } }, populate: { [field]: populate } })) as Row[];
      return new Map(parents.map((parent) => [parent.id, parent[field]]));
    }

    // Pages are per parent, so the first pass finds the ordered ids of every parent's targets and
    // each parent's page is cut from them; the second pass reads only the rows on those pages.
    const { select: _select, populate: nestedPopulate, ...filtering } = rest;
    const parents = (await this.strapi.db.query(uid as never).findMany({
      select: ['id'],
      where: { id: { $in: ids } },
      populate: { [field]: { ...filtering, select: ['id', ...orderByFields(rest.orderBy)] } },
    })) as Row[];
    const start = offset ?? 0;
    const pages = new Map<number, number[]>();
    for (const parent of parents) {
      const targets = (parent[field] ?? []) as Row[];
      const page = limit === undefined || limit < 0 ? targets.slice(start) : targets.slice(start, start + limit);
      pages.set(
        parent.id,
        page.map((target) => target.id)
      );
    }
    const wanted = [...new Set([...pages.values()].flat())];
    const targetUid = this.targetOf(uid, field);
    const rows =
      wanted.length === 0
        ? []
        : ((await this.strapi.db.query(targetUid as never).findMany({
            where: { id: { $in: wanted } },
            ...(select === undefined ? {} : { select }),
            ...(nestedPopulate === undefined ? {} : { populate: nestedPopulate }),
          })) as Row[]);
    const rowsById = new Map(rows.map((row) => [row.id, row]));
    return new Map(
      [...pages].map(([parentId, targetIds]) => [parentId, targetIds.map((id) => rowsById.get(id)).filter((row) => row !== undefined)])
    );
  }

  /** The columns to read of a related row (see above), or undefined to read it whole. */
  private visibleColumns(target: string | undefined): string[] | undefined {
    if (target === undefined) return undefined;
    const own = target.startsWith('api::') || this.strapi.components[target as never] !== undefined;
    return own ? visibleFields(this.strapi, target) : undefined;
  }

  private targetOf(uid: string, field: string): string {
    const attribute = (this.strapi.db.metadata.get(uid) as unknown as Metadata).attributes[field];
    if (attribute?.target === undefined) throw new Error(`Cannot batch ${uid}.${field}: it has no target`);
    return attribute.target;
  }
}

/**
 * Routes single-field loads made inside a batching scope through that scope's batcher. Loads outside
 * one (the Document Service, the admin panel) and loads inside a transaction keep their own path.
 */
export const installRelationBatching = (strapi: Core.Strapi): void => {
  const entityManager = strapi.db.entityManager as unknown as EntityManager;
  const load = entityManager.load.bind(entityManager);
  entityManager.load = (uid, entity, fields, query) => {
    const batcher = batchScope.getStore();
    const id = entity?.id;
    if (batcher === undefined || typeof fields !== 'string' || typeof id !== 'number' || strapi.db.inTransaction()) {
      return load(uid, entity, fields, query);
    }
    return batcher.load(uid, { id }, fields, query as LoadQuery | undefined);
  };
};

/** Whether the code running is answering a GraphQL request (each one runs with a batcher of its own). */
export const inGraphqlRequest = (): boolean => batchScope.getStore() !== undefined;

/** Runs the rest of a request with a batcher of its own, so loads never cross requests. */
export const withRelationBatching = <T>(strapi: Core.Strapi, work: () => Promise<T>): Promise<T> =>
  batchScope.run(new RelationBatcher(strapi), work);
