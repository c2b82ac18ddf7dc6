/**
 * For API tokens: the actions appear in a custom token's permissions as newsroom-import.analyse
 * and newsroom-import.run. Reading and cancelling jobs needs the `run` permission too (a token that
 * may import may follow its imports). The same actions are routed for admin sessions in src/index.ts.
 */
const RUN_SCOPE = { scope: ['api::newsroom-import.newsroom-import.run'] };

export default {
  type: 'content-api',
  routes: [
    { method: 'POST', path: '/newsroom-import/analyse', handler: 'newsroom-import.analyse' },
    { method: 'POST', path: '/newsroom-import/run', handler: 'newsroom-import.run' },
    { method: 'GET', path: '/newsroom-import/jobs', handler: 'newsroom-import.jobs', config: { auth: RUN_SCOPE } },
    { method: 'GET', path: '/newsroom-import/jobs/:id', handler: 'newsroom-import.job', config: { auth: RUN_SCOPE } },
    { method: 'POST', path: '/newsroom-import/jobs/:id/cancel', handler: 'newsroom-import.cancel', config: { auth: RUN_SCOPE } },
  ],
};
