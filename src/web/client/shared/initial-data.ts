/**
 * The data the server wrote into the page (src/web/web-pages.ts, `withInitialData`): a
 * `<script type="application/json" id="initial-data">`, read once. `take(key)` hands a part out the
 * first time only, so a retry or a reload button fetches afresh; a part the server could not load
 * is absent and the page fetches it as before.
 */
import type { Schemas } from './api';

export interface MapSettings {
  /** tile URL template: {z}/{x}/{y}, optionally {s} */
  tileUrl: string;
  attribution: string;
  center: { lat: number; lng: number; zoom: number };
  /** the URL of the pin's module (LocationPin.tsx as built), named in the page by a modulepreload */
  module: string;
}

/** What each page may find inlined. */
export interface InitialData {
  categories: Schemas['PublicCategoryView'][];
  /** /complain: the kinds of submission with their names (as GET /labels gives them) */
  kinds: Schemas['LabelView'][];
  allegationTypes: Schemas['AllegationTypeView'][];
  /** /report: complaint or tip, with names (as GET /labels gives them) */
  reportKinds: Schemas['LabelView'][];
  /** /report: who the reporter is to the organisation, with names (as GET /labels gives them) */
  reporterRelations: Schemas['ReporterRelationLabelView'][];
  handbook: Schemas['HandbookView'];
  map: MapSettings;
  /** /statistics: the figures of the year it opens on; `annual` null when it could not be told */
  statistics: {
    fiscalYear: number;
    complaints: Schemas['ComplaintStatisticsView'];
    integrity: Schemas['IntegrityStatisticsView'];
    annual: { published: true; publishedAt: string } | { published: false } | null;
  };
  /** /statistics/all */
  national: { fiscalYear: number; stats: Schemas['NationalStatisticsView'] };
  /** the widget: the current year's complaint figures */
  widget: Schemas['ComplaintStatisticsView'];
}

let data: Partial<InitialData> | null = null;

function read(): Partial<InitialData> {
  if (data) return data;
  const element = document.getElementById('initial-data');
  try {
    data = element?.textContent ? (JSON.parse(element.textContent) as Partial<InitialData>) : {};
  } catch {
    data = {};
  }
  return data;
}

/** The inlined part, or undefined; given out once (a later call fetches). */
export function take<K extends keyof InitialData>(key: K): InitialData[K] | undefined {
  const all = read();
  const value = all[key];
  delete all[key];
  return value;
}

/** The inlined part without using it up (settings the page reads more than once). */
export function peek<K extends keyof InitialData>(key: K): InitialData[K] | undefined {
  return read()[key];
}

/** The inlined part as a resolved promise, else the fetch: `inlinedOr('categories', () => call(...))`. */
export function inlinedOr<K extends keyof InitialData>(
  key: K,
  fetch: () => Promise<InitialData[K]>,
): Promise<InitialData[K]> {
  const value = take(key);
  return value !== undefined ? Promise.resolve(value) : fetch();
}
