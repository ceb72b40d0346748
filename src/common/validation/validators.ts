import { ValidationOptions, registerDecorator } from 'class-validator';

/**
 * Thai telephone numbers as people write them: mobiles 06/08/09 + 8 digits, landlines 02-07 + 7 digits,
 * optionally with +66 instead of the leading 0, spaces or dashes anywhere.
 */
export function normalizeThaiPhone(value: string): string | null {
  let digits = value.replace(/[\s-]/g, '');
  if (digits.startsWith('+66')) digits = `0${digits.slice(3)}`;
  if (/^0[689]\d{8}$/.test(digits) || /^0[2-7]\d{7}$/.test(digits)) return digits;
  return null;
}

export function IsThaiPhone(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isThaiPhone',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: `${String(propertyName)} must be a Thai phone number, e.g. 0812345678`,
        ...options,
      },
      validator: { validate: (v: unknown) => typeof v === 'string' && normalizeThaiPhone(v) !== null },
    });
}

/** Thailand's bounding box (with a small margin): a point outside it is a typo or a wrong order of lat/lng. */
export const THAILAND_BOUNDS = { minLat: 5.5, maxLat: 20.5, minLng: 97.3, maxLng: 105.7 };

export function InsideThailand(axis: 'lat' | 'lng', options?: ValidationOptions): PropertyDecorator {
  const [min, max] =
    axis === 'lat'
      ? [THAILAND_BOUNDS.minLat, THAILAND_BOUNDS.maxLat]
      : [THAILAND_BOUNDS.minLng, THAILAND_BOUNDS.maxLng];
  return (target, propertyName) =>
    registerDecorator({
      name: 'insideThailand',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `${String(propertyName)} must lie inside Thailand (${min} to ${max})`, ...options },
      validator: { validate: (v: unknown) => typeof v === 'number' && v >= min && v <= max },
    });
}

/** Trims strings so that "   " counts as empty. */
/** The fields of a partial update that were sent (validated DTOs carry the others as undefined). */
export function definedOnly<T extends object>(dto: T): Partial<T> {
  return Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** True for a date YYYY-MM-DD that exists in the calendar (no 2026-02-30, no 2025-02-29). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `${String(propertyName)} must be a calendar date YYYY-MM-DD`, ...options },
      validator: { validate: (v: unknown) => isCalendarDate(v) },
    });
}
