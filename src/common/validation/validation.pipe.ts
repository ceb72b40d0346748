import { ValidationError, ValidationPipe } from '@nestjs/common';
import { cacheValidationMetadata } from './metadata-cache';
import { DomainError } from '../errors/domain-error';
import { FieldProblem } from '../errors/error-codes';

/** Thai wording per validation rule; fields a citizen fills in get both languages. */
const THAI: Record<string, string> = {
  isDefined: 'ต้องระบุข้อมูลนี้',
  isNotEmpty: 'ต้องระบุข้อมูลนี้',
  isString: 'ต้องเป็นข้อความ',
  maxLength: 'ข้อความยาวเกินกำหนด',
  minLength: 'ข้อความสั้นเกินไป',
  isEmail: 'รูปแบบอีเมลไม่ถูกต้อง',
  isThaiPhone: 'หมายเลขโทรศัพท์ไม่ถูกต้อง (เช่น 0812345678 หรือ 021234567)',
  isLatitude: 'พิกัดไม่ถูกต้อง',
  isLongitude: 'พิกัดไม่ถูกต้อง',
  insideThailand: 'พิกัดต้องอยู่ในประเทศไทย',
  isInt: 'ต้องเป็นจำนวนเต็ม',
  min: 'ค่าน้อยเกินไป',
  max: 'ค่ามากเกินไป',
  isIn: 'ค่าไม่อยู่ในรายการที่กำหนด',
  isEnum: 'ค่าไม่อยู่ในรายการที่กำหนด',
  isBoolean: 'ต้องเป็นจริงหรือเท็จ',
  isDateString: 'รูปแบบวันที่ไม่ถูกต้อง',
  isISO8601: 'รูปแบบวันที่ไม่ถูกต้อง',
  isUUID: 'รหัสอ้างอิงไม่ถูกต้อง',
  whitelistValidation: 'ไม่รู้จักข้อมูลนี้',
  nestedValidation: 'ข้อมูลย่อยไม่ถูกต้อง',
  isObject: 'ต้องเป็นกลุ่มข้อมูล',
  knownCategory: 'ไม่พบหมวดหมู่เรื่องร้องเรียนนี้',
  notInFuture: 'วันที่ต้องไม่เป็นวันในอนาคต',
  plausibleIncidentDate: 'วันที่เกิดเหตุต้องไม่ก่อนปี ค.ศ. 1900 และไม่เป็นวันในอนาคต (กรอกปี ค.ศ. ไม่ใช่ พ.ศ.)',
};

/** Flattens class-validator's tree into one entry per offending field, e.g. `location.lat`. */
export function fieldProblems(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.entries(e.constraints ?? {}).map(([rule, message]) => ({
      field,
      rule,
      message,
      ...(THAI[rule] ? { messageTh: THAI[rule] } : {}),
    }));
    return [...own, ...fieldProblems(e.children ?? [], field)];
  });
}

/** Validates every DTO: unknown fields are rejected, types converted, errors in the standard body. */
export function createValidationPipe(): ValidationPipe {
  cacheValidationMetadata();
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new DomainError('VALIDATION_FAILED', fieldProblems(errors)),
  });
}
