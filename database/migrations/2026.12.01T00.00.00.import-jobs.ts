import type { Knex } from 'knex';

/**
 * Import jobs (src/import/jobs): an upload from the admin panel is stored here with its pages and
 * run in the background by whichever instance takes it, so it outlives the request and a restart.
 */
export async function up(knex: Knex): Promise<void> {
  if (!(await knex.schema.hasTable('newsroom_import_jobs'))) {
    await knex.schema.createTable('newsroom_import_jobs', (table) => {
      table.string('id', 36).primary();
      table.string('status', 16).notNullable();
      table.string('holder', 255).notNullable();
      table.string('locale', 32).notNullable();
      table.boolean('publish').notNullable().defaultTo(false);
      table.integer('pages_total').notNullable().defaultTo(0);
      table.integer('pages_done').notNullable().defaultTo(0);
      table.integer('pages_failed').notNullable().defaultTo(0);
      table.boolean('cancel_requested').notNullable().defaultTo(false);
      table.integer('attempts').notNullable().defaultTo(0);
      // Who runs it: a running job whose process is gone (same host) or silent (any host) is taken over.
      table.string('runner_host', 255).nullable();
      table.integer('runner_pid').nullable();
      table.string('runner_token', 64).nullable();
      table.bigInteger('heartbeat_at').nullable();
      table.bigInteger('created_at').notNullable();
      table.bigInteger('started_at').nullable();
      table.bigInteger('finished_at').nullable();
      table.text('message').nullable();
      table.text('report', 'longtext').nullable();
      table.index(['status', 'created_at'], 'newsroom_import_jobs_status_idx');
    });
  }
  if (!(await knex.schema.hasTable('newsroom_import_job_pages'))) {
    await knex.schema.createTable('newsroom_import_job_pages', (table) => {
      table.increments('id');
      table.string('job_id', 36).notNullable().references('id').inTable('newsroom_import_jobs').onDelete('CASCADE');
      table.integer('position').notNullable();
      table.string('name', 255).notNullable();
      table.binary('content').notNullable();
      table.index(['job_id', 'position'], 'newsroom_import_job_pages_job_idx');
    });
  }
}
