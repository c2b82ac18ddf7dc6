/**
 * The site's default locale, read once a second at most instead of on every call.
 *
 * Strapi's i18n plugin reads its default locale from the core store each time it is asked, and its
 * Document Service asks once per relation it writes from a content type without locales (an
 * organisation's links to its articles, say), concurrently, so one publish of a well-linked record
 * reads the same row dozens of times, and an import of 500 pages about 4,400 times. Public reads
 * ask on every request without a locale too.
 *
 * The value is held for DEFAULT_LOCALE_HOLD_MS. Changing the default locale in this instance
 * (Settings → Internationalization, or the service's `setDefaultLocale`) forgets it at once, so the
 * next call reads the new one; another instance sharing the database sees the change within the
 * hold time. Concurrent callers share one read, and a read that fails is not held.
 *
 * A public response cached before the change lists the old default's articles for a request without
 * a locale, so a change also calls `changed` (the app moves its content version on).
 */

export const DEFAULT_LOCALE_HOLD_MS = 1000;

export type LocalesService = {
  getDefaultLocale: () => Promise<unknown>;
  setDefaultLocale: (params: { code: string }) => Promise<unknown>;
  [name: string]: unknown;
};

export const withHeldDefaultLocale = <S extends LocalesService>(service: S, changed: () => Promise<void>, now: () => number = Date.now): S => {
  let held: { value: Promise<unknown>; until: number } | null = null;
  const forget = (): void => {
    held = null;
  };
  return {
    ...service,
    getDefaultLocale(): Promise<unknown> {
      const at = now();
      if (held !== null && at < held.until) return held.value;
      const entry = { value: service.getDefaultLocale(), until: at + DEFAULT_LOCALE_HOLD_MS };
      held = entry;
      entry.value.catch(() => {
        if (held === entry) forget();
      });
      return entry.value;
    },
    async setDefaultLocale(params: { code: string }): Promise<unknown> {
      forget();
      try {
        const result = await service.setDefaultLocale(params);
        await changed();
        return result;
      } finally {
        // A read that began while the default changed may hold the old value.
        forget();
      }
    },
  };
};
