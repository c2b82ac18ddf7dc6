import fs from 'fs';
import os from 'os';
import path from 'path';
import { readSecret, SECRET_NAMES } from '../../src/utils/secrets';

const { ensureEnv } = require('../../scripts/ensure-env') as { ensureEnv: (file: string, environment: NodeJS.ProcessEnv) => string[] };

const tempEnvFile = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'env-')), '.env');

describe('secrets', () => {
  test('production refuses to start without a secret', () => {
    expect(() => readSecret('APP_KEYS', { NODE_ENV: 'production' })).toThrow(/APP_KEYS is not set/);
    expect(() => readSecret('JWT_SECRET', { NODE_ENV: 'production', JWT_SECRET: '  ' })).toThrow(/JWT_SECRET/);
  });

  test('production starts when the secret is set', () => {
    expect(readSecret('JWT_SECRET', { NODE_ENV: 'production', JWT_SECRET: 'abc' })).toBe('abc');
  });

  test('development leaves a missing secret to Strapi', () => {
    expect(readSecret('APP_KEYS', { NODE_ENV: 'development' })).toBeUndefined();
  });

  test('the first run writes every missing secret into .env, strong and random', () => {
    const file = tempEnvFile();
    expect(ensureEnv(file, {}).sort()).toEqual([...SECRET_NAMES].sort());
    const text = fs.readFileSync(file, 'utf8');
    for (const name of SECRET_NAMES) expect(text).toMatch(new RegExp(`^${name}=.{32,}$`, 'm'));
    expect(text.match(/^APP_KEYS=(.*)$/m)?.[1].split(',')).toHaveLength(4);
    const other = tempEnvFile();
    ensureEnv(other, {});
    expect(fs.readFileSync(other, 'utf8').match(/^JWT_SECRET=(.*)$/m)?.[1]).not.toBe(text.match(/^JWT_SECRET=(.*)$/m)?.[1]);
  });

  test('a second run changes nothing', () => {
    const file = tempEnvFile();
    ensureEnv(file, {});
    const before = fs.readFileSync(file, 'utf8');
    expect(ensureEnv(file, {})).toEqual([]);
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
  });

  test('existing values are kept and only the missing ones are added', () => {
    const file = tempEnvFile();
    fs.writeFileSync(file, 'APP_KEYS=mine\nJWT_SECRET=\n');
    expect(ensureEnv(file, {}).sort()).toEqual(['ADMIN_JWT_SECRET', 'API_TOKEN_SALT', 'ENCRYPTION_KEY', 'JWT_SECRET', 'TRANSFER_TOKEN_SALT']);
    expect(fs.readFileSync(file, 'utf8')).toMatch(/^APP_KEYS=mine$/m);
  });

  test('production writes nothing', () => {
    const file = tempEnvFile();
    expect(ensureEnv(file, { NODE_ENV: 'production' })).toEqual([]);
    expect(fs.existsSync(file)).toBe(false);
  });
});
