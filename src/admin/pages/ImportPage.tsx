import { useState, type ChangeEvent, type DragEvent } from 'react';
import { Box, Button, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { Link } from 'react-router-dom';
// The report contract is the importer's own; the page only reads it.
import type { DocumentReport, ImportReport, RecordType, WrittenRecord } from '../../import/report';

const RECORD_UIDS: Record<RecordType, string> = {
  articles: 'api::news-article.news-article',
  organisations: 'api::organisation.organisation',
  persons: 'api::person.person',
  initiatives: 'api::initiative.initiative',
};

/** The content manager's edit view of a record the import wrote; an article in the import's locale. */
const recordLink = (record: WrittenRecord, locale: string): string =>
  `/content-manager/collection-types/${RECORD_UIDS[record.type]}/${record.documentId}${record.type === 'articles' ? `?plugins[i18n][locale]=${encodeURIComponent(locale)}` : ''}`;

/** Links to what a page brought in: its article first, then its persons, organisations and initiatives. */
const RecordLinks = ({ records, locale }: { records: WrittenRecord[]; locale: string }) => {
  const { formatMessage } = useIntl();
  return (
    <Flex gap={2} wrap="wrap" data-testid="import-records">
      {records.map((record) => (
        <Link key={`${record.type}:${record.documentId}`} to={recordLink(record, locale)}>
          <Typography variant="pi" textColor="primary600">
            {formatMessage({ id: 'newsroom-import.open-record', defaultMessage: 'Open' })} {TYPE_LABELS[record.type]?.split(' ')[0] ?? record.type}「{record.name}」
          </Typography>
        </Link>
      ))}
    </Flex>
  );
};

const TYPE_LABELS: Record<string, string> = { articles: '文章 Articles', organisations: '机构 Organisations', persons: '人物 Persons', initiatives: '活动/项目 Initiatives' };

const Summary = ({ report }: { report: ImportReport }) => (
  <Table colCount={5} rowCount={5}>
    <Thead>
      <Tr>
        <Th><Typography variant="sigma">{report.summary.dryRun ? '计划 Plan' : '结果 Result'}</Typography></Th>
        <Th><Typography variant="sigma">新建 created</Typography></Th>
        <Th><Typography variant="sigma">更新 updated</Typography></Th>
        <Th><Typography variant="sigma">不变 unchanged</Typography></Th>
        <Th><Typography variant="sigma">失败 failed</Typography></Th>
      </Tr>
    </Thead>
    <Tbody>
      {Object.entries(report.summary.records).map(([type, counts]) => (
        <Tr key={type}>
          <Td><Typography>{TYPE_LABELS[type] ?? type}</Typography></Td>
          <Td><Typography>{counts.created}</Typography></Td>
          <Td><Typography>{counts.updated}</Typography></Td>
          <Td><Typography>{counts.unchanged}</Typography></Td>
          <Td><Typography>{counts.failed}</Typography></Td>
        </Tr>
      ))}
    </Tbody>
  </Table>
);

const DocumentRow = ({ doc, locale }: { doc: DocumentReport; locale: string }) => (
  <Box padding={4} background="neutral0" hasRadius shadow="tableShadow" marginTop={3}>
    <Flex direction="column" alignItems="stretch" gap={1}>
      <Typography variant="delta" textColor={doc.status === 'ok' ? 'neutral800' : 'danger600'}>
        {doc.status === 'ok' ? '✓' : '✗'} {doc.article?.title ?? doc.file}
      </Typography>
      <Typography variant="pi" textColor="neutral600">
        {doc.file} · {doc.article?.date ?? '无日期 no date'} · {doc.article?.source ?? '无来源 no source'} · 新建 {doc.actions.created} / 更新 {doc.actions.updated} / 不变 {doc.actions.unchanged}
      </Typography>
      {doc.error !== undefined && <Typography textColor="danger600">{doc.error}</Typography>}
      {doc.records !== undefined && doc.records.length > 0 && <RecordLinks records={doc.records} locale={locale} />}
      {doc.persons.length > 0 && (
        <Typography>
          人物：{doc.persons.map((person) => `${person.name}（${person.positions.map((p) => `${p.organisation ?? ''}${p.title}`).join('、')}）`).join('；')}
        </Typography>
      )}
      {doc.amounts.length > 0 && <Typography>金额：{doc.amounts.map((amount) => `${amount.text} = ${amount.value.toLocaleString()} ${amount.currency}`).join('；')}</Typography>}
      {[...doc.warnings, ...doc.needsReview].map((warning) => (
        <Typography key={warning} textColor="warning600">⚠ {warning}</Typography>
      ))}
    </Flex>
  </Box>
);

/** What the editor reads when the server refuses: in Chinese first, then the server's own words. */
const explain = (caught: unknown): string => {
  const message = caught instanceof Error ? caught.message : String(caught);
  const status = typeof caught === 'object' && caught !== null ? (caught as { status?: unknown }).status : undefined;
  if (status === 409) return `另一个导入正在进行，请等它完成后再试。· ${message}`;
  if (status === 400) return `请求有误：${message}`;
  return message;
};

/** Editors drop old pages here, read the plan, then confirm the import. */
const ImportPage = () => {
  const { post } = useFetchClient();
  const { formatMessage } = useIntl();
  const [files, setFiles] = useState<File[]>([]);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const choose = (chosen: FileList | null) => {
    setFiles(chosen === null ? [] : Array.from(chosen));
    setReport(null);
    setError(null);
  };

  const send = async (action: 'analyse' | 'run') => {
    const form = new FormData();
    for (const file of files) form.append('files', file, file.name);
    setBusy(true);
    setError(null);
    try {
      const response = await post<ImportReport>(`/newsroom-import/${action}`, form);
      setReport(response.data);
      if (action === 'run') setFiles([]);
    } catch (caught) {
      setError(explain(caught));
    } finally {
      setBusy(false);
    }
  };

  const planShown = files.length > 0 && report !== null && report.summary.dryRun;
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
              aria-label="pages"
              type="file"
              multiple
              accept=".txt,.html,.htm,text/plain,text/html"
              onChange={(event: ChangeEvent<HTMLInputElement>) => choose(event.target.files)}
            />
            <Typography variant="pi">{files.length > 0 ? `已选择 ${files.length} 个文件 · ${files.length} file(s) chosen` : '尚未选择文件 · No file chosen'}</Typography>
            <Flex gap={2}>
              <Button disabled={files.length === 0 || busy} loading={busy} onClick={() => send('analyse')}>
                查看导入计划 · Show the plan
              </Button>
              {/* Confirming imports exactly what the plan above showed: nothing before a plan of the chosen files is on screen. */}
              <Button variant="success" disabled={!planShown || busy} onClick={() => send('run')}>
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
        {report !== null && (
          <Box marginTop={6}>
            <Typography variant="beta">
              {report.summary.dryRun ? '导入计划（尚未写入）· Plan (nothing written yet)' : '导入完成 · Imported'}：{report.summary.ok} / {report.summary.documents}
            </Typography>
            <Box marginTop={3}>
              <Summary report={report} />
            </Box>
            {!report.summary.dryRun && (
              <Box marginTop={3}>
                <Link to="/review-queue">
                  <Typography textColor="primary600">{formatMessage({ id: 'newsroom-import.review-queue', defaultMessage: 'Open the review queue' })}</Typography>
                </Link>
              </Box>
            )}
            {report.documents.map((doc) => (
              <DocumentRow key={doc.file} doc={doc} locale={report.summary.locale} />
            ))}
          </Box>
        )}
      </Layouts.Content>
    </Page.Main>
  );
};

export default ImportPage;
