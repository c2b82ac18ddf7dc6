import { useEffect, useMemo, useState } from 'react';
import { useIntl } from 'react-intl';
import { Box, Button, Flex, Modal, Radio, TextInput, Typography } from '@strapi/design-system';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';

/**
 * "合并…" in the edit view of an organisation or a person: the editor finds the duplicate, chooses
 * which record to keep, reads what moves (the server's preview, src/merge/merge.ts) and confirms.
 * The merge itself is one request; the page then opens the kept record.
 */

const TYPES: Record<string, 'organisation' | 'person'> = {
  'api::organisation.organisation': 'organisation',
  'api::person.person': 'person',
};

type Candidate = { documentId: string; name: string };

type Preview = {
  keep: Candidate;
  remove: Candidate;
  links: Array<{ kind: string; count: number }>;
  aliases: string[];
  filled: string[];
  publishesKept: boolean;
};

type ActionProps = { model: string; documentId?: string; document?: Record<string, unknown>; collectionType: string };

const messageOf = (caught: unknown): string => {
  const response = (caught as { response?: { data?: { error?: { message?: string } } } }).response;
  return response?.data?.error?.message ?? (caught instanceof Error ? caught.message : String(caught));
};

/** The other records of the type whose names match what the editor typed, from the content manager's own list. */
const useCandidates = (model: string, current: string, query: string): Candidate[] => {
  const { get } = useFetchClient();
  const [candidates, setCandidates] = useState<Candidate[]>([]);
  useEffect(() => {
    if (query.trim() === '') {
      setCandidates([]);
      return undefined;
    }
    let live = true;
    const timer = setTimeout(() => {
      get(`/content-manager/collection-types/${model}`, { params: { _q: query.trim(), page: 1, pageSize: 10, sort: 'name:ASC' } })
        .then(({ data }) => {
          const results = ((data as { results?: Candidate[] }).results ?? []).filter((candidate) => candidate.documentId !== current);
          if (live) setCandidates(results);
        })
        .catch(() => {
          if (live) setCandidates([]);
        });
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [get, model, current, query]);
  return candidates;
};

const PreviewList = ({ preview }: { preview: Preview }) => {
  const { formatMessage } = useIntl();
  const label = (id: string, fallback: string) => formatMessage({ id, defaultMessage: fallback });
  return (
    <Flex direction="column" alignItems="stretch" gap={2} data-testid="merge-preview">
      <Typography variant="delta">{label('newsroom-merge.preview', 'Links that move')}</Typography>
      {preview.links.length === 0 && <Typography>{label('newsroom-merge.preview.nothing', 'No links')}</Typography>}
      {preview.links.map((link) => (
        <Flex key={link.kind} justifyContent="space-between">
          <Typography>{label(`newsroom-merge.kind.${link.kind}`, link.kind)}</Typography>
          <Typography fontWeight="bold">{formatMessage({ id: 'newsroom-merge.count', defaultMessage: '{count}' }, { count: link.count })}</Typography>
        </Flex>
      ))}
      {preview.aliases.length > 0 && (
        <Typography>{formatMessage({ id: 'newsroom-merge.preview.aliases', defaultMessage: 'Aliases: {aliases}' }, { aliases: preview.aliases.join('、') })}</Typography>
      )}
      {preview.filled.length > 0 && (
        <Typography>
          {formatMessage(
            { id: 'newsroom-merge.preview.filled', defaultMessage: 'Filled: {fields}' },
            { fields: preview.filled.map((field) => label(`newsroom-merge.field.${field}`, field)).join('、') }
          )}
        </Typography>
      )}
      {preview.publishesKept && <Typography textColor="warning600">{label('newsroom-merge.preview.publishes', 'The kept record is published')}</Typography>}
      <Typography textColor="danger600">{formatMessage({ id: 'newsroom-merge.preview.removes', defaultMessage: '{name} is deleted' }, { name: preview.remove.name })}</Typography>
    </Flex>
  );
};

const MergeDialog = ({ model, current, onClose }: { model: string; current: Candidate; onClose: () => void }) => {
  const { formatMessage } = useIntl();
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [query, setQuery] = useState('');
  const [other, setOther] = useState<Candidate | null>(null);
  const [keep, setKeep] = useState<'current' | 'other'>('current');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [busy, setBusy] = useState(false);
  const candidates = useCandidates(model, current.documentId, query);
  const type = TYPES[model];
  const pair = other === null ? null : keep === 'current' ? { keep: current, remove: other } : { keep: other, remove: current };

  useEffect(() => {
    setPreview(null);
    if (pair === null) return;
    let live = true;
    post('/newsroom-merge/preview', { type, keep: pair.keep.documentId, remove: pair.remove.documentId })
      .then(({ data }) => {
        if (live) setPreview((data as { data: Preview }).data);
      })
      .catch((caught: unknown) => toggleNotification({ type: 'danger', message: messageOf(caught) }));
    return () => {
      live = false;
    };
  }, [other?.documentId, keep]); // eslint-disable-line react-hooks/exhaustive-deps

  const confirm = async () => {
    if (pair === null) return;
    setBusy(true);
    try {
      await post('/newsroom-merge/run', { type, keep: pair.keep.documentId, remove: pair.remove.documentId });
      toggleNotification({ type: 'success', message: formatMessage({ id: 'newsroom-merge.done', defaultMessage: 'Merged into {name}' }, { name: pair.keep.name }) });
      onClose();
      // A full load: the edit view must not keep showing (or saving) the record merged away.
      window.location.assign(`${window.location.pathname.replace(/[^/]+$/, '')}${pair.keep.documentId}`);
    } catch (caught) {
      toggleNotification({ type: 'danger', message: formatMessage({ id: 'newsroom-merge.failed', defaultMessage: 'Failed: {message}' }, { message: messageOf(caught) }) });
      setBusy(false);
    }
  };

  return (
    <>
      <Modal.Body>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Typography>{formatMessage({ id: 'newsroom-merge.intro', defaultMessage: 'Merge {name}' }, { name: current.name })}</Typography>
          <TextInput
            name="merge-search"
            aria-label={formatMessage({ id: 'newsroom-merge.search', defaultMessage: 'Find the other record' })}
            placeholder={formatMessage({ id: 'newsroom-merge.search.placeholder', defaultMessage: 'Type a name' })}
            value={query}
            onChange={(event: React.ChangeEvent<HTMLInputElement>) => setQuery(event.target.value)}
          />
          <Flex direction="column" alignItems="stretch" gap={1} data-testid="merge-candidates">
            {query.trim() !== '' && candidates.length === 0 && <Typography textColor="neutral600">{formatMessage({ id: 'newsroom-merge.search.none', defaultMessage: 'None' })}</Typography>}
            {candidates.map((candidate) => (
              <Button key={candidate.documentId} variant={other?.documentId === candidate.documentId ? 'default' : 'tertiary'} onClick={() => setOther(candidate)} justifyContent="flex-start">
                {candidate.name} · {candidate.documentId.slice(0, 8)}
              </Button>
            ))}
          </Flex>
          {other !== null && (
            <Box>
              <Typography variant="delta">{formatMessage({ id: 'newsroom-merge.keep', defaultMessage: 'Which one to keep?' })}</Typography>
              <Radio.Group value={keep} onValueChange={(value: string) => setKeep(value === 'other' ? 'other' : 'current')} aria-label="keep">
                <Radio.Item value="current">{formatMessage({ id: 'newsroom-merge.keep.current', defaultMessage: 'Keep {name}' }, { name: current.name })}</Radio.Item>
                <Radio.Item value="other">{formatMessage({ id: 'newsroom-merge.keep.other', defaultMessage: 'Keep {name}' }, { name: other.name })}</Radio.Item>
              </Radio.Group>
            </Box>
          )}
          {preview !== null && <PreviewList preview={preview} />}
        </Flex>
      </Modal.Body>
      <Modal.Footer>
        <Button variant="tertiary" onClick={onClose}>
          {formatMessage({ id: 'newsroom-merge.cancel', defaultMessage: 'Cancel' })}
        </Button>
        <Button variant="danger" disabled={preview === null || busy} loading={busy} onClick={confirm}>
          {formatMessage({ id: 'newsroom-merge.confirm', defaultMessage: 'Merge' })}
        </Button>
      </Modal.Footer>
    </>
  );
};

/** The content manager's document action: shown for organisations and persons that exist. */
export const MergeAction = ({ model, documentId, document }: ActionProps) => {
  const { formatMessage } = useIntl();
  const name = String(document?.name ?? '');
  // One component for the dialog's life: a new one on every render of the edit view would reset what the editor chose.
  const Content = useMemo(
    () =>
      function MergeContent({ onClose }: { onClose: () => void }) {
        return <MergeDialog model={model} current={{ documentId: documentId ?? '', name }} onClose={onClose} />;
      },
    [model, documentId, name]
  );
  if (TYPES[model] === undefined || documentId === undefined) return null;
  return {
    label: formatMessage({ id: 'newsroom-merge.action', defaultMessage: 'Merge…' }),
    position: 'header' as const,
    dialog: {
      type: 'modal' as const,
      title: formatMessage({ id: 'newsroom-merge.title', defaultMessage: 'Merge duplicates' }),
      content: Content,
    },
  };
};
