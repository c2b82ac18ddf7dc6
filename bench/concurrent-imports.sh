#!/usr/bin/env bash
# Two command-line imports of the same pages at once into one fresh SQLite database, on the code
# checked out at $1 (default: this repository), as two editors or two cron jobs would start them.
# Prints each run's exit code and failed pages, any "waiting for" line, and the import keys that
# more than one draft holds per table (duplicates). Usage: bench/concurrent-imports.sh [ROOT] [PAGES]
set -u
root=$(cd "${1:-$(dirname "$0")/..}" && pwd)
pages=${2:-1000}
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export STRAPI_TELEMETRY_DISABLED=true DATABASE_FILENAME="$work/data.db"
cd "$root"
node -r esbuild-register -e "require('$here/bench/corpus').writeCorpus('$work/corpus', $pages, 5)"
# The schema exists before the two runs start, as on any site that has run once.
node scripts/import.js --dry-run data/documents >/dev/null 2>&1
node -e "require('@strapi/strapi').createStrapi({ appDir: process.cwd(), distDir: process.cwd() + '/dist', autoReload: false, serveAdminPanel: false }).load().then((s) => s.destroy()).then(() => process.exit(0))" >/dev/null 2>&1
for run in a b; do
  (node scripts/import.js --publish "$work/corpus" >"$work/$run.out" 2>"$work/$run.err"; echo "run $run: exit $?, $(grep -c '✖' "$work/$run.err") failed pages") &
done
wait
grep -h "waiting for" "$work/a.err" "$work/b.err" | head -1
for table in organisations persons initiatives news_articles; do
  node -e "
    const db = new (require('better-sqlite3'))('$work/data.db', { readonly: true });
    const sql = \"select count(*) n from (select import_key from $table where import_key is not null and published_at is null group by import_key, coalesce(locale, '') having count(*) > 1)\";
    console.log('$table: import keys held by more than one draft: ' + db.prepare(sql).get().n);
  "
done
