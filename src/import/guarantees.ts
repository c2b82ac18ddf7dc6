import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { perInstance } from '../utils/per-instance';
import { schemaAttributes } from './models';

/**
 * What `strapi.documents(uid).create` guarantees for a new entry, kept by the bulk writer, which
 * writes rows itself (bulk.ts):
 * - the data is validated by Strapi's own entity validator, as the Document Service validates it:
 *   maxLength, regex, enumerations, numbers and, for a published version, required fields. A record
 *   that fails is refused with the field and the rule, and its page is not imported;
 * - the database lifecycles `beforeCreate` and `afterCreate` run for every row, as Strapi's
 *   `db.query(uid).create` runs them (content-type `lifecycles.ts` files and `strapi.db.lifecycles`
 *   subscribers alike). The rows are then inserted with `createMany`, so `beforeCreateMany` and
 *   `afterCreateMany` run as well, once per table and batch;
 * - the events `entry.create` and `entry.publish` are emitted after the commit (events.ts).
 *
 * Relations are left out of the validation: the writer resolves them itself, to records that may
 * have been staged in the same batch and are not rows yet, and leaves out a target that has no row
 * in the version being written, as Strapi's publish does.
 *
 * The validator is given the model with only the attributes that can fail: those the record writes
 * and, for a published version, the required ones. Strapi's validators accept an absent value of
 * any attribute that is not required (its default, if it has one, is the schema's own), so the
 * others cannot fail; but the validator builds a yup schema for every attribute of the model on
 * every call, and yup copies the schema at each rule it adds, which made this check about a third of an
 * import's time.
 */

type Data = Record<string, unknown>;

/** The data without its relations, at every depth: components keep their own fields. */
const withoutRelations = (strapi: Core.Strapi, uid: string, data: Data): Data => {
  const copy: Data = {};
  const attributes = schemaAttributes(strapi, uid);
  for (const [name, value] of Object.entries(data)) {
    const attribute = attributes[name];
    if (attribute === undefined || attribute.type === 'relation') continue;
    if (attribute.type === 'component' && attribute.component !== undefined) {
      const component = attribute.component;
      copy[name] = Array.isArray(value)
        ? value.map((item) => withoutRelations(strapi, component, item as Data))
        : value === null || value === undefined
          ? value
          : withoutRelations(strapi, component, value as Data);
    } else if (attribute.type === 'dynamiczone' && Array.isArray(value)) {
      copy[name] = value.map((item) => ({ ...withoutRelations(strapi, String((item as Data).__component), item as Data), __component: (item as Data).__component }));
    } else {
      copy[name] = value;
    }
  }
  return copy;
};

type ContentType = ReturnType<Core.Strapi['contentType']>;

const narrowedModels = perInstance(() => new Map<string, ContentType>());

/** The content type with only the attributes the data has and, unless a draft, the required ones. */
const modelToValidate = (strapi: Core.Strapi, uid: string, data: Data, isDraft: boolean): ContentType => {
  const names = Object.keys(data).sort();
  const key = `${uid}\u0000${isDraft ? 'draft' : 'published'}\u0000${names.join('\u0000')}`;
  const known = narrowedModels(strapi).get(key);
  if (known !== undefined) return known;
  const model = strapi.contentType(uid as 'api::organisation.organisation');
  const attributes = Object.fromEntries(
    Object.entries(model.attributes).filter(([name, attribute]) => names.includes(name) || (!isDraft && (attribute as { required?: boolean }).required === true))
  );
  const narrowed = { ...model, attributes } as ContentType;
  narrowedModels(strapi).set(key, narrowed);
  return narrowed;
};

type Problem = { path?: unknown; message?: unknown };

/** "name: must be at most 120 characters; kind: must be one of …", from a validation error. */
const describeProblems = (error: InstanceType<typeof errors.ValidationError>): string => {
  const details = (error.details as { errors?: Problem[] } | undefined)?.errors ?? [];
  if (details.length === 0) return error.message;
  return details.map((problem) => `${Array.isArray(problem.path) ? problem.path.join('.') : String(problem.path ?? '')}: ${String(problem.message)}`).join('; ');
};

/** A record the bulk writer was about to write that Strapi's validator refuses. */
export class InvalidRecordError extends Error {
  constructor(uid: string, label: string, problems: string) {
    super(`${uid.split('.').pop() ?? uid} ${label} is invalid: ${problems}`);
    this.name = 'InvalidRecordError';
  }
}

const labelOf = (data: Data): string => {
  const name = data.name ?? data.title;
  return typeof name === 'string' && name !== '' ? `“${name}”` : '(unnamed)';
};

/**
 * Validates a staged record with Strapi's entity validator. `isDraft` is false when the published
 * version is written too: Strapi's publish validates required fields then, and only then.
 */
export const validateStaged = async (strapi: Core.Strapi, uid: string, data: Data, options: { isDraft: boolean; locale: string | null }): Promise<void> => {
  const validated = withoutRelations(strapi, uid, data);
  try {
    await strapi.entityValidator.validateEntityCreation(modelToValidate(strapi, uid, validated, options.isDraft), validated as never, {
      isDraft: options.isDraft,
      locale: options.locale ?? undefined,
    } as never);
  } catch (error) {
    if (error instanceof errors.ValidationError) throw new InvalidRecordError(uid, labelOf(data), describeProblems(error));
    throw error;
  }
};

/**
 * Inserts rows of one model in a single `createMany`, running `beforeCreate` for each row first and
 * `afterCreate` with its id after, each with the row's own lifecycle state, as Strapi's create does.
 * Returns the ids in the order of the rows.
 */
export const createRows = async (strapi: Core.Strapi, uid: string, rows: Data[]): Promise<number[]> => {
  const lifecycles = strapi.db.lifecycles;
  const states = [];
  for (const row of rows) states.push(await lifecycles.run('beforeCreate', uid, { params: { data: row } }));
  const result = await strapi.db.query(uid as 'api::organisation.organisation').createMany({ data: rows });
  const ids = insertedIds(result);
  for (const [index, row] of rows.entries()) {
    await lifecycles.run('afterCreate', uid, { params: { data: row }, result: { ...row, id: ids[index] } }, states[index]);
  }
  return ids;
};

/** Ids that came back from one multi-row insert, in the order the rows were given. */
const insertedIds = (result: { ids: unknown[] }): number[] =>
  // Rows are numbered in the order they are inserted; RETURNING itself promises no order.
  result.ids.map((id) => Number(typeof id === 'object' && id !== null ? (id as { id: unknown }).id : id)).sort((a, b) => a - b);
