const { DEFAULT_IMPORT_HEAP_MB, IMPORT_HEAP_GROWTH_PERCENT, IMPORT_MALLOC_ARENAS, importEnv, importHeapMb, importNodeFlags, needsImportHeap } = require('../../scripts/import-heap') as {
  DEFAULT_IMPORT_HEAP_MB: number;
  IMPORT_HEAP_GROWTH_PERCENT: number;
  IMPORT_MALLOC_ARENAS: string;
  importEnv: (env: NodeJS.ProcessEnv) => NodeJS.ProcessEnv;
  importHeapMb: (env: NodeJS.ProcessEnv) => number;
  importNodeFlags: (env: NodeJS.ProcessEnv) => string[];
  needsImportHeap: (execArgv: string[], env: NodeJS.ProcessEnv) => boolean;
};

describe("an import's heap", () => {
  test('is capped by default, under the size at which V8 lets a heap grow to four times what is live', () => {
    expect(importNodeFlags({})).toContain(`--max-old-space-size=${DEFAULT_IMPORT_HEAP_MB}`);
    expect(DEFAULT_IMPORT_HEAP_MB).toBeLessThan(2048);
  });

  test("grows by a fixed share over what is live, well under V8's default of up to twice, so garbage does not pile up as a run goes on", () => {
    expect(importNodeFlags({})).toContain(`--heap-growing-percent=${IMPORT_HEAP_GROWTH_PERCENT}`);
    expect(IMPORT_HEAP_GROWTH_PERCENT).toBeGreaterThan(0);
    expect(IMPORT_HEAP_GROWTH_PERCENT).toBeLessThanOrEqual(50);
  });

  test('flags are all ones this node accepts, so an import process starts', () => {
    const { spawnSync } = require('child_process') as typeof import('child_process');
    const started = spawnSync(process.execPath, [...importNodeFlags({}), '-e', ''], { encoding: 'utf8' });
    expect(started.stderr).toBe('');
    expect(started.status).toBe(0);
  });

  test('can be raised with IMPORT_MAX_HEAP_MB, and a value that is not a size is refused with its name', () => {
    expect(importHeapMb({ IMPORT_MAX_HEAP_MB: '4096' })).toBe(4096);
    expect(importHeapMb({ IMPORT_MAX_HEAP_MB: ' ' })).toBe(DEFAULT_IMPORT_HEAP_MB);
    for (const raw of ['1.5', '100', 'lots', '-2048']) expect(() => importHeapMb({ IMPORT_MAX_HEAP_MB: raw })).toThrow(/IMPORT_MAX_HEAP_MB/);
  });

  test('is set by starting the process again, unless it was started with a heap limit of its own', () => {
    expect(needsImportHeap(['-r', 'esbuild-register'], {})).toBe(true);
    expect(needsImportHeap(['--max-old-space-size=1536', '-r', 'esbuild-register'], {})).toBe(false);
    expect(needsImportHeap([], { NODE_OPTIONS: '--enable-source-maps --max-old-space-size=8192' })).toBe(false);
  });

  test('comes with two malloc arenas for native memory, unless the operator chose a number; the rest of the environment is kept', () => {
    expect(IMPORT_MALLOC_ARENAS).toBe('2');
    expect(importEnv({ DATABASE_CLIENT: 'postgres' })).toEqual({ DATABASE_CLIENT: 'postgres', MALLOC_ARENA_MAX: '2' });
    expect(importEnv({ MALLOC_ARENA_MAX: '4' }).MALLOC_ARENA_MAX).toBe('4');
  });
});
