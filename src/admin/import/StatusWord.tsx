import { Status, Typography } from '@strapi/design-system';
// The job contract is the server's own; the page only reads it.
import type { ImportJobStatus } from '../../import/jobs/types';
import { STATUS_VARIANTS, STATUS_WORDS } from './jobs';

/** The job's state in words, coloured by how it is going; the panel's copy carries the browser tests' hooks. */
export const StatusWord = ({ status, testId }: { status: ImportJobStatus; testId?: string }) => (
  <Status variant={STATUS_VARIANTS[status]} size="S" display="inline-block">
    <Typography fontWeight="bold" textColor={`${STATUS_VARIANTS[status]}600`} data-testid={testId} data-status={status}>
      {STATUS_WORDS[status]}
    </Typography>
  </Status>
);
