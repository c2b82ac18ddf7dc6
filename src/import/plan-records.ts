import { claimsOf, reconcile, type Claims, type Reconciled } from './claims';
import {
  describeKey,
  describePerson,
  describePosition,
  describeReconciled,
  mergeCandidates,
  mergeUnsettled,
  noCandidates,
  nothingUnsettled,
  type Candidates,
  type Names,
  type Unsettled,
} from './changes';
import {
  initiativeValues,
  organisationValues,
  personValues,
  positionIdentity,
  positionOfIdentity,
  type EntityIndex,
  type KnownInitiative,
  type KnownPerson,
  type StoredPosition,
} from './known';
import { englishName } from './english-name';
import { fingerprint } from './keys';
import { freshMemory, nextMemory, sameMemory, type RecordMemory } from './memory';
import type { Action, InitiativePlan, OrganisationPlan, PersonPlan } from './plan';
import type { ResolvedDocument, ResolvedInitiative, ResolvedOrganisation, ResolvedPerson } from './resolve';

/**
 * Plans the organisations, persons and initiatives of one page read again. Organisations only gain
 * (aliases, a parent). A person's positions and an initiative's organisers and people are claims on
 * the articles that assert them (see claims.ts): this article's word is taken back from all of them
 * and given to what it asserts now, so a position only this article evidenced goes with it, and a
 * person or initiative this article no longer names loses what it asserted about them.
 */

/** The article whose word is being given: its key, and the key it had before if it is re-keyed. */
export type ArticleKeys = { key: string; former: string[] };

type Planned<T> = { plan: T; changes: Unsettled; candidates: Candidates };

const sameList = (a: unknown[], b: unknown[]): boolean => JSON.stringify(a) === JSON.stringify(b);

/** How a known record's plan ends: updated when what editors see changes; its memory written when that changes. */
const outcome = (known: { memory: RecordMemory }, changed: boolean, memory: RecordMemory): { action: Action; memory: RecordMemory; memoryChanged: boolean } => ({
  action: changed ? 'update' : 'unchanged',
  memory,
  memoryChanged: !sameMemory(known.memory, memory),
});

export const planOrganisation = (organisation: ResolvedOrganisation, index: EntityIndex): OrganisationPlan => {
  const known = index.organisations.get(organisation.key);
  if (known === undefined) {
    return { ...organisation, action: 'create', documentId: null, memory: freshMemory(organisationValues(organisation), {}), memoryChanged: true };
  }
  const aliases = [...new Set([...known.aliases, ...organisation.aliases])];
  const parentKey = known.parentKey ?? organisation.parentKey;
  const grows = aliases.length > known.aliases.length || parentKey !== known.parentKey;
  const memory = grows ? nextMemory(known.memory, organisationValues(known), organisationValues({ ...known, aliases, parentKey }), known.memory.claims) : known.memory;
  return { ...organisation, name: known.name, kind: known.kind as OrganisationPlan['kind'], aliases, parentKey, documentId: known.documentId, ...outcome(known, grows, memory) };
};

const pristinePosition = (position: StoredPosition): boolean => position.startDate === null && position.endDate === null;

const asStored = (position: { title: string; organisationKey: string | null }): StoredPosition => ({ title: position.title, organisationKey: position.organisationKey, startDate: null, endDate: null });

/**
 * The English name to write on a known person: the one made from their name, unless they have it
 * already or it is an editor's. Like any field the importer writes, it is remembered by its
 * fingerprint (under `nameEn` in the memory); a name that does not match it is an editor's. A
 * person written before the importer made English names has no fingerprint: an empty name is
 * filled, any other is an editor's.
 */
const englishNameFor = (known: KnownPerson): string | undefined => {
  const generated = englishName(known.name);
  const current = known.nameEn ?? null;
  if (generated === null || generated === current) return undefined;
  const written = known.memory.fields.nameEn;
  const editors = written === undefined ? current !== null : written !== fingerprint(current);
  return editors ? undefined : generated;
};

/** The memory with the English name the importer writes remembered. */
const rememberingName = (memory: RecordMemory, nameEn: string | null | undefined): RecordMemory =>
  nameEn === undefined || nameEn === null ? memory : { ...memory, fields: { ...memory.fields, nameEn: fingerprint(nameEn) } };

/** A person this article names (`person`) or named before and no longer does (`person` null). */
export const planPerson = (known: KnownPerson | undefined, person: ResolvedPerson | null, article: ArticleKeys, names: Names): Planned<PersonPlan> | null => {
  const asserted = (person?.positions ?? []).map(asStored);
  if (known === undefined) {
    if (person === null) return null;
    const positions = reconcile({ current: [], claims: {}, identity: positionIdentity, article: article.key, asserted }).items;
    const nameEn = englishName(person.name);
    const memory = rememberingName(freshMemory(personValues({ name: person.name, positions }), { positions: claimsOf(positions.map(positionIdentity), article.key) }), nameEn);
    const english = nameEn === null ? {} : { nameEn };
    return {
      plan: { ...person, ...english, positions, action: 'create', documentId: null, memory, memoryChanged: true },
      changes: positionChanges(person.name, { added: positions }, names),
      candidates: noCandidates(),
    };
  }
  const result = reconcile({
    current: known.positions,
    claims: known.memory.claims.positions ?? {},
    identity: positionIdentity,
    pristine: pristinePosition,
    article: article.key,
    formerKeys: article.former,
    asserted,
  });
  const nameEn = englishNameFor(known);
  const changed = !sameList(result.items, known.positions) || nameEn !== undefined;
  const written = changed ? personValues({ name: known.name, positions: result.items }) : {};
  const memory = rememberingName(nextMemory(known.memory, personValues(known), written, { ...known.memory.claims, positions: result.claims }), nameEn);
  const english = nameEn === undefined ? {} : { nameEn };
  const plan: PersonPlan = {
    key: known.key,
    name: known.name,
    ...english,
    positions: result.items,
    reviewReason: person?.reviewReason ?? null,
    documentId: known.documentId,
    ...outcome(known, changed, memory),
  };
  const candidates = { ...noCandidates(), organisations: result.removed.map((position) => position.organisationKey).filter((key): key is string => key !== null), persons: person === null ? [known.key] : [] };
  return { plan, changes: describeReconciled(result, describePosition(names, known.name), positionFrom), candidates };
};

const positionFrom = (identity: string): StoredPosition => asStored(positionOfIdentity(identity));

const positionChanges = (name: string, result: Pick<Reconciled<StoredPosition>, 'added'>, names: Names): Unsettled =>
  describeReconciled({ items: [], claims: {}, added: result.added, removed: [], keptEditors: [], keptRemovals: [] }, describePosition(names, name), positionFrom);

type LinkList = 'organisers' | 'people';

const reconcileKeys = (known: KnownInitiative, list: LinkList, asserted: string[], article: ArticleKeys): Reconciled<string> =>
  reconcile({
    current: list === 'organisers' ? known.organiserKeys : known.personKeys,
    claims: known.memory.claims[list] ?? {},
    identity: (key: string) => key,
    article: article.key,
    formerKeys: article.former,
    asserted,
  });

/** An initiative this article names (`initiative`) or named before and no longer does (`initiative` null). */
export const planInitiative = (known: KnownInitiative | undefined, initiative: ResolvedInitiative | null, article: ArticleKeys, names: Names): Planned<InitiativePlan> | null => {
  if (known === undefined) {
    if (initiative === null) return null;
    const claims: Record<string, Claims> = { organisers: claimsOf(initiative.organiserKeys, article.key), people: claimsOf(initiative.personKeys, article.key) };
    return { plan: { ...initiative, action: 'create', documentId: null, memory: freshMemory(initiativeValues(initiative), claims), memoryChanged: true }, changes: nothingUnsettled(), candidates: noCandidates() };
  }
  const organisers = reconcileKeys(known, 'organisers', initiative?.organiserKeys ?? [], article);
  const people = reconcileKeys(known, 'people', initiative?.personKeys ?? [], article);
  const changed = !sameList([...organisers.items].sort(), [...known.organiserKeys].sort()) || !sameList([...people.items].sort(), [...known.personKeys].sort());
  const next = { ...known, organiserKeys: organisers.items, personKeys: people.items };
  const memory = nextMemory(known.memory, initiativeValues(known), changed ? initiativeValues(next) : {}, { ...known.memory.claims, organisers: organisers.claims, people: people.claims });
  const plan: InitiativePlan = {
    key: known.key,
    name: known.name,
    kind: known.kind as InitiativePlan['kind'],
    organiserKeys: organisers.items,
    personKeys: people.items,
    amounts: known.amounts,
    documentId: known.documentId,
    ...outcome(known, changed, memory),
  };
  const label = `initiative 「${known.name}」`;
  const changes = mergeUnsettled(
    describeReconciled(organisers, describeKey(`${label} organiser`, (key) => names.organisation(key)), (key) => key),
    describeReconciled(people, (key) => ({ ...describePerson(names)(key), label: `${label} ${describePerson(names)(key).label}` }), (key) => key)
  );
  const candidates = { organisations: organisers.removed, persons: people.removed, initiatives: initiative === null ? [known.key] : [] };
  return { plan, changes, candidates };
};

export type PlannedRecords = {
  organisations: OrganisationPlan[];
  persons: PersonPlan[];
  initiatives: InitiativePlan[];
  changes: Unsettled;
  candidates: Candidates;
};

/**
 * The records of one page: those it names, and those it named before (`previous`, keys of persons
 * and initiatives the article linked or the importer linked it to) that it no longer names.
 */
export const planRecords = (doc: ResolvedDocument, index: EntityIndex, article: ArticleKeys, previous: { persons: string[]; initiatives: string[] }, names: Names): PlannedRecords => {
  const organisations = doc.organisations.map((organisation) => planOrganisation(organisation, index));
  const named = new Set(doc.persons.map((person) => person.key));
  const persons = [
    ...doc.persons.map((person) => planPerson(index.persons.get(person.key), person, article, names)),
    ...previous.persons.filter((key) => !named.has(key)).map((key) => planPerson(index.persons.get(key), null, article, names)),
  ].filter((planned): planned is Planned<PersonPlan> => planned !== null);
  const namedInitiatives = new Set(doc.initiatives.map((initiative) => initiative.key));
  const initiatives = [
    ...doc.initiatives.map((initiative) => planInitiative(index.initiatives.get(initiative.key), initiative, article, names)),
    ...previous.initiatives.filter((key) => !namedInitiatives.has(key)).map((key) => planInitiative(index.initiatives.get(key), null, article, names)),
  ].filter((planned): planned is Planned<InitiativePlan> => planned !== null);
  // A record a page no longer names is planned only when it changes; one that would not is left alone.
  const worthWriting = <T extends { action: string; memoryChanged: boolean; key: string }>(planned: Planned<T>, namedKeys: Set<string>) =>
    namedKeys.has(planned.plan.key) || planned.plan.action !== 'unchanged' || planned.plan.memoryChanged;
  const keptPersons = persons.filter((planned) => worthWriting(planned, named));
  const keptInitiatives = initiatives.filter((planned) => worthWriting(planned, namedInitiatives));
  return {
    organisations,
    persons: keptPersons.map((planned) => planned.plan),
    initiatives: keptInitiatives.map((planned) => planned.plan),
    changes: mergeUnsettled(...keptPersons.map((planned) => planned.changes), ...keptInitiatives.map((planned) => planned.changes)),
    candidates: mergeCandidates(...persons.map((planned) => planned.candidates), ...initiatives.map((planned) => planned.candidates)),
  };
};
