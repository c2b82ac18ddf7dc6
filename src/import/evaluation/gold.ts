import fs from 'fs';
import path from 'path';
import type { Gold } from './score';

/** The gold files of a directory by stem (d01_jrkh.json -> d01_jrkh), as score.py looks them up. */
export const readGoldDirectory = (directory: string): Map<string, Gold> => {
  const golds = new Map<string, Gold>();
  for (const name of fs.readdirSync(directory).sort()) {
    if (!name.endsWith('.json')) continue;
    golds.set(name.slice(0, -'.json'.length), JSON.parse(fs.readFileSync(path.join(directory, name), 'utf8')) as Gold);
  }
  return golds;
};
