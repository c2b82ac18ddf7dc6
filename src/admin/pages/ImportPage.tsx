import { useCallback, useEffect, useRef, useState, type ChangeEvent, type DragEvent } from 'react';
import { Box, Button, Flex, Typography } from '@strapi/design-system';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
// The report and job contracts are the importer's own; the page only reads them.
import type { ImportReport } from '../../import/report';
import type { ImportJob } from '../../import/jobs/types';
import { JobPanel } from '../import/JobPanel';
import { RecentJobs } from '../import/RecentJobs';
import { ReportDetails } from '../import/Report';
import { explain, isFinished, useRecentJobs } from '../import/jobs';

/**
 * Editors drop old pages here, read the plan, then confirm the import. The import runs on the
 * server as a job: the page follows it, and anyone who comes back finds it in the recent imports.
 */
const ImportPage = () => {
  const { post } = useFetchClient();
  const [files, setFiles] = useState<File[]>([]);
  // A new key empties the file input, which otherwise keeps showing the files already imported.
  const [inputKey, setInputKey] = useState(0);
  const [plan, setPlan] = useState<ImportReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // As last known: from the run's answer or the list; the panel asks for the rest itself.
  const [opened, setOpened] = useState<ImportJob | null>(null);
  const [listKey, setListKey] = useState(0);
  const recent = useRecentJobs(listKey);
  const reloadList = useCallback(() => setListKey((key) => key + 1), []);

  // An editor who left during an import comes back to it: the newest unfinished job opens once, unless one is open already.
  const autoOpened = useRef(false);
  useEffect(() => {
    if (autoOpened.current || recent.jobs === null) return;
    autoOpened.current = true;
    const unfinished = recent.jobs.find((job) => !isFinished(job));
    if (unfinished !== undefined) setOpened((current) => current ?? unfinished);
  }, [recent.jobs]);

  const choose = (chosen: FileList | null) => {
    setFiles(chosen === null ? [] : Array.from(chosen));
    setPlan(null);
    setError(null);
  };

  const upload = <Answer,>(action: 'analyse' | 'run') => {
    const form = new FormData();
    for (const file of files) form.append('files', file, file.name);
    return post<Answer>(`/newsroom-import/${action}`, form);
  };

  const request = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (caught) {
      setError(explain(caught));
    } finally {
      setBusy(false);
    }
  };

  const showPlan = () =>
    request(async () => {
      const response = await upload<ImportReport>('analyse');
      setPlan(response.data);
    });

  // The server answers at once with the queued job; what the pages did comes in the panel as the job runs.
  const startImport = () =>
    request(async () => {
      const response = await upload<{ data: ImportJob }>('run');
      setOpened(response.data.data);
      setFiles([]);
      setInputKey((key) => key + 1);
      setPlan(null);
      reloadList();
    });

  const planShown = files.length > 0 && plan !== null && plan.summary.dryRun;
  return (
    <Page.Main>
      <Page.Title>导入网页 Import pages</Page.Title>
      <Layouts.Header title="导入网页 Import pages" subtitle="拖入旧网站的 .txt 或 .html 网页（UTF-8 或 GBK），先查看导入计划，确认后以草稿导入。Drop .txt or .html pages, review the plan, then import them as drafts." />
      <Layouts.Content>
        <Box
          padding={8}
          background="neutral0"
          hasRadius
          borderStyle="dashed"
          borderWidth="1px"
          borderColor="neutral300"
          onDragOver={(event: DragEvent<HTMLDivElement>) => event.preventDefault()}
          onDrop={(event: DragEvent<HTMLDivElement>) => {
            event.preventDefault();
            choose(event.dataTransfer.files);
          }}
        >
          <Flex direction="column" gap={3}>
            <Typography variant="beta">把网页文件拖到这里 · Drop pages here</Typography>
            <input
              key={inputKey}
              aria-label="pages"
              type="file"
              multiple
              accept=".txt,.html,.htm,text/plain,text/html"
              onChange={(event: ChangeEvent<HTMLInputElement>) => choose(event.target.files)}
            />
            <Typography variant="pi">{files.length > 0 ? `已选择 ${files.length} 个文件 · ${files.length} file(s) chosen` : '尚未选择文件 · No file chosen'}</Typography>
            <Flex gap={2}>
              <Button disabled={files.length === 0 || busy} loading={busy} onClick={() => void showPlan()}>
                查看导入计划 · Show the plan
              </Button>
              {/* Confirming imports exactly what the plan above showed: nothing before a plan of the chosen files is on screen. */}
              <Button variant="success" disabled={!planShown || busy} onClick={() => void startImport()}>
                确认导入 · Import
              </Button>
            </Flex>
          </Flex>
        </Box>
        {error !== null && (
          <Box marginTop={4}>
            <Typography textColor="danger600">{error}</Typography>
          </Box>
        )}
        {plan !== null && (
          <Box marginTop={6}>
            <ReportDetails heading={`导入计划（尚未写入）· Plan (nothing written yet)：${plan.summary.ok} / ${plan.summary.documents}`} report={plan} />
          </Box>
        )}
        {/* Keyed by job: another job gets a panel of its own, with its own polling. */}
        {opened !== null && <JobPanel key={opened.id} first={opened} onFinished={reloadList} />}
        <RecentJobs jobs={recent.jobs} error={recent.error} openedId={opened?.id ?? null} onOpen={setOpened} />
      </Layouts.Content>
    </Page.Main>
  );
};

export default ImportPage;
