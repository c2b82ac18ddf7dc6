import databaseConfig from '../../../config/database';

/** Strapi's `env` helper, over a plain record, as config files receive it. */
const envFrom = (values: Record<string, string>) => {
  const env = ((key: string, fallback?: string) => values[key] ?? fallback) as ((key: string, fallback?: string) => string | undefined) & Record<string, unknown>;
  env.int = (key: string, fallback?: number) => (values[key] === undefined ? fallback : Number(values[key]));
  env.bool = (key: string, fallback?: boolean) => (values[key] === undefined ? fallback : values[key] === 'true');
  return env;
};

const configFor = (values: Record<string, string>) => databaseConfig({ env: envFrom(values) } as never);

test('SQLite is the default database and PostgreSQL is offered', () => {
  expect(configFor({}).connection.client).toBe('sqlite');
  expect(configFor({ DATABASE_CLIENT: 'postgres' }).connection.client).toBe('postgres');
});

test('MySQL and MariaDB are refused at boot with the databases that are offered, not accepted untested', () => {
  expect(() => configFor({ DATABASE_CLIENT: 'mysql' })).toThrow('DATABASE_CLIENT must be one of sqlite, postgres; got "mysql"');
  expect(() => configFor({ DATABASE_CLIENT: 'mysql2' })).toThrow('DATABASE_CLIENT must be one of sqlite, postgres');
});
