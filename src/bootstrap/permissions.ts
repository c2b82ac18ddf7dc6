import type { Core } from '@strapi/strapi';
import { NEWSROOM_TYPES } from '../content-types';

const PERMISSION = 'plugin::users-permissions.permission';
const ROLE = 'plugin::users-permissions.role';

/** What an anonymous frontend may do: read the four newsroom types, nothing else. */
export const PUBLIC_ACTIONS: readonly string[] = NEWSROOM_TYPES.flatMap((uid) => [`${uid}.find`, `${uid}.findOne`]);

/**
 * Grants the public role its read permissions. It looks before it writes, so a restart adds no
 * duplicate rows, and it removes write permissions someone may have granted by mistake on a newsroom
 * type, since the public API is read-only by design.
 */
/** Nobody signs up through the public API: accounts are for editors, made in the admin panel. */
const CLOSED_PUBLIC_ACTIONS = ['plugin::users-permissions.auth.register'];

export const ensurePublicPermissions = async (strapi: Core.Strapi): Promise<void> => {
  const role = await strapi.db.query(ROLE).findOne({ where: { type: 'public' } });
  if (role === null) throw new Error('The users-permissions public role is missing');
  const existing = (await strapi.db
    .query(PERMISSION)
    .findMany({ where: { role: role.id }, select: ['id', 'action'] })) as Array<{ id: number; action: string }>;
  const granted = new Set(existing.map((permission) => permission.action));
  for (const action of PUBLIC_ACTIONS) {
    if (!granted.has(action)) {
      await strapi.db.query(PERMISSION).create({ data: { action, role: role.id } });
    }
  }
  const stray = existing.filter(
    (permission) =>
      CLOSED_PUBLIC_ACTIONS.includes(permission.action) ||
      (NEWSROOM_TYPES.some((uid) => permission.action.startsWith(`${uid}.`)) && !PUBLIC_ACTIONS.includes(permission.action))
  );
  for (const permission of stray) {
    await strapi.db.query(PERMISSION).delete({ where: { id: permission.id } });
    strapi.log.info(`Removed public permission ${permission.action}: the public API is read-only`);
  }
  const advanced = strapi.store({ type: 'plugin', name: 'users-permissions', key: 'advanced' });
  const settings = (await advanced.get()) as Record<string, unknown> | null;
  if (settings !== null && settings.allow_register !== false) {
    await advanced.set({ value: { ...settings, allow_register: false } });
  }
};
