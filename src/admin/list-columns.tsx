import * as React from 'react';
import { Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';

/**
 * The content manager's list columns, through its column hook (the one the i18n plugin uses to add
 * its "Available in" column), so the list reads in Chinese and its status column stays on screen.
 */

type Row = Record<string, unknown> & { locale?: unknown; localizations?: unknown };
type Header = { name: string; attribute?: { type?: string }; cellFormatter?: unknown };
type ColumnHookArgs = { displayedHeaders: Header[]; layout: unknown };

export const INJECT_COLUMN_IN_TABLE = 'Admin/CM/pages/ListView/inject-column-in-table';

/**
 * The list shows an enumeration's raw value (chamber_of_commerce), while the edit view and the
 * filters format the value as a message id: list cells get the same label.
 */
const EnumCell = ({ value }: { value: unknown }): React.ReactElement => {
  const { formatMessage } = useIntl();
  return <Typography textColor="neutral800">{typeof value !== 'string' || value === '' ? '-' : formatMessage({ id: value, defaultMessage: value })}</Typography>;
};

/**
 * The i18n plugin's cell writes each version's full locale name plus an untranslatable "(default)",
 * wide enough to push the status column out of a 1440 px window. The codes say the same in a
 * fraction of the width: the row's own locale first, then its other versions.
 */
const localeCodes = (row: Row): string[] => {
  const others = Array.isArray(row.localizations) ? (row.localizations as Array<{ locale?: unknown }>).map((version) => version.locale) : [];
  return [...new Set([row.locale, ...others].filter((code): code is string => typeof code === 'string' && code !== ''))];
};

const LocaleCodesCell = ({ row }: { row: Row }): React.ReactElement => <Typography textColor="neutral800">{localeCodes(row).join(' · ') || '-'}</Typography>;

const withChineseCell = (header: Header): Header => {
  if (header.name === 'locales') return { ...header, cellFormatter: (row: Row) => <LocaleCodesCell row={row} /> };
  if (header.attribute?.type === 'enumeration' && header.cellFormatter === undefined) {
    return { ...header, cellFormatter: (row: Row) => <EnumCell value={row[header.name]} /> };
  }
  return header;
};

export const chineseListColumns = ({ displayedHeaders, layout }: ColumnHookArgs): ColumnHookArgs => ({
  layout,
  displayedHeaders: displayedHeaders.map(withChineseCell),
});
