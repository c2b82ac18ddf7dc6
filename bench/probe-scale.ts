import fs from 'fs';
import os from 'os';
import path from 'path';
import { writeCorpus } from './corpus';
import { importOnce, removeSqlite, sqliteEnv } from './sections/imports';

const main = async () => {
  for (const pages of process.argv.slice(2).map(Number)) {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'probe-scale-'));
    const corpus = path.join(work, 'corpus');
    writeCorpus(corpus, pages, 20200410);
    const db = path.join(work, 'data.db');
    const run = await importOnce(corpus, sqliteEnv(db), 'publish');
    console.log(`${pages} pages: ${run.seconds.toFixed(1)} s, ${(run.documents / run.seconds).toFixed(1)} docs/s, peak RSS ${(run.peakRss / 1048576).toFixed(0)} MiB, failed ${run.failed}`);
    removeSqlite(db);
    fs.rmSync(work, { recursive: true, force: true });
  }
  process.exit(0);
};
main().catch((e) => { console.error(e); process.exit(1); });
