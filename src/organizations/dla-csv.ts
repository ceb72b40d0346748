import { parse } from 'csv-parse/sync';
import { OrganizationType, organizationTypeOf } from './organization-types';

/**
 * The organisation list in the layout the Department of Local Administration (กรมส่งเสริมการปกครอง
 * ท้องถิ่น) publishes: one row per อปท. with its code, name, type, district and province, optionally
 * contact columns. Headers are matched loosely (Thai or English, spaces, dots and case ignored), so a
 * file saved from a spreadsheet with a byte-order mark reads the same. Pure: parsing and comparing
 * only; import-organisations.ts writes.
 */

/** The fields of an organisation that the list carries; absent columns are undefined (left as they are). */
export interface OrganizationFields {
  dlaCode: string;
  nameTh: string;
  type: OrganizationType;
  province: string;
  district?: string | null;
  nameEn?: string | null;
  slug?: string;
  contactEmail?: string | null;
  contactPhone?: string | null;
  address?: string | null;
}

type Column = keyof OrganizationFields;

const HEADERS: Record<Column, string[]> = {
  dlaCode: ['รหัสอปท', 'รหัส', 'dlacode', 'dla_code', 'code'],
  nameTh: ['ชื่ออปท', 'ชื่อ', 'nameth', 'name_th', 'name'],
  type: ['ประเภทอปท', 'ประเภท', 'type'],
  province: ['จังหวัด', 'province'],
  district: ['อำเภอ', 'อำเภอ/เขต', 'เขต', 'district'],
  nameEn: ['ชื่อภาษาอังกฤษ', 'nameen', 'name_en'],
  slug: ['slug'],
  contactEmail: ['อีเมล', 'email', 'contactemail', 'contact_email'],
  contactPhone: ['โทรศัพท์', 'phone', 'contactphone', 'contact_phone'],
  address: ['ที่อยู่', 'address'],
};
const REQUIRED: Column[] = ['dlaCode', 'nameTh', 'type', 'province'];

const normalise = (h: string) =>
  h
    .replace(/^\uFEFF/, '')
    .replace(/[\s.]/g, '')
    .toLowerCase();

export const DLA_CODE = /^[0-9]{4,12}$/;
export const SLUG = /^[a-z0-9][a-z0-9-]{1,62}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface RowProblem {
  /** line of the file (the header is line 1) */
  line: number;
  field: string;
  message: string;
}

export interface ParsedList {
  rows: OrganizationFields[];
  problems: RowProblem[];
}

/** Reads the list; every row that cannot be used is a problem (the import then writes nothing). */
export function parseDlaCsv(text: string): ParsedList {
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    });
  } catch (error) {
    return { rows: [], problems: [{ line: 0, field: 'file', message: (error as Error).message }] };
  }
  if (records.length === 0)
    return { rows: [], problems: [{ line: 1, field: 'file', message: 'empty file' }] };
  const header = records[0].map(normalise);
  const index = new Map<Column, number>();
  for (const [column, names] of Object.entries(HEADERS) as [Column, string[]][]) {
    const at = header.findIndex((h) => names.includes(h));
    if (at >= 0) index.set(column, at);
  }
  const missing = REQUIRED.filter((c) => !index.has(c));
  if (missing.length > 0) {
    return {
      rows: [],
      problems: missing.map((c) => ({
        line: 1,
        field: c,
        message: `no column for ${c} (one of: ${HEADERS[c].join(', ')})`,
      })),
    };
  }
  const rows: OrganizationFields[] = [];
  const problems: RowProblem[] = [];
  const seen = new Map<string, number>();
  records.slice(1).forEach((record, i) => {
    const line = i + 2;
    const cell = (c: Column): string | undefined => {
      const at = index.get(c);
      return at === undefined ? undefined : (record[at] ?? '');
    };
    const optional = (c: Column) => {
      const v = cell(c);
      return v === undefined ? undefined : v || null;
    };
    const problem = (field: string, message: string) => problems.push({ line, field, message });
    const dlaCode = cell('dlaCode')!;
    const type = organizationTypeOf(cell('type')!);
    const row: OrganizationFields = {
      dlaCode,
      nameTh: cell('nameTh')!,
      type: type ?? OrganizationType.Sao,
      province: cell('province')!,
      district: optional('district'),
      nameEn: optional('nameEn'),
      contactEmail: optional('contactEmail'),
      contactPhone: optional('contactPhone'),
      address: optional('address'),
    };
    const slug = cell('slug');
    if (slug) row.slug = slug;
    const before = problems.length;
    if (!DLA_CODE.test(dlaCode)) problem('dlaCode', `"${dlaCode}" is not a DLA code (4 to 12 digits)`);
    else if (seen.has(dlaCode)) problem('dlaCode', `${dlaCode} is also on line ${seen.get(dlaCode)}`);
    if (!row.nameTh) problem('nameTh', 'no name');
    if (!type) problem('type', `unknown type "${cell('type')}"`);
    if (!row.province) problem('province', 'no province');
    if (row.slug !== undefined && !SLUG.test(row.slug)) problem('slug', `"${row.slug}" is not a valid slug`);
    if (row.contactEmail && !EMAIL.test(row.contactEmail)) problem('contactEmail', 'not an e-mail address');
    seen.set(dlaCode, line);
    if (problems.length === before) rows.push(row);
  });
  return { rows, problems };
}

/** The fields an existing organisation must change to match its row, or null when it matches. */
export function changesFor(
  existing: { [K in keyof OrganizationFields]?: OrganizationFields[K] | null },
  row: OrganizationFields,
): Partial<OrganizationFields> | null {
  const changes: Partial<OrganizationFields> = {};
  for (const key of Object.keys(row) as Column[]) {
    // the slug names public URLs: it is chosen once, then changed only through the API
    if (key === 'slug' || key === 'dlaCode') continue;
    const wanted = row[key];
    if (wanted !== undefined && wanted !== (existing[key] ?? null)) {
      (changes as Record<string, unknown>)[key] = wanted;
    }
  }
  return Object.keys(changes).length > 0 ? changes : null;
}
