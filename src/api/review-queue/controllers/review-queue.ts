import type { Core } from '@strapi/strapi';
import { REVIEWED_TYPES, type ReviewedType } from '../../../review/items';
import { REVIEW_MAX_PAGE_SIZE, REVIEW_PAGE_SIZE } from '../services/review-queue';

type Context = Parameters<Core.MiddlewareHandler>[0];

type Ability = { can: (action: string, subject?: string) => boolean };

const READ = 'plugin::content-manager.explorer.read';
const UPDATE = 'plugin::content-manager.explorer.update';

/** What the signed-in administrator may do in the content manager, per type. */
const allowed = (ctx: Context, action: string) => (uid: ReviewedType): boolean => {
  const ability = (ctx.state as { userAbility?: Ability }).userAbility;
  return ability !== undefined && ability.can(action, uid);
};

const adminName = (ctx: Context): string => {
  const user = (ctx.state as { user?: { email?: string } }).user;
  return user?.email ?? 'admin';
};

/** A whole number from 1 to `max` in the query, its default when absent, or null when it is anything else. */
const wholeNumber = (raw: unknown, fallback: number, max: number): number | null => {
  if (raw === undefined) return fallback;
  if (typeof raw !== 'string' || !/^[1-9][0-9]{0,5}$/.test(raw)) return null;
  const value = Number(raw);
  return value <= max ? value : null;
};

const service = () => strapi.service('api::review-queue.review-queue');

/** The admin panel's review queue: list the open items a page at a time, resolve one. */
export default {
  async items(ctx: Context) {
    if (!REVIEWED_TYPES.some(allowed(ctx, READ))) return ctx.forbidden('无权查看内容 · You may not read content');
    const query = ctx.query as Record<string, unknown>;
    const page = wholeNumber(query.page, 1, Number.MAX_SAFE_INTEGER);
    const pageSize = wholeNumber(query.pageSize, REVIEW_PAGE_SIZE, REVIEW_MAX_PAGE_SIZE);
    if (page === null || pageSize === null) {
      return ctx.badRequest(`page 须为正整数，pageSize 为 1 到 ${REVIEW_MAX_PAGE_SIZE} · page must be a whole number from 1, pageSize from 1 to ${REVIEW_MAX_PAGE_SIZE}`);
    }
    const { data, pagination } = await service().items(allowed(ctx, READ), page, pageSize);
    ctx.body = { data, meta: { pagination } };
  },

  async resolve(ctx: Context) {
    const id = String((ctx.params as { id?: unknown }).id ?? '');
    const result = await service().resolve(id, allowed(ctx, UPDATE), adminName(ctx));
    if (result === null) return ctx.notFound('没有这个待核对项（可能已处理）· No such open review item');
    if (result === 'forbidden') return ctx.forbidden('无权修改这条记录 · You may not update this record');
    ctx.body = { data: result };
  },
};
