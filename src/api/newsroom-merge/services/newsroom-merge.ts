import type { Core } from '@strapi/strapi';
import { mergeRecords, type MergeReport, type MergeRequest } from '../../../merge/merge';

/** The merge for the admin panel's Merge dialog; the command line (scripts/merge.js) calls src/merge/merge.ts itself. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  merge: (request: MergeRequest): Promise<MergeReport> => mergeRecords(strapi, request),
});
