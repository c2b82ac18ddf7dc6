import fs from 'fs';
import os from 'os';
import path from 'path';

const { serveEnvironment } = require('../../scripts/serve') as { serveEnvironment: (environment: NodeJS.ProcessEnv) => NodeJS.ProcessEnv };
const { ensureEnv } = require('../../scripts/ensure-env') as { ensureEnv: (file: string, environment: NodeJS.ProcessEnv) => string[] };

describe('npm run serve and npm start', () => {
  test('run in production unless NODE_ENV says otherwise', () => {
    expect(serveEnvironment({}).NODE_ENV).toBe('production');
    expect(serveEnvironment({ NODE_ENV: '' }).NODE_ENV).toBe('production');
    expect(serveEnvironment({ NODE_ENV: 'development' }).NODE_ENV).toBe('development');
  });

  test('a first run without NODE_ENV still gets its secrets written, a declared production does not', () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'serve-env-'));
    try {
      expect(ensureEnv(path.join(directory, 'first.env'), {})).toContain('APP_KEYS');
      expect(ensureEnv(path.join(directory, 'deployed.env'), { NODE_ENV: 'production' })).toEqual([]);
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });
});
