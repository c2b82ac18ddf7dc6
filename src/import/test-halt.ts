import fs from 'fs';

/**
 * A test's handle on a real import process: with NODE_ENV=test, NEWSROOM_TEST_HALT_AFTER_BATCHES=N
 * and NEWSROOM_TEST_HALT_MARKER=FILE, the run stops for good right after its Nth batch commits and
 * writes FILE, so a test can kill it at a known point (N batches in the database, the next not
 * begun) instead of racing a timer. Outside test runs the variables are not read.
 */
export const haltAfterBatchForTests = async (committedBatches: number): Promise<void> => {
  if (process.env.NODE_ENV !== 'test') return;
  const after = Number(process.env.NEWSROOM_TEST_HALT_AFTER_BATCHES ?? '');
  const marker = process.env.NEWSROOM_TEST_HALT_MARKER ?? '';
  if (!Number.isInteger(after) || after <= 0 || marker === '' || committedBatches !== after) return;
  fs.writeFileSync(marker, String(committedBatches));
  // A pending promise alone would let the process exit; the timer keeps it alive until it is killed.
  await new Promise<never>(() => setInterval(() => undefined, 60_000));
};
