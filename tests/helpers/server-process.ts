import { spawn, type ChildProcess } from 'child_process';
import net from 'net';
import path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });

const BOOT = `
const { createStrapi } = require('@strapi/strapi');
createStrapi({ appDir: process.cwd(), distDir: require('path').join(process.cwd(), 'dist'), autoReload: false, serveAdminPanel: false })
  .start()
  .then(() => console.log('SERVER-PROCESS-READY'))
  .catch((error) => { console.error(error); process.exit(1); });
`;

export type ServerProcess = {
  child: ChildProcess;
  url: string;
  /** Resolves once the process has exited (its exit code, or null when a signal ended it). */
  exited: Promise<number | null>;
  kill: (signal?: NodeJS.Signals) => Promise<number | null>;
};

/**
 * Another instance of the deployment, in a process of its own, started as `strapi start` starts one
 * (from dist/), on whatever database and services `env` names. Resolves when it listens.
 */
export const startServerProcess = async (env: NodeJS.ProcessEnv): Promise<ServerProcess> => {
  const port = await freePort();
  const child = spawn(process.execPath, ['-e', BOOT], {
    cwd: ROOT,
    env: { ...env, HOST: '127.0.0.1', PORT: String(port), STRAPI_LOG_LEVEL: env.STRAPI_LOG_LEVEL ?? 'error' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('SERVER-PROCESS-READY')) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((code) => reject(new Error(`the server process exited with ${code}: ${output}`)));
  });
  return {
    child,
    url: `http://127.0.0.1:${port}`,
    exited,
    kill: (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
};
