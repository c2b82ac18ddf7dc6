#!/usr/bin/env node
/**
 * `npm run editor:create -- --email someone@example.org [--password ...] [--firstname ...] [--lastname ...]`:
 * adds an editor account with the Editor role (never a super admin) and the admin in Chinese.
 * Without --password the account waits for the editor to register: the invitation link is printed.
 * Prints the new account as JSON on stdout; logs go to stderr.
 */
const path = require('path');
const { ensureCompiled, ROOT } = require('./compile');
const { ensureEnv } = require('./ensure-env');
process.env.STRAPI_TELEMETRY_DISABLED = 'true';
process.env.STRAPI_LOG_LEVEL = process.env.STRAPI_LOG_LEVEL ?? 'warn';
process.env.STRAPI_LOG_TO_STDERR = 'true';

const USAGE = 'Usage: npm run editor:create -- --email someone@example.org [--password ...] [--firstname ...] [--lastname ...]';
const OPTIONS = ['email', 'password', 'firstname', 'lastname'];

const parse = (args) => {
  const options = {};
  for (let index = 0; index < args.length; index += 2) {
    const name = args[index].replace(/^--/, '');
    if (!args[index].startsWith('--') || !OPTIONS.includes(name) || args[index + 1] === undefined) {
      throw new Error(`unknown or incomplete argument ${args[index]}`);
    }
    options[name] = args[index + 1];
  }
  if (options.email === undefined) throw new Error('--email is required');
  return options;
};

const run = async () => {
  let options;
  try {
    options = parse(process.argv.slice(2));
  } catch (error) {
    console.error(`editor:create: ${error.message}\n${USAGE}`);
    process.exit(2);
  }
  ensureEnv();
  const { distDir } = await ensureCompiled();
  const { createEditor } = require(path.join(distDir, 'src', 'bootstrap', 'editors.js'));
  // A task of its own: this process never takes an import job from the queue (src/import/jobs/queue.ts).
  process.env.NEWSROOM_IMPORT_WORKER = 'off';
  const { createStrapi } = require('@strapi/strapi');
  // Closes once the document events Strapi emits after a write are done.
  const { closeStrapi } = require(path.join(distDir, 'src', 'database', 'close.js'));
  const strapi = await createStrapi({ appDir: ROOT, distDir, autoReload: false, serveAdminPanel: false }).load();
  try {
    const editor = await createEditor(strapi, options);
    const adminUrl = strapi.config.get('admin.absoluteUrl', '/admin');
    const invitation = editor.registrationToken === null ? null : `${adminUrl}/auth/register?registrationToken=${editor.registrationToken}`;
    process.stdout.write(`${JSON.stringify({ id: editor.id, email: editor.email, role: 'Editor', invitation }, null, 2)}\n`);
  } finally {
    await closeStrapi(strapi);
  }
  process.exit(0);
};

run().catch((error) => {
  console.error(`editor:create: ${error && error.message ? error.message : error}`);
  process.exit(3);
});
