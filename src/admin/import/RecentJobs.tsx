import { Box, Button, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
// The job contract is the server's own; the page only reads it.
import type { ImportJob } from '../../import/jobs/types';
import { StatusWord } from './StatusWord';

type Props = {
  jobs: ImportJob[] | null;
  error: string | null;
  /** The job shown in the panel, marked in the list. */
  openedId: string | null;
  onOpen: (job: ImportJob) => void;
};

const JobRow = ({ job, opened, onOpen }: { job: ImportJob; opened: boolean; onOpen: (job: ImportJob) => void }) => (
  <Tr onClick={() => onOpen(job)} cursor="pointer" background={opened ? 'primary100' : undefined}>
    <Td><Typography>{new Date(job.createdAt).toLocaleString('zh-CN')}</Typography></Td>
    <Td><Typography>{job.holder}</Typography></Td>
    <Td><StatusWord status={job.status} /></Td>
    <Td><Typography>{job.pagesDone} / {job.pagesTotal}</Typography></Td>
    <Td><Typography textColor={job.pagesFailed > 0 ? 'danger600' : 'neutral800'}>{job.pagesFailed}</Typography></Td>
    <Td>
      {/* The row opens the job too; the button says so to those who would not click a row. */}
      <Button variant="tertiary" size="S" onClick={() => onOpen(job)}>
        查看 · View
      </Button>
    </Td>
  </Tr>
);

/** The latest imports, whoever started them, so that an editor who comes back finds theirs. */
export const RecentJobs = ({ jobs, error, openedId, onOpen }: Props) => (
  <Box marginTop={8}>
    <Typography variant="beta">最近的导入 · Recent imports</Typography>
    {error !== null && (
      <Box marginTop={2}>
        <Typography textColor="danger600">{error}</Typography>
      </Box>
    )}
    <Box marginTop={3}>
      {jobs === null ? (
        error === null && <Typography textColor="neutral600">载入中… · Loading…</Typography>
      ) : (
        <Table colCount={6} rowCount={jobs.length + 1} data-testid="import-jobs">
          <Thead>
            <Tr>
              <Th><Typography variant="sigma">时间 Created</Typography></Th>
              <Th><Typography variant="sigma">发起人 By</Typography></Th>
              <Th><Typography variant="sigma">状态 Status</Typography></Th>
              <Th><Typography variant="sigma">页数 Pages</Typography></Th>
              <Th><Typography variant="sigma">失败 Failed</Typography></Th>
              <Th><Typography variant="sigma">操作 Action</Typography></Th>
            </Tr>
          </Thead>
          <Tbody>
            {jobs.length === 0 ? (
              <Tr>
                <Td colSpan={6}><Typography textColor="neutral600">还没有导入 · No imports yet</Typography></Td>
              </Tr>
            ) : (
              jobs.map((job) => <JobRow key={job.id} job={job} opened={job.id === openedId} onOpen={onOpen} />)
            )}
          </Tbody>
        </Table>
      )}
    </Box>
  </Box>
);
