import type { Core } from '@strapi/strapi';

/**
 * Creates the first administrator from ADMIN_EMAIL and ADMIN_PASSWORD, so a deployment or a test
 * run needs no one to fill in the registration screen. This account is the operator's: a super
 * admin, with the schema builder and settings. Editors get the Editor role instead
 * (`npm run editor:create`, src/bootstrap/editors.ts). Without the variables, or once any
 * administrator exists, it does nothing and Strapi's own registration screen applies.
 */
export const ensureFirstAdmin = async (strapi: Core.Strapi, environment: NodeJS.ProcessEnv = process.env): Promise<void> => {
  const email = environment.ADMIN_EMAIL?.trim() ?? '';
  const password = environment.ADMIN_PASSWORD ?? '';
  if (email === '' || password === '') return;
  const users = strapi.service('admin::user');
  if (await users.exists()) return;
  await users.createFirstAdmin({
    email: email.toLowerCase(),
    password,
    firstname: environment.ADMIN_FIRSTNAME?.trim() || 'Admin',
    lastname: environment.ADMIN_LASTNAME?.trim() || null,
  });
  strapi.log.info(`Created the first administrator ${email} from ADMIN_EMAIL and ADMIN_PASSWORD`);
};
