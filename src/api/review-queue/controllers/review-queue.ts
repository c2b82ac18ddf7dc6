import type { Core } from '@strapi/strapi';
import { REVIEWED_TYPES, type ReviewedType } from '../../../review/items';

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

const service = () => strapi.service('api::review-queue.review-queue');

/** The admin panel's review queue: list the open items, resolve one. */
export default {
  async items(ctx: Context) {
    if (!REVIEWED_TYPES.some(allowed(ctx, READ))) return ctx.forbidden('无权查看内容 · You may not read content');
    ctx.body = { data: await service().items(allowed(ctx, READ)) };
  },

  async resolve(ctx: Context) {
    const id = String((ctx.params as { id?: unknown }).id ?? '');
    const result = await service().resolve(id, allowed(ctx, UPDATE), adminName(ctx));
    if (result === null) return ctx.notFound('没有这个待核对项（可能已处理）· No such open review item');
    if (result === 'forbidden') return ctx.forbidden('无权修改这条记录 · You may not update this record');
    ctx.body = { data: result };
  },
};
