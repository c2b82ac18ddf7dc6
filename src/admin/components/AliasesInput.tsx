import { useState, type KeyboardEvent } from 'react';
import { Box, Button, Field, Flex, IconButton, TextInput, Typography } from '@strapi/design-system';
import { Cross, Plus } from '@strapi/icons';
import { useIntl } from 'react-intl';

/**
 * The organisation's `aliases` (a JSON list of names) as a list to add to and remove from, instead
 * of raw JSON. The stored value stays a JSON array of strings, so the API is unchanged.
 */
type Props = {
  name: string;
  value?: unknown;
  onChange: (name: string, value: unknown) => void;
  label?: string;
  hint?: string;
  error?: string;
  required?: boolean;
  disabled?: boolean;
};

/** The names in a stored value: an array, or JSON text of one (as an older edit may have left it). */
export const aliasList = (value: unknown): string[] => {
  let list = value;
  if (typeof value === 'string') {
    try {
      list = JSON.parse(value) as unknown;
    } catch {
      list = value.split(/[\n,，、]/);
    }
  }
  return Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string').map((item) => item.trim()).filter((item) => item !== '') : [];
};

const AliasesInput = ({ name, value, onChange, label, hint, error, required, disabled }: Props) => {
  const { formatMessage } = useIntl();
  const aliases = aliasList(value);
  const [draft, setDraft] = useState('');
  const add = () => {
    const alias = draft.trim();
    if (alias === '' || aliases.includes(alias)) return;
    onChange(name, [...aliases, alias]);
    setDraft('');
  };
  const remove = (alias: string) => onChange(name, aliases.filter((other) => other !== alias));
  return (
    <Field.Root name={name} error={error} hint={hint ?? formatMessage({ id: 'aliases.description', defaultMessage: 'One name per line' })} required={required}>
      <Field.Label>{label ?? formatMessage({ id: 'aliases.label', defaultMessage: 'Aliases' })}</Field.Label>
      <Flex direction="column" alignItems="stretch" gap={2}>
        {aliases.length === 0 && <Typography textColor="neutral600">{formatMessage({ id: 'aliases.none', defaultMessage: 'No aliases yet' })}</Typography>}
        <Box tag="ul">
          {aliases.map((alias) => (
            <Flex key={alias} tag="li" gap={2} paddingBottom={1}>
              <Typography>{alias}</Typography>
              <IconButton
                disabled={disabled}
                label={formatMessage({ id: 'aliases.remove', defaultMessage: 'Remove {alias}' }, { alias })}
                onClick={() => remove(alias)}
                variant="ghost"
              >
                <Cross />
              </IconButton>
            </Flex>
          ))}
        </Box>
        <Flex gap={2}>
          <Box grow={1}>
            <TextInput
              aria-label={formatMessage({ id: 'aliases.new', defaultMessage: 'New alias' })}
              placeholder={formatMessage({ id: 'aliases.new', defaultMessage: 'New alias' })}
              value={draft}
              disabled={disabled}
              onChange={(event: { target: { value: string } }) => setDraft(event.target.value)}
              onKeyDown={(event: KeyboardEvent<HTMLInputElement>) => {
                if (event.key === 'Enter') {
                  event.preventDefault();
                  add();
                }
              }}
            />
          </Box>
          <Button variant="secondary" startIcon={<Plus />} disabled={disabled || draft.trim() === ''} onClick={add}>
            {formatMessage({ id: 'aliases.add', defaultMessage: 'Add' })}
          </Button>
        </Flex>
      </Flex>
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );
};

export default AliasesInput;
