import type { Core } from '@strapi/strapi';

export default (): Core.Config.Api => ({
  rest: {
    prefix: '/api',
    defaultLimit: 25,
    maxLimit: 100,
    withCount: true,
    // Unknown query keys are a client bug; a 400 says so instead of silently ignoring them.
    strictParams: true,
  },
  documents: {
    strictParams: true,
  },
});
