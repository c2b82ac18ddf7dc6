import type { Core } from '@strapi/strapi';

/**
 * One value per Strapi instance, made on first use. Tests and the bench run several instances in
 * one process, so what is built from an instance's schema and config is kept beside that instance
 * (and collected with it), never in a module-wide variable.
 */
export const perInstance = <T>(create: (strapi: Core.Strapi) => T): ((strapi: Core.Strapi) => T) => {
  const made = new WeakMap<Core.Strapi, T>();
  return (strapi) => {
    if (made.has(strapi)) return made.get(strapi) as T;
    const value = create(strapi);
    made.set(strapi, value);
    return value;
  };
};
