import { useEffect, useRef } from 'react';
import { Box, Button, Flex, Typography } from '@strapi/design-system';
// The job contract is the server's own; the page only reads it.
import type { ImportJob } from '../../import/jobs/types';
import { ReportDetails } from './Report';
import { isFinished, pagesImported, useJob } from './jobs';
import { StatusWord } from './StatusWord';

/**
 * A plain bar rather than the design system's ProgressBar: that one is a fixed 10.2rem wide, light
 * on dark, made for upload overlays, and reads poorly on a white panel.
 */
const Bar = ({ job }: { job: ImportJob }) => {
  const percent = job.pagesTotal > 0 ? Math.min(100, Math.round((job.pagesDone / job.pagesTotal) * 100)) : 0;
  return (
    <Box
      background="neutral150"
      hasRadius
      height="0.8rem"
      overflow="hidden"
      role="progressbar"
      aria-label="导入进度 · Import progress"
      aria-valuemin={0}
      aria-valuemax={job.pagesTotal}
      aria-valuenow={job.pagesDone}
    >
      <Box background={job.status === 'failed' ? 'danger500' : job.status === 'cancelled' ? 'warning500' : 'primary600'} height="100%" width={`${percent}%`} transition="width 0.3s" />
    </Box>
  );
};

/** Where the job is: its state, the pages done, failures so far, and what it waits for. */
const Progress = ({ job, cancelling, onCancel }: { job: ImportJob; cancelling: boolean; onCancel: () => void }) => (
  <Flex direction="column" alignItems="stretch" gap={3}>
    <Flex gap={4} wrap="wrap" alignItems="center">
      <StatusWord status={job.status} testId="import-job-status" />
      <Typography>
        已处理{' '}
        <Typography fontWeight="bold" data-testid="import-job-progress">
          {job.pagesDone} / {job.pagesTotal}
        </Typography>{' '}
        页 · {job.pagesDone} of {job.pagesTotal} pages
      </Typography>
      <Typography textColor={job.pagesFailed > 0 ? 'danger600' : 'neutral600'}>
        失败 {job.pagesFailed} 页 · {job.pagesFailed} failed
      </Typography>
    </Flex>
    <Bar job={job} />
    {job.message !== null && <Typography textColor={job.status === 'failed' ? 'danger600' : 'neutral600'}>{job.message}</Typography>}
    {/* Pages counted again from the start of the resumed run; without this note the count would seem to go back. */}
    {job.attempts > 1 && (
      <Typography variant="pi" textColor="neutral600">
        服务器重启后已继续 · resumed after a server restart
      </Typography>
    )}
    {!isFinished(job) &&
      (cancelling ? (
        <Typography textColor="warning600">正在取消… · Cancelling after the current batch</Typography>
      ) : (
        <Flex>
          <Button variant="danger-light" onClick={onCancel}>
            取消导入 · Cancel import
          </Button>
        </Flex>
      ))}
  </Flex>
);

/** Cancelling keeps what was written: the editor must know those pages are in, and the rest are not. */
const cancelledHeading = (imported: number, total: number): string =>
  `导入已取消 · Cancelled: ${imported} of ${total} pages were imported before it stopped; the rest were not（停止前已导入 ${imported} / ${total} 页，其余未导入）`;

/**
 * What the ended job did. Shown once the job's own answer has come (a listed job carries no
 * `report` key until then), so the heading and the pages appear together.
 */
const Outcome = ({ job }: { job: ImportJob }) => {
  if (job.report === undefined || (job.status !== 'done' && job.status !== 'cancelled')) return null;
  const report = job.report;
  const heading =
    job.status === 'done'
      ? `导入完成 · Imported：${report?.summary.ok ?? pagesImported(job)} / ${report?.summary.documents ?? job.pagesTotal}`
      : cancelledHeading(report?.summary.ok ?? pagesImported(job), job.pagesTotal);
  return <Box marginTop={3}>{report === null ? <Typography variant="beta">{heading}</Typography> : <ReportDetails heading={heading} report={report} />}</Box>;
};

/** One import job followed until it ends, then its result. `onFinished` is told when it ends while shown. */
export const JobPanel = ({ first, onFinished }: { first: ImportJob; onFinished: () => void }) => {
  const { job, error, cancel, cancelling } = useJob(first);
  const finished = isFinished(job);
  // Only an end seen here is news: a job opened from the list after it ended changes nothing there.
  const wasRunning = useRef(!isFinished(first));
  useEffect(() => {
    if (finished && wasRunning.current) {
      wasRunning.current = false;
      onFinished();
    }
  }, [finished, onFinished]);

  return (
    <Box marginTop={6} padding={6} background="neutral0" hasRadius shadow="tableShadow" data-testid="import-job">
      <Flex direction="column" alignItems="stretch" gap={3}>
        <Flex direction="column" alignItems="stretch" gap={1}>
          <Typography variant="delta">导入任务 · Import job</Typography>
          <Typography variant="pi" textColor="neutral600">
            {job.holder} · {new Date(job.createdAt).toLocaleString('zh-CN')}
          </Typography>
        </Flex>
        <Progress job={job} cancelling={cancelling} onCancel={() => void cancel()} />
        {error !== null && <Typography textColor="danger600">{error}</Typography>}
        <Outcome job={job} />
      </Flex>
    </Box>
  );
};
