import { useCallback, useEffect, useState } from 'react';
import { Badge, Box, Button, Flex, Typography } from '@strapi/design-system';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { Link } from 'react-router-dom';
// The items' shape is the server's own; the page only reads it.
import type { ReviewQueuePage, ShownItem } from '../../api/review-queue/services/review-queue';

type ReviewPagination = ReviewQueuePage['pagination'];

/** The content manager's edit view of a record, inside the admin. */
const editLink = (record: ShownItem['record']): string =>
  `/content-manager/collection-types/${record.uid}/${record.documentId}${record.locale === null ? '' : `?plugins[i18n][locale]=${encodeURIComponent(record.locale)}`}`;

const Evidence = ({ evidence }: { evidence: ShownItem['evidence'] }) => {
  const { formatMessage } = useIntl();
  if (evidence === null || evidence.sentence === '') {
    return <Typography textColor="neutral500">{formatMessage({ id: 'review-queue.no-evidence', defaultMessage: 'No sentence to show' })}</Typography>;
  }
  return (
    <Box tag="blockquote" padding={3} background="neutral100" hasRadius data-testid="review-evidence">
      <Typography textColor="neutral600">{formatMessage({ id: 'review-queue.evidence', defaultMessage: 'Original text: ' })}</Typography>
      {evidence.parts.map((part, index) =>
        part.highlighted ? (
          <mark key={index} style={{ background: '#fdf4dc' }}>
            <Typography fontWeight="bold">{part.text}</Typography>
          </mark>
        ) : (
          <Typography key={index}>{part.text}</Typography>
        )
      )}
    </Box>
  );
};

const ItemCard = ({ item, onResolve, busy }: { item: ShownItem; onResolve: (item: ShownItem) => void; busy: boolean }) => {
  const { formatMessage } = useIntl();
  return (
    <Box padding={4} background="neutral0" hasRadius shadow="tableShadow" marginTop={3} data-testid="review-item">
      <Flex direction="column" alignItems="stretch" gap={2}>
        <Flex gap={2} wrap="wrap">
          <Badge>{formatMessage({ id: `review-queue.kind.${item.kind}`, defaultMessage: item.kind })}</Badge>
          <Typography variant="pi" textColor="neutral600">
            {formatMessage({ id: `review-queue.type.${item.record.uid}`, defaultMessage: item.record.uid })}
          </Typography>
          <Link to={editLink(item.record)}>
            <Typography variant="delta" textColor="primary600">
              {item.record.label}
            </Typography>
          </Link>
        </Flex>
        <Typography>{item.reason}</Typography>
        {item.article !== null && (
          <Typography variant="pi">
            {formatMessage({ id: 'review-queue.article', defaultMessage: 'From the article: ' })}
            <Link to={editLink(item.article)}>{item.article.label}</Link>
          </Typography>
        )}
        <Evidence evidence={item.evidence} />
        <Flex gap={2}>
          <Button tag={Link} to={editLink(item.record)} variant="secondary">
            {formatMessage({ id: 'review-queue.open', defaultMessage: 'Open the record' })}
          </Button>
          <Button variant="success-light" disabled={busy} onClick={() => onResolve(item)}>
            {formatMessage({ id: 'review-queue.resolve', defaultMessage: 'Resolved' })}
          </Button>
        </Flex>
      </Flex>
    </Box>
  );
};

// A large import can flag thousands of items: the server gives them a page at a time, of its size.
type QueuePage = { data: ShownItem[]; meta: { pagination: ReviewPagination } };

const Pager = ({ pagination, onPage }: { pagination: ReviewPagination; onPage: (page: number) => void }) => {
  const { formatMessage } = useIntl();
  if (pagination.pageCount <= 1) return null;
  return (
    <Flex gap={3} marginTop={4} alignItems="center" data-testid="review-pager">
      <Button variant="tertiary" disabled={pagination.page <= 1} onClick={() => onPage(pagination.page - 1)}>
        {formatMessage({ id: 'review-queue.previous', defaultMessage: 'Previous page' })}
      </Button>
      <Typography>{formatMessage({ id: 'review-queue.page', defaultMessage: 'Page {page} of {pageCount}' }, { page: pagination.page, pageCount: pagination.pageCount })}</Typography>
      <Button variant="tertiary" disabled={pagination.page >= pagination.pageCount} onClick={() => onPage(pagination.page + 1)}>
        {formatMessage({ id: 'review-queue.next', defaultMessage: 'Next page' })}
      </Button>
    </Flex>
  );
};

/** What the importer was unsure of, one item per record to fix; editors open the record, fix it, and resolve the item. */
const ReviewPage = () => {
  const { formatMessage } = useIntl();
  const { get, post } = useFetchClient();
  const [queue, setQueue] = useState<QueuePage | null>(null);
  const [page, setPage] = useState(1);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const response = await get<QueuePage>(`/review-queue/items?page=${page}`);
      const { pageCount } = response.data.meta.pagination;
      // Resolving the last item of the last page leaves that page empty: show the one before it.
      if (page > 1 && page > pageCount) setPage(Math.max(pageCount, 1));
      else setQueue(response.data);
    } catch (caught) {
      setMessage(formatMessage({ id: 'review-queue.error', defaultMessage: 'It failed: {message}' }, { message: caught instanceof Error ? caught.message : String(caught) }));
    }
  }, [get, formatMessage, page]);

  useEffect(() => {
    void load();
  }, [load]);

  const resolve = async (item: ShownItem) => {
    setBusy(true);
    try {
      await post(`/review-queue/items/${item.id}/resolve`, {});
      // Said once the list shows it: the confirmation and the list never disagree.
      await load();
      setMessage(formatMessage({ id: 'review-queue.resolved', defaultMessage: 'Resolved: {label}' }, { label: item.record.label }));
    } catch (caught) {
      setMessage(formatMessage({ id: 'review-queue.error', defaultMessage: 'It failed: {message}' }, { message: caught instanceof Error ? caught.message : String(caught) }));
    } finally {
      setBusy(false);
    }
  };

  const title = formatMessage({ id: 'review-queue.title', defaultMessage: 'Review queue' });
  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header title={title} subtitle={formatMessage({ id: 'review-queue.subtitle', defaultMessage: 'What the importer was unsure of' })} />
      <Layouts.Content>
        {message !== null && (
          <Box marginBottom={3} role="status">
            <Typography textColor="neutral700">{message}</Typography>
          </Box>
        )}
        {queue === null ? (
          <Typography>{formatMessage({ id: 'review-queue.loading', defaultMessage: 'Loading…' })}</Typography>
        ) : queue.data.length === 0 ? (
          <Typography>{formatMessage({ id: 'review-queue.empty', defaultMessage: 'Nothing to review.' })}</Typography>
        ) : (
          <>
            <Typography variant="pi">{formatMessage({ id: 'review-queue.count', defaultMessage: '{count} items' }, { count: queue.meta.pagination.total })}</Typography>
            {queue.data.map((item) => (
              <ItemCard key={item.id} item={item} onResolve={resolve} busy={busy} />
            ))}
            <Pager pagination={queue.meta.pagination} onPage={setPage} />
          </>
        )}
      </Layouts.Content>
    </Page.Main>
  );
};

export default ReviewPage;
