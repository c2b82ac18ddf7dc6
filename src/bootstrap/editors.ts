import type { Core } from '@strapi/strapi';
import { isNewsroomType } from '../content-types';

/**
 * Editors: the Editor role, with exactly an editor's permissions, and the accounts that have it.
 * Strapi makes an Editor role on a fresh database with every content type (and whatever the
 * plugins add later stays off it); here it is set to the newsroom's four types and the media
 * library, and nothing of the schema builder, marketplace or settings. Applied when
 * EDITOR_ROLE_VERSION changes, so an operator's later changes in Settings survive restarts.
 */
export const EDITOR_ROLE_VERSION = 1;
export const EDITOR_ROLE_CODE = 'strapi-editor';

/** Create, read, edit, delete and publish the four newsroom types (the Import page needs only a session). */
export const EDITOR_CONTENT_ACTIONS: readonly string[] = ['create', 'read', 'update', 'delete', 'publish'].map((action) => `plugin::content-manager.explorer.${action}`);

/** The media library: pick, upload and describe images (what Strapi gives its default Editor role). */
export const EDITOR_UPLOAD_ACTIONS: readonly string[] = [
  'plugin::upload.read',
  'plugin::upload.configure-view',
  'plugin::upload.assets.create',
  'plugin::upload.assets.update',
  'plugin::upload.assets.download',
  'plugin::upload.assets.copy-link',
];

/** Editors see the admin in Chinese until they choose otherwise in their profile. */
export const EDITOR_LANGUAGE = 'zh-Hans';

type Permission = { action: string; subject?: string | null; properties?: Record<string, unknown>; conditions?: string[] };
type Action = { actionId: string; subjects?: string[] };

const editorPermissions = async (strapi: Core.Strapi): Promise<Permission[]> => {
  const { actionProvider } = strapi.service('admin::permission') as { actionProvider: { get: (id: string) => Action } };
  const contentTypes = strapi.service('admin::content-type') as {
    getPermissionsWithNestedFields: (actions: Action[], options: { restrictedSubjects: string[] }) => Permission[];
  };
  const actions = EDITOR_CONTENT_ACTIONS.map((id) => actionProvider.get(id));
  const others = [...new Set(actions.flatMap((action) => action.subjects ?? []))].filter((uid) => !isNewsroomType(uid));
  const locales = ((await strapi.plugin('i18n').service('locales').find()) as Array<{ code: string }>).map((locale) => locale.code);
  const content = contentTypes.getPermissionsWithNestedFields(actions, { restrictedSubjects: others }).map((permission) => {
    const localized = (strapi.contentType(permission.subject as never) as { pluginOptions?: { i18n?: { localized?: boolean } } }).pluginOptions?.i18n?.localized === true;
    return {
      action: permission.action,
      subject: permission.subject,
      properties: { ...permission.properties, ...(localized ? { locales } : {}) },
      conditions: [],
    };
  });
  return [...content, ...EDITOR_UPLOAD_ACTIONS.map((action) => ({ action, subject: null, properties: {}, conditions: [] }))];
};

/** Finds the Editor role, making it if an operator deleted it. */
const editorRole = async (strapi: Core.Strapi): Promise<{ id: number }> => {
  const roles = strapi.service('admin::role') as {
    findOne: (where: Record<string, unknown>) => Promise<{ id: number } | null>;
    create: (data: Record<string, unknown>) => Promise<{ id: number }>;
  };
  const existing = await roles.findOne({ code: EDITOR_ROLE_CODE });
  if (existing !== null) return existing;
  return roles.create({ name: 'Editor', code: EDITOR_ROLE_CODE, description: '编辑：撰写、修改、发布新闻和机构、人物、活动，上传图片，导入网页。' });
};

export const ensureEditorRole = async (strapi: Core.Strapi): Promise<void> => {
  const store = strapi.store({ type: 'plugin', name: 'newsroom', key: 'editor-role-version' });
  if ((await store.get()) === EDITOR_ROLE_VERSION) return;
  const role = await editorRole(strapi);
  const roles = strapi.service('admin::role') as { assignPermissions: (id: number, permissions: Permission[]) => Promise<unknown> };
  await roles.assignPermissions(role.id, await editorPermissions(strapi));
  await store.set({ value: EDITOR_ROLE_VERSION });
};

export type NewEditor = { email: string; password?: string; firstname?: string; lastname?: string };
export type CreatedEditor = { id: number; email: string; registrationToken: string | null };

/**
 * An editor account with the Editor role and the Chinese interface. With a password it is active at
 * once; without one it waits for the editor to register through the invitation link.
 */
export const createEditor = async (strapi: Core.Strapi, editor: NewEditor): Promise<CreatedEditor> => {
  const email = editor.email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw new Error(`Not an email address: ${editor.email}`);
  const users = strapi.service('admin::user') as {
    exists: (where: Record<string, unknown>) => Promise<boolean>;
    create: (data: Record<string, unknown>) => Promise<{ id: number; email: string; registrationToken: string | null }>;
  };
  if (await users.exists({ email })) throw new Error(`An administrator with the email ${email} already exists`);
  await ensureEditorRole(strapi);
  const role = await editorRole(strapi);
  const hasPassword = editor.password !== undefined && editor.password !== '';
  const created = await users.create({
    email,
    firstname: editor.firstname?.trim() || email.split('@')[0],
    lastname: editor.lastname?.trim() || null,
    roles: [role.id],
    preferedLanguage: EDITOR_LANGUAGE,
    ...(hasPassword ? { password: editor.password, isActive: true, registrationToken: null } : { isActive: false }),
  });
  return { id: created.id, email: created.email, registrationToken: created.registrationToken };
};
