/**
 * Stable machine-readable error codes with the human message in English and Thai. Clients branch on
 * `code`; the wording may change.
 */
export const ERRORS = {
  VALIDATION_FAILED: { status: 400, en: 'The request has invalid fields.', th: 'ข้อมูลที่ส่งมาไม่ถูกต้อง' },
  BAD_REQUEST: { status: 400, en: 'The request is malformed.', th: 'คำขอไม่ถูกต้อง' },
  UNAUTHENTICATED: { status: 401, en: 'Sign-in is required.', th: 'กรุณาเข้าสู่ระบบ' },
  INVALID_CREDENTIALS: { status: 401, en: 'E-mail or password is incorrect.', th: 'อีเมลหรือรหัสผ่านไม่ถูกต้อง' },
  INVALID_REFRESH_TOKEN: {
    status: 401,
    en: 'The session has expired; sign in again.',
    th: 'การเข้าสู่ระบบหมดอายุ กรุณาเข้าสู่ระบบใหม่',
  },
  FORBIDDEN: { status: 403, en: 'You are not allowed to do this.', th: 'ท่านไม่มีสิทธิ์ดำเนินการนี้' },
  NOT_FOUND: { status: 404, en: 'Not found.', th: 'ไม่พบข้อมูล' },
  ROUTE_NOT_FOUND: { status: 404, en: 'No such route.', th: 'ไม่พบเส้นทางที่เรียก' },
  ORGANIZATION_NOT_FOUND: { status: 404, en: 'Unknown organisation.', th: 'ไม่พบหน่วยงาน' },
  USER_NOT_FOUND: { status: 404, en: 'Unknown user.', th: 'ไม่พบผู้ใช้' },
  UNIT_NOT_FOUND: { status: 404, en: 'Unknown unit.', th: 'ไม่พบหน่วยงานย่อย' },
  MAIL_MESSAGE_NOT_FOUND: { status: 404, en: 'Unknown mail message.', th: 'ไม่พบข้อความอีเมล' },
  MAIL_NOT_RETRYABLE: {
    status: 409,
    en: 'Only a failed or not-sent message can be sent again.',
    th: 'ส่งซ้ำได้เฉพาะข้อความที่ส่งไม่สำเร็จหรือยังไม่ได้ส่ง',
  },
  CONFLICT: { status: 409, en: 'This conflicts with existing data.', th: 'ข้อมูลซ้ำหรือขัดแย้งกับข้อมูลที่มีอยู่' },
  EMAIL_TAKEN: { status: 409, en: 'This e-mail is already in use.', th: 'อีเมลนี้มีผู้ใช้แล้ว' },
  PAYLOAD_TOO_LARGE: { status: 413, en: 'The request body is too large.', th: 'ข้อมูลที่ส่งมีขนาดใหญ่เกินไป' },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    en: 'Send the body as application/json.',
    th: 'กรุณาส่งข้อมูลในรูปแบบ application/json',
  },
  RATE_LIMITED: {
    status: 429,
    en: 'Too many requests; try again later.',
    th: 'มีคำขอมากเกินไป กรุณาลองใหม่ภายหลัง',
  },
  ACCOUNT_LOCKED: {
    status: 429,
    en: 'Too many failed sign-ins; try again later.',
    th: 'เข้าสู่ระบบผิดหลายครั้งเกินไป กรุณาลองใหม่ภายหลัง',
  },
  SERVICE_UNAVAILABLE: {
    status: 503,
    en: 'The service is temporarily unavailable; try again shortly.',
    th: 'ระบบขัดข้องชั่วคราว กรุณาลองใหม่อีกครั้ง',
  },
  INTERNAL_ERROR: { status: 500, en: 'Something went wrong on our side.', th: 'เกิดข้อผิดพลาดในระบบ' },
} as const satisfies Record<string, { status: number; en: string; th: string }>;

export type ErrorCode = keyof typeof ERRORS;

/** One offending field of a request. */
export interface FieldProblem {
  field: string;
  /** the rule that failed, e.g. "maxLength", "isEmail", "unknownCategory" */
  rule: string;
  message: string;
}
