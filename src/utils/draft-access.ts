/**
 * Who may read drafts through the content API (REST and GraphQL).
 *
 * Strapi 5.54 lets any role that may `find` ask for `status=draft`. Drafts are unreviewed imports
 * and unpublished edits, so only an API token (a preview frontend, a build job) may see them;
 * the public and users-permissions roles never do.
 */
export type AuthState = { strategy?: { name?: string } } | undefined;

export const canReadDrafts = (auth: AuthState): boolean => auth?.strategy?.name === 'api-token';
