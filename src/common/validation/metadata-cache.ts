import { getMetadataStorage, MetadataStorage } from 'class-validator';

type Lookup = MetadataStorage['getTargetValidationMetadatas'];
type Grouping = MetadataStorage['groupByPropertyName'];
type ValidationMetadata = ReturnType<Lookup>[number];

const CACHED = Symbol('rongrian.validationMetadataCached');

/**
 * class-validator looks a class's rules up again for every object it validates: it filters the
 * class's rules and tests every class it knows for inheritance (a complaint's filing validates three
 * objects against some hundred DTO classes), then groups the rules by property. The rules only change
 * when a decorator runs, at import time, so both answers are remembered per class and options and
 * forgotten whenever a rule is added. Callers only read them (class-validator 0.15's executor).
 */
export function cacheValidationMetadata(storage: MetadataStorage = getMetadataStorage()): void {
  const marked = storage as MetadataStorage & { [CACHED]?: true };
  if (marked[CACHED]) return;
  marked[CACHED] = true;

  let lookups = new Map<unknown, Map<string, ValidationMetadata[]>>();
  let groupings = new WeakMap<ValidationMetadata[], Record<string, ValidationMetadata[]>>();
  const forget = () => {
    lookups = new Map();
    groupings = new WeakMap();
  };

  const lookup: Lookup = storage.getTargetValidationMetadatas.bind(storage);
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = JSON.stringify([schema, always, strictGroups, groups ?? null]);
    let forTarget = lookups.get(target);
    if (!forTarget) lookups.set(target, (forTarget = new Map()));
    let found = forTarget.get(key);
    if (!found) forTarget.set(key, (found = lookup(target, schema, always, strictGroups, groups)));
    return found;
  };

  const group: Grouping = storage.groupByPropertyName.bind(storage);
  storage.groupByPropertyName = (metadata) => {
    let grouped = groupings.get(metadata);
    if (!grouped) groupings.set(metadata, (grouped = group(metadata)));
    return grouped;
  };

  for (const method of ['addValidationMetadata', 'addValidationSchema', 'addConstraintMetadata'] as const) {
    const add = storage[method].bind(storage) as (value: never) => void;
    (storage[method] as (value: never) => void) = (value) => {
      forget();
      add(value);
    };
  }
}
