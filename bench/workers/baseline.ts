import { startBaselineServer } from '../baseline/server';
import { send } from './boot';

/** The hand-written baseline server, in a process of its own like Strapi's. */
const main = async () => {
  const [filename, port] = process.argv.slice(2);
  const server = await startBaselineServer({ filename, port: Number(port) });
  process.on('message', (message: { type: string }) => {
    if (message.type === 'stop') void server.close().then(() => process.exit(0));
  });
  send({ type: 'ready' });
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
