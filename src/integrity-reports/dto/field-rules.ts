import { Transform } from 'class-transformer';
import { IsCalendarDate } from '../../common/validation/validators';
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
