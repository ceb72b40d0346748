import { Transform } from 'class-transformer';
import { IsCalendarDate, isCalendarDate } from '../../common/validation/validators';
import {
  IsIn,
  MaxLength,
  MinLength,
  registerDecorator,
  ValidationArguments,
  ValidationOptions,
} from 'class-validator';

/**
 * Validation rules of the integrity channel with messages in Thai and English: reporters read them.
 * Every free-text field has a size limit.
 */
export const trim = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

export const maxChars = (n: number) =>
  MaxLength(n, { message: `ยาวได้ไม่เกิน ${n} ตัวอักษร / must be at most ${n} characters` });

export const minChars = (n: number) =>
  MinLength(n, { message: `ต้องมีอย่างน้อย ${n} ตัวอักษร / must be at least ${n} characters` });

export const oneOf = (values: readonly string[]) =>
  IsIn(values, { message: `ต้องเป็นค่าใดค่าหนึ่งต่อไปนี้ / must be one of: ${values.join(', ')}` });

/** A real calendar date YYYY-MM-DD: 2026-02-30 or 2025-02-29 is refused like a malformed one. */
export const civilDate = () =>
  IsCalendarDate({ message: 'ต้องเป็นวันที่รูปแบบ YYYY-MM-DD (ค.ศ.) / must be a date YYYY-MM-DD' });

/** The earliest incident date accepted, and how far past today (Bangkok) one may be. */
export const INCIDENT_DATES = { earliest: '1900-01-01', daysAheadAllowed: 1 } as const;

/**
 * Whether an incident date is plausible: a calendar date not before 1900 and not after tomorrow
 * (a day of slack for a reporter west of Bangkok near midnight). A Buddhist-era year typed into a
 * Gregorian field (2569 → 3112 after conversion, or 2569 itself) is far in the future and refused.
 */
export function isPlausibleIncidentDate(value: unknown, now: Date = new Date()): boolean {
  if (!isCalendarDate(value)) return true; // civilDate reports it: one problem per field
  const latest = new Date(now.getTime() + (7 + 24 * INCIDENT_DATES.daysAheadAllowed) * 3_600_000)
    .toISOString()
    .slice(0, 10);
  return value >= INCIDENT_DATES.earliest && value <= latest;
}

/** An incident date: a real date (civilDate), neither before 1900 nor in the future. */
export function incidentDate(): PropertyDecorator {
  return (target, propertyName) => {
    civilDate()(target, propertyName);
    registerDecorator({
      name: 'plausibleIncidentDate',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message:
          'วันที่เกิดเหตุต้องไม่ก่อนปี ค.ศ. 1900 และไม่เป็นวันในอนาคต (กรอกปี ค.ศ. เช่น 2026 ไม่ใช่ พ.ศ. 2569) / ' +
          'the incident date must be from 1900 on and not in the future (a Gregorian year, e.g. 2026, not 2569)',
      },
      validator: { validate: (v: unknown) => isPlausibleIncidentDate(v) },
    });
  };
}

/** A Thai national id: 13 digits whose last one is the check digit. */
export function isThaiNationalId(value: string): boolean {
  if (!/^\d{13}$/.test(value)) return false;
  const digits = [...value].map(Number);
  const sum = digits.slice(0, 12).reduce((acc, d, i) => acc + d * (13 - i), 0);
  return (11 - (sum % 11)) % 10 === digits[12];
}

export function IsThaiNationalId(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isThaiNationalId',
      target: object.constructor,
      propertyName,
      options: {
        message: 'เลขประจำตัวประชาชนไม่ถูกต้อง / must be a valid 13-digit Thai national id',
        ...options,
      },
      validator: {
        validate: (value: unknown, _args: ValidationArguments) =>
          typeof value === 'string' && isThaiNationalId(value),
      },
    });
}
