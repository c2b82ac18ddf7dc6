import fs from 'fs';
import os from 'os';
import path from 'path';
import Database from 'better-sqlite3';

/**
 * The "hardware ceiling" for an import: how long SQLite alone takes to insert the rows an import
 * wrote, with prepared statements in one transaction and nothing else (no Strapi, no knex, no
 * analysis). Compare an import's time with this to see how much is overhead.
 *
 * Content tables are every table except SQLite's own (`sqlite_*`) and Strapi's internal ones:
 * `strapi_*` (migrations, core store, releases, workflows, tokens), `admin_*`, `up_*`
 * (users-permissions), `i18n_locale`, `files*` and `upload_*` (media library). What is left is
 * what the import writes: the content types' tables, their `*_cmps` component join tables, the
 * `components_*` tables and the `*_lnk` relation tables. The search's SQLite full-text table
 * (`newsroom_search_fts` and the shadow tables SQLite creates with it) is left out too: it is
 * derived from `newsroom_search`, and its shadow tables cannot be created or filled by hand.
 */
const INTERNAL = /^(?:sqlite_|strapi_|admin_|up_|i18n_locale$|files|upload_|newsroom_search_fts)/;

export const isContentTable = (name: string): boolean => !INTERNAL.test(name);

type SchemaRow = { type: string; name: string; tbl_name: string; sql: string | null };

export const measureCeiling = (importedDbFile: string): { rows: number; tables: number; seconds: number } => {
  const source = new Database(importedDbFile, { readonly: true, fileMustExist: true });
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'import-ceiling-'));
  const target = new Database(path.join(directory, 'ceiling.db'));
  try {
    // The same durability settings as the import (config/database.ts), so the comparison is fair.
    target.pragma('journal_mode = WAL');
    target.pragma('synchronous = NORMAL');
    // better-sqlite3 turns foreign keys on; the copy leaves out the admin users that created_by_id
    // points at, and the rows come from a consistent database anyway.
    target.pragma('foreign_keys = OFF');
    const schema = (source.prepare("select type, name, tbl_name, sql from sqlite_master where sql is not null order by type desc").all() as SchemaRow[]).filter(
      (row) => isContentTable(row.tbl_name)
    );
    const tables = schema.filter((row) => row.type === 'table').map((row) => row.name);
    // Tables first, then their indexes: rows are inserted with the indexes in place, as an import does.
    for (const row of schema.filter((entry) => entry.type === 'table')) target.exec(row.sql as string);
    for (const row of schema.filter((entry) => entry.type === 'index')) target.exec(row.sql as string);

    // Read everything before the clock starts: only the inserts are timed.
    const data = tables.map((table) => {
      const columns = (source.prepare(`select name from pragma_table_info(?)`).all(table) as Array<{ name: string }>).map((column) => column.name);
      const rows = source.prepare(`select * from "${table}"`).raw().all() as unknown[][];
      const statement = target.prepare(`insert into "${table}" (${columns.map((column) => `"${column}"`).join(', ')}) values (${columns.map(() => '?').join(', ')})`);
      return { rows, statement };
    });
    // With foreign keys off, the order of tables does not matter.
    const insertAll = target.transaction(() => {
      for (const { rows, statement } of data) for (const row of rows) statement.run(row);
    });

    const started = process.hrtime.bigint();
    insertAll();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return { rows: data.reduce((sum, table) => sum + table.rows.length, 0), tables: tables.length, seconds };
  } finally {
    source.close();
    target.close();
    fs.rmSync(directory, { recursive: true, force: true });
  }
};

if (require.main === module) {
  const file = process.argv[2];
  if (file === undefined) {
    process.stderr.write('Usage: node -r esbuild-register bench/import-ceiling.ts IMPORTED.db\n');
    process.exitCode = 2;
  } else {
    const result = measureCeiling(file);
    process.stdout.write(`${result.rows} rows in ${result.tables} tables inserted in ${(result.seconds * 1000).toFixed(1)} ms\n`);
  }
}
