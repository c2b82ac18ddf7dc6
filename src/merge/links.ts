/**
 * Which relations point at a record, read from the schemas (strapi.contentTypes and
 * strapi.components) rather than listed by hand, so a relation added to any schema later moves with
 * a merge without anyone remembering to add it here. Pure: the schemas are passed in.
 */

export type SchemaAttribute = {
  type: string;
  relation?: string;
  target?: string;
  mappedBy?: string;
  inversedBy?: string;
  component?: string;
  repeatable?: boolean;
  default?: unknown;
  private?: boolean;
  unstable_virtual?: boolean;
};

export type Schemas = Record<string, { attributes: Record<string, SchemaAttribute> }>;

/**
 * One relation attribute that stores links to or from the merged type. `incoming`: the owner's
 * links point at the merged type (an article's mentionedOrganisations). `outgoing`: the merged
 * type's own links to others (a person's organisations, an organisation's parent). A relation of a
 * type with itself is both.
 */
export type LinkAttribute = {
  owner: string;
  attribute: string;
  relation: string;
  direction: 'incoming' | 'outgoing';
  /** The owner is a component (a position, a quote): its rows belong to an entry of some type. */
  component: boolean;
};

/** The kind an editor reads in the preview, e.g. `people.position.organisation` (职务) or `outgoing:api::organisation.organisation.parent` (上级机构). */
export const linkKind = (link: Pick<LinkAttribute, 'owner' | 'attribute' | 'direction'>): string =>
  `${link.direction === 'outgoing' ? 'outgoing:' : ''}${link.owner}.${link.attribute}`;

const isComponentUid = (uid: string): boolean => !uid.includes('::');

/**
 * Only the owning side of a relation has rows of its own; its `mappedBy` mirror reads the same
 * rows. Who created or last updated a record (createdBy, updatedBy: admin users) is not a link
 * between records: the kept record keeps its own. Nor are the versions of one document, which
 * i18n adds to every type as a virtual `localizations` relation.
 */
const owns = (attribute: SchemaAttribute): boolean =>
  attribute.type === 'relation' &&
  attribute.mappedBy === undefined &&
  attribute.unstable_virtual !== true &&
  typeof attribute.target === 'string' &&
  !attribute.target.startsWith('admin::');

/**
 * Every owning relation attribute, in any content type or component, whose links involve `uid`:
 * those pointing at it and its own. Strapi's own types (admin users, permissions) never point at
 * the newsroom's, but they are read like any other.
 */
export const linkAttributes = (schemas: Schemas, uid: string): LinkAttribute[] => {
  const found: LinkAttribute[] = [];
  for (const [owner, schema] of Object.entries(schemas).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    for (const [attribute, definition] of Object.entries(schema.attributes)) {
      if (!owns(definition)) continue;
      const relation = definition.relation ?? '';
      const component = isComponentUid(owner);
      if (definition.target === uid) found.push({ owner, attribute, relation, direction: 'incoming', component });
      if (owner === uid) found.push({ owner, attribute, relation, direction: 'outgoing', component });
    }
  }
  return found;
};

/** A relation whose owner holds at most one link (a parent, a position's organisation). */
export const holdsOne = (relation: string): boolean => relation === 'oneToOne' || relation === 'manyToOne';

/** The type's own repeatable components (a person's positions): their rows move to the kept record. */
export const repeatableComponents = (schemas: Schemas, uid: string): string[] =>
  Object.entries(schemas[uid]?.attributes ?? {})
    .filter(([, attribute]) => attribute.type === 'component' && attribute.repeatable === true)
    .map(([name]) => name);
