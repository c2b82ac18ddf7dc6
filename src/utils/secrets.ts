/**
 * The secrets Strapi signs and encrypts with. They are never committed: `scripts/ensure-env.js`
 * writes random ones into `.env` on a developer's first run, and production must bring its own.
 */
export const SECRET_NAMES = [
  'APP_KEYS',
  'API_TOKEN_SALT',
  'ADMIN_JWT_SECRET',
  'TRANSFER_TOKEN_SALT',
  'ENCRYPTION_KEY',
  'JWT_SECRET',
] as const;

export type SecretName = (typeof SECRET_NAMES)[number];

/**
 * Reads a secret. Outside production a missing secret is left for Strapi to report, so that tools
 * such as type generation still run; in production the app refuses to start without it, because
 * a default would be the same on every install and so not a secret at all.
 */
export const readSecret = (name: SecretName, environment: NodeJS.ProcessEnv = process.env): string | undefined => {
  const value = environment[name];
  if ((value === undefined || value.trim() === '') && environment.NODE_ENV === 'production') {
    throw new Error(`${name} is not set. Production refuses to start without it; see .env.example.`);
  }
  return value;
};
