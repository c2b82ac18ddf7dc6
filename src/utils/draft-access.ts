/**
 * Who may read drafts through the content API (REST and GraphQL).
 *
 * Strapi 5.54 lets any role that may `find` ask for `status=draft`. Drafts are unreviewed imports
 * and unpublished edits, so only an API token (a preview frontend, a build job) may see them;
 * the public and users-permissions roles never do.
 */
export type AuthState = { strategy?: { name?: string } } | undefined;

// Strapi 5.54 names the API token strategy `content-api-token` (earlier 5.x: `api-token`).
const API_TOKEN_STRATEGIES = new Set(['content-api-token', 'api-token']);

export const canReadDrafts = (auth: AuthState): boolean => API_TOKEN_STRATEGIES.has(auth?.strategy?.name ?? '');
