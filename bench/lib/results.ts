import { execSync } from 'child_process';
import os from 'os';

/** One line of the table: a measure, the two sides measured side by side, their ratio and its target. */
export type Row = {
  section: string;
  measure: string;
  a: string;
  b: string;
  ratio: number | null;
  target: string;
  /** null when the row has no target. */
  met: boolean | null;
};

export type Results = {
  machine: Record<string, unknown>;
  command: string;
  startedAt: string;
  seconds: number;
  rows: Row[];
  details: Record<string, unknown>;
  /** Runs with non-2xx responses or failed documents measured nothing; they are listed here. */
  invalid: string[];
};

export const machine = (): Record<string, unknown> => {
  const cpus = os.cpus();
  const commit = (() => {
    try {
      return execSync('git rev-parse --short HEAD', { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    } catch {
      return null;
    }
  })();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    commit,
  };
};

const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - [...text].length));

export const formatRatio = (ratio: number | null): string => (ratio === null ? '' : `${ratio.toFixed(2)}×`);

export const table = (rows: Row[]): string => {
  const header = ['Measure', 'A', 'B', 'A/B', 'Target', 'Met'];
  const lines = rows.map((row) => [
    `${row.section}: ${row.measure}`,
    row.a,
    row.b,
    formatRatio(row.ratio),
    row.target,
    row.met === null ? '' : row.met ? 'yes' : 'NO',
  ]);
  const widths = header.map((title, column) => Math.max([...title].length, ...lines.map((line) => [...line[column]].length)));
  const render = (cells: string[]) => `| ${cells.map((cell, column) => pad(cell, widths[column])).join(' | ')} |`;
  return [render(header), render(widths.map((width) => '-'.repeat(width))), ...lines.map(render)].join('\n');
};
