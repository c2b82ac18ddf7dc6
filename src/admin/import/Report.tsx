import { Box, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
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

const TYPE_LABELS: Record<string, string> = { articles: '文章 Articles', organisations: '机构 Organisations', persons: '人物 Persons', initiatives: '活动/项目 Initiatives' };

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

/**
 * A plan or an import's result under its heading: the counts, then each page with what it brought
 * in. After a real run, the review queue is where editors check what the importer was unsure of.
 */
export const ReportDetails = ({ heading, report }: { heading: string; report: ImportReport }) => {
  const { formatMessage } = useIntl();
  return (
    <Box>
      <Typography variant="beta">{heading}</Typography>
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
  );
};
