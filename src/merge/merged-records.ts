/**
 * The table of records merged away (database/migrations/2026.11.30T02.00.00.merged-records.ts):
 * the merge writes it, the importer reads it (src/import/read.ts). Apart from both so neither
 * loads the other.
 */
export const MERGED_TABLE = 'newsroom_merged_records';
