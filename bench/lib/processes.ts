import { fork, type ChildProcess } from 'child_process';
import net from 'net';
import path from 'path';

export type Message = { type: string } & Record<string, unknown>;

export type Worker = {
  child: ChildProcess;
  /** Sends a message and waits for the reply of the same type. */
  ask: (type: string) => Promise<Message>;
  next: (type: string) => Promise<Message>;
  stop: () => Promise<void>;
};

const WORKERS = path.resolve(__dirname, '..', 'workers');

/**
 * Starts bench/workers/<name>.ts in a process of its own, so load generator and server never share a
 * core's event loop. `nodeFlags` are the node options the process it stands for runs with.
 */
export const startWorker = (name: string, args: string[], env: Record<string, string>, nodeFlags: string[] = []): Worker => {
  const child = fork(path.join(WORKERS, `${name}.ts`), args, {
    execArgv: [...nodeFlags, '-r', 'esbuild-register'],
    env: { ...process.env, ...env, STRAPI_TELEMETRY_DISABLED: 'true' },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const next = (type: string) =>
    new Promise<Message>((resolve, reject) => {
      const onMessage = (message: Message) => {
        if (message.type !== type) return;
        child.off('message', onMessage);
        resolve(message);
      };
      child.on('message', onMessage);
      void exited.then((code) => reject(new Error(`worker ${name} exited with ${code} before sending "${type}"`)));
    });
  return {
    child,
    next,
    ask: (type) => {
      const reply = next(type);
      child.send({ type });
      return reply;
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.send({ type: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
};

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') return reject(new Error('no port'));
      server.close(() => resolve(address.port));
    });
  });
