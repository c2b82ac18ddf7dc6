/**
 * For API tokens: the actions appear in a custom token's permissions as newsroom-import.analyse
 * and newsroom-import.run. The same actions are routed for admin sessions in src/index.ts.
 */
export default {
  type: 'content-api',
  routes: [
    { method: 'POST', path: '/newsroom-import/analyse', handler: 'newsroom-import.analyse' },
    { method: 'POST', path: '/newsroom-import/run', handler: 'newsroom-import.run' },
  ],
};
