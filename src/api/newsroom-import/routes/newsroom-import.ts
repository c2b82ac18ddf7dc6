import type { Core } from '@strapi/strapi';

/**
 * For API tokens: the actions appear in a custom token's permissions as newsroom-import.analyse
 * and newsroom-import.run. Reading and cancelling jobs needs the `run` permission (a token that may
 * import may follow its imports). The same actions are routed for admin sessions in src/index.ts.
 *
 * The job routes name their handler as a function, not as "controller.action": Strapi lists every
 * action named in a content-API route as a permission an editor can tick on a token, and ticking
 * "jobs" or "cancel" alone would grant nothing, since these routes ask for `run`.
 */
const RUN_SCOPE = { scope: ['api::newsroom-import.newsroom-import.run'] };

type Context = Parameters<Core.MiddlewareHandler>[0];
type JobActions = Record<'jobs' | 'job' | 'cancel', (ctx: Context) => Promise<void>>;

const jobAction =
  (action: keyof JobActions) =>
  (ctx: Context): Promise<void> =>
    (strapi.controller('api::newsroom-import.newsroom-import') as unknown as JobActions)[action](ctx);

export default {
  type: 'content-api',
  routes: [
    { method: 'POST', path: '/newsroom-import/analyse', handler: 'newsroom-import.analyse' },
    { method: 'POST', path: '/newsroom-import/run', handler: 'newsroom-import.run' },
    { method: 'GET', path: '/newsroom-import/jobs', handler: jobAction('jobs'), config: { auth: RUN_SCOPE } },
    { method: 'GET', path: '/newsroom-import/jobs/:id', handler: jobAction('job'), config: { auth: RUN_SCOPE } },
    { method: 'POST', path: '/newsroom-import/jobs/:id/cancel', handler: jobAction('cancel'), config: { auth: RUN_SCOPE } },
  ],
};
