import { spawnSync } from 'child_process';
import path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');

// The nice value of each thread of a process that has just called yieldToServer, read from Linux's
// /proc in that process (a priority is a thread's there).
const PROBE = `
const fs = require('fs');
require('./src/import/cli').yieldToServer();
const nice = (thread) => {
  const stat = fs.readFileSync('/proc/self/task/' + thread + '/stat', 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
};
process.stdout.write(JSON.stringify(fs.readdirSync('/proc/self/task').map(nice)));
`;

describe('an import yielding the CPU to the server', () => {
  // Linux, where the app runs and /proc lists a process's threads.
  test('lowers every thread of its process, the ones V8 started before it as well as its own', () => {
    const run = spawnSync(process.execPath, ['-r', 'esbuild-register', '-e', PROBE], { cwd: ROOT, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const nices = JSON.parse(run.stdout) as number[];
    // Node runs V8's platform threads besides its main one.
    expect(nices.length).toBeGreaterThan(1);
    expect(nices.every((nice) => nice === 10)).toBe(true);
  });
});
