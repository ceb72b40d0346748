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
  METHOD_NOT_ALLOWED: {
    status: 405,
    en: 'This route does not take this method; see the Allow header.',
    th: 'เส้นทางนี้ไม่รองรับวิธีเรียกนี้ ดูวิธีที่รองรับในส่วนหัว Allow',
  },
  ORGANIZATION_NOT_FOUND: { status: 404, en: 'Unknown organisation.', th: 'ไม่พบหน่วยงาน' },
  USER_NOT_FOUND: { status: 404, en: 'Unknown user.', th: 'ไม่พบผู้ใช้' },
  UNIT_NOT_FOUND: { status: 404, en: 'Unknown unit.', th: 'ไม่พบหน่วยงานย่อย' },
  CATEGORY_NOT_FOUND: { status: 404, en: 'Unknown complaint category.', th: 'ไม่พบประเภทเรื่องร้องเรียน' },
  MAIL_MESSAGE_NOT_FOUND: { status: 404, en: 'Unknown mail message.', th: 'ไม่พบข้อความอีเมล' },
  MAIL_NOT_RETRYABLE: {
    status: 409,
    en: 'Only a failed or not-sent message can be sent again.',
    th: 'ส่งซ้ำได้เฉพาะข้อความที่ส่งไม่สำเร็จหรือยังไม่ได้ส่ง',
  },
  CONFLICT: { status: 409, en: 'This conflicts with existing data.', th: 'ข้อมูลซ้ำหรือขัดแย้งกับข้อมูลที่มีอยู่' },
  EMAIL_TAKEN: { status: 409, en: 'This e-mail is already in use.', th: 'อีเมลนี้มีผู้ใช้แล้ว' },
  ORGANIZATION_CHOICE_REQUIRED: {
    status: 409,
    en: 'You have accounts in several organisations: choose one (details.organizations) and sign in again with its organizationId.',
    th: 'ท่านมีบัญชีในหลายหน่วยงาน กรุณาเลือกหน่วยงานแล้วเข้าสู่ระบบอีกครั้ง',
  },
  ADMINISTRATOR_EXISTS: {
    status: 409,
    en: 'This organisation already has an administrator: they invite the others.',
    th: 'หน่วยงานนี้มีผู้ดูแลระบบแล้ว ให้ผู้ดูแลระบบเป็นผู้เชิญผู้อื่น',
  },
  DLA_CODE_TAKEN: {
    status: 409,
    en: 'Another organisation has this DLA code.',
    th: 'รหัส อปท. นี้เป็นของหน่วยงานอื่นแล้ว',
  },
  SLUG_TAKEN: {
    status: 409,
    en: 'Another organisation has this slug.',
    th: 'ชื่อย่อ (slug) นี้เป็นของหน่วยงานอื่นแล้ว',
  },
  DEADLINE_NOT_FOUND: {
    status: 404,
    en: 'No deadline is recorded for this case.',
    th: 'ไม่พบกำหนดเวลาของเรื่องนี้',
  },
  DEADLINE_CLOSED: {
    status: 409,
    en: 'The case has its result; its deadline can no longer change.',
    th: 'เรื่องนี้มีผลการดำเนินการแล้ว ไม่สามารถเปลี่ยนกำหนดเวลาได้',
  },
  DEADLINE_PAUSED: {
    status: 409,
    en: 'The deadline is paused while awaiting the complainant; resume it first.',
    th: 'กำหนดเวลาหยุดนับระหว่างรอข้อมูลจากผู้ร้อง กรุณาให้นับต่อก่อน',
  },
  EXTENSION_NOT_LATER: {
    status: 400,
    en: 'The new due date must be after the current due date and not in the past.',
    th: 'วันครบกำหนดใหม่ต้องหลังวันครบกำหนดเดิมและต้องไม่เป็นวันที่ผ่านมาแล้ว',
  },
  EXTENSION_TOO_LONG: {
    status: 403,
    en: 'This extension is longer than allowed; a supervisor must record it.',
    th: 'ขยายเวลาเกินกว่าที่กำหนด ต้องให้ผู้บังคับบัญชาเป็นผู้บันทึก',
  },
  HOLIDAY_NOT_FOUND: { status: 404, en: 'Unknown holiday.', th: 'ไม่พบวันหยุด' },
  HOLIDAY_EXISTS: { status: 409, en: 'This day is already a holiday.', th: 'วันนี้เป็นวันหยุดอยู่แล้ว' },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    en: 'This Idempotency-Key was already used for a different request.',
    th: 'Idempotency-Key นี้ถูกใช้กับคำขออื่นแล้ว',
  },
  COMPLAINT_NOT_FOUND: { status: 404, en: 'No such complaint.', th: 'ไม่พบเรื่องร้องเรียน' },
  DUPLICATE_TARGET_NOT_FOUND: {
    status: 404,
    en: 'No complaint of this organisation has this reference number or id.',
    th: 'ไม่พบเรื่องร้องเรียนเลขที่นี้ในหน่วยงาน',
  },
  DUPLICATE_TARGET_INVALID: {
    status: 422,
    en: 'A complaint can only repeat another complaint that is not itself a duplicate.',
    th: 'เรื่องซ้ำต้องอ้างถึงเรื่องอื่นที่ไม่ได้เป็นเรื่องซ้ำ',
  },
  TRACKING_CODE_NOT_FOUND: {
    status: 404,
    en: 'No complaint has this tracking code. Check the code and try again.',
    th: 'ไม่พบเรื่องร้องเรียนตามรหัสติดตามนี้ กรุณาตรวจสอบรหัสอีกครั้ง',
  },
  ANSWER_NOT_EXPECTED: {
    status: 409,
    en: 'The organisation is not waiting for information on this complaint; there is nothing to answer now.',
    th: 'ขณะนี้หน่วยงานไม่ได้ขอข้อมูลเพิ่มเติมสำหรับเรื่องนี้ จึงยังไม่ต้องส่งคำตอบ',
  },
  FEEDBACK_NOT_OPEN: {
    status: 409,
    en: 'Feedback can be given once the complaint has a result.',
    th: 'สามารถประเมินความพึงพอใจได้เมื่อเรื่องได้รับการแก้ไขแล้ว',
  },
  FEEDBACK_ALREADY_GIVEN: {
    status: 409,
    en: 'Feedback for this complaint was already given.',
    th: 'ท่านได้ประเมินความพึงพอใจเรื่องนี้แล้ว',
  },
  PAYLOAD_TOO_LARGE: { status: 413, en: 'The request body is too large.', th: 'ข้อมูลที่ส่งมีขนาดใหญ่เกินไป' },
  HEADERS_TOO_LARGE: {
    status: 431,
    en: 'The request line or headers are too large (a very long address, or too many cookies).',
    th: 'ที่อยู่หรือส่วนหัวของคำขอยาวเกินไป',
  },
  REQUEST_TIMEOUT: {
    status: 408,
    en: 'The request took too long to arrive; send it again.',
    th: 'ส่งคำขอนานเกินกำหนด กรุณาส่งใหม่อีกครั้ง',
  },
  BODY_TOO_DEEP: {
    status: 400,
    en: 'The request body is nested too deeply.',
    th: 'ข้อมูลที่ส่งมีโครงสร้างซ้อนกันลึกเกินไป',
  },
  ORIGIN_NOT_ALLOWED: {
    status: 403,
    en: 'Requests from this site are not accepted.',
    th: 'ไม่รับคำขอที่ส่งมาจากเว็บไซต์อื่น',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    en: 'Send the body as application/json.',
    th: 'กรุณาส่งข้อมูลในรูปแบบ application/json',
  },
  FILE_TOO_LARGE: {
    status: 413,
    en: 'A file is larger than allowed (see details.maxBytes).',
    th: 'ไฟล์มีขนาดใหญ่เกินกว่าที่กำหนด',
  },
  TOO_MANY_FILES: {
    status: 413,
    en: 'Too many files in one upload (see details.maxFiles).',
    th: 'แนบไฟล์ได้ไม่เกินจำนวนที่กำหนดต่อครั้ง',
  },
  CASE_ATTACHMENTS_FULL: {
    status: 413,
    en: 'This case already holds as many attached bytes as allowed (see details.maxCaseBytes).',
    th: 'เรื่องนี้มีไฟล์แนบรวมเต็มขนาดที่กำหนดแล้ว',
  },
  MULTIPART_REQUIRED: {
    status: 415,
    en: 'Send files as multipart/form-data, each in a part named "file".',
    th: 'กรุณาส่งไฟล์แบบ multipart/form-data ในช่องชื่อ file',
  },
  FILE_TYPE_NOT_ACCEPTED: {
    status: 415,
    en: 'Only photos (JPEG, PNG, WebP, HEIC) and PDF documents are accepted; the type is read from the file itself, not its name.',
    th: 'รับเฉพาะรูปภาพ (JPEG, PNG, WebP, HEIC) และเอกสาร PDF โดยตรวจจากเนื้อไฟล์ ไม่ใช่จากชื่อไฟล์',
  },
  IMAGE_NOT_DECODABLE: {
    status: 415,
    en: 'This image cannot be read (HEIC from iPhones is not supported by this server: send it as JPEG, or set Camera > Formats > Most Compatible).',
    th: 'ไม่สามารถอ่านรูปภาพนี้ได้ (ไม่รองรับไฟล์ HEIC จาก iPhone กรุณาส่งเป็น JPEG หรือตั้งค่ากล้องเป็น "เข้ากันได้มากที่สุด")',
  },
  PREVIEW_NOT_AVAILABLE: {
    status: 422,
    en: 'No preview can be made of this image: its picture data is damaged. Download the file itself.',
    th: 'ไม่สามารถสร้างภาพตัวอย่างของรูปนี้ได้ เนื่องจากข้อมูลภาพเสียหาย กรุณาดาวน์โหลดไฟล์',
  },
  PDF_NOT_ACCEPTED: {
    status: 415,
    en: 'This PDF cannot be read, or it is password-protected; send an unprotected PDF.',
    th: 'ไม่สามารถอ่านไฟล์ PDF นี้ได้ หรือไฟล์มีการตั้งรหัสผ่าน กรุณาส่งไฟล์ PDF ที่ไม่มีรหัสผ่าน',
  },
  NO_FILE: {
    status: 400,
    en: 'The upload holds no file.',
    th: 'ไม่พบไฟล์ที่แนบมา',
  },
  ATTACHMENT_NOT_FOUND: { status: 404, en: 'No such attachment.', th: 'ไม่พบไฟล์แนบ' },
  ATTACHMENTS_NOT_OPEN: {
    status: 409,
    en: 'Files can be added to this complaint only just after filing it or when the officer asks for information.',
    th: 'แนบไฟล์เพิ่มได้เฉพาะช่วงที่ยื่นเรื่องหรือเมื่อเจ้าหน้าที่ขอข้อมูลเพิ่มเติม',
  },
  UPLOAD_BUDGET_EXCEEDED: {
    status: 429,
    en: 'Too much uploaded from here in this hour; try again later.',
    th: 'มีการอัปโหลดไฟล์จากที่นี่มากเกินไปในชั่วโมงนี้ กรุณาลองใหม่ภายหลัง',
  },
  OPEN_DATA_BUSY: {
    status: 429,
    en: 'Too many open-data files are being downloaded right now; try again in a minute.',
    th: 'ขณะนี้มีการดาวน์โหลดไฟล์ข้อมูลเปิดพร้อมกันมากเกินไป กรุณาลองใหม่ในอีกหนึ่งนาที',
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
  INTEGRITY_REPORT_NOT_FOUND: { status: 404, en: 'Report not found.', th: 'ไม่พบเรื่องแจ้งเบาะแส' },
  INVALID_RECEIPT: {
    status: 401,
    en: 'This receipt does not match any report. Check the 16 digits and try again.',
    th: 'ไม่พบเรื่องที่ตรงกับรหัสรับเรื่องนี้ กรุณาตรวจสอบตัวเลข 16 หลักแล้วลองใหม่',
  },
  REPORTER_SESSION_INVALID: {
    status: 401,
    en: 'Your session has ended; enter your receipt again.',
    th: 'หมดเวลาการใช้งาน กรุณากรอกรหัสรับเรื่องอีกครั้ง',
  },
  RECEIPT_ATTEMPTS_LIMITED: {
    status: 429,
    en: 'This receipt does not match any report, and too many wrong receipts came from here; check the 16 digits and try again later.',
    th: 'ไม่พบเรื่องที่ตรงกับรหัสรับเรื่องนี้ และมีการกรอกรหัสผิดจากที่นี่หลายครั้งเกินไป กรุณาตรวจสอบตัวเลข 16 หลักแล้วลองใหม่ภายหลัง',
  },
  SUBMISSION_LIMIT_REACHED: {
    status: 429,
    en: 'Too many reports sent from here in the last hour; try again later.',
    th: 'มีการส่งเรื่องจากที่นี่มากเกินไปในหนึ่งชั่วโมง กรุณาลองใหม่ภายหลัง',
  },
  REPORT_CLOSED: {
    status: 409,
    en: 'This report is closed; no more messages can be added.',
    th: 'เรื่องนี้ปิดแล้ว ไม่สามารถเพิ่มข้อความได้',
  },
  TRANSITION_NOT_ALLOWED: {
    status: 409,
    en: 'This step is not allowed in the current status.',
    th: 'ไม่สามารถดำเนินการขั้นตอนนี้ได้ในสถานะปัจจุบัน',
  },
  NOT_AN_INTEGRITY_OFFICER: {
    status: 409,
    en: 'That user is not an active integrity officer of this organisation.',
    th: 'ผู้ใช้นี้ไม่ใช่เจ้าหน้าที่ผู้รับผิดชอบเรื่องทุจริตของหน่วยงาน',
  },
  LAST_OFFICER_WITH_ACCESS: {
    status: 409,
    en: 'At least one integrity officer must keep access; grant another officer first.',
    th: 'ต้องมีเจ้าหน้าที่อย่างน้อยหนึ่งคนที่เข้าถึงเรื่องนี้ได้ กรุณามอบสิทธิ์ให้เจ้าหน้าที่อื่นก่อน',
  },
  IDENTITY_NOT_PROVIDED: {
    status: 409,
    en: 'The reporter did not give their identity.',
    th: 'ผู้แจ้งไม่ได้ให้ข้อมูลตัวตนไว้',
  },
  IDENTITY_REQUEST_PENDING: {
    status: 409,
    en: 'You already have a request waiting for a decision.',
    th: 'มีคำขอที่รอการพิจารณาอยู่แล้ว',
  },
  IDENTITY_REQUEST_NOT_FOUND: { status: 404, en: 'Identity request not found.', th: 'ไม่พบคำขอเปิดเผยตัวตน' },
  IDENTITY_REQUEST_DECIDED: {
    status: 409,
    en: 'This request has already been decided.',
    th: 'คำขอนี้ได้รับการพิจารณาแล้ว',
  },
  IDENTITY_SELF_DECISION: {
    status: 403,
    en: 'You cannot decide on your own request.',
    th: 'ไม่สามารถพิจารณาคำขอของตนเองได้',
  },
  IDENTITY_ACCESS_NOT_GRANTED: {
    status: 403,
    en: 'Reading the identity needs your own approved, unexpired request.',
    th: 'การดูข้อมูลตัวตนต้องมีคำขอของท่านที่ได้รับอนุมัติและยังไม่หมดเวลา',
  },
  PASSWORD_SET_BY_OWNER_ONLY: {
    status: 403,
    en: 'Only the person can choose their password: send them a password link (POST /users/{id}/password-reset).',
    th: 'เจ้าของบัญชีเท่านั้นที่ตั้งรหัสผ่านได้ กรุณาส่งลิงก์ตั้งรหัสผ่านให้เจ้าของบัญชี',
  },
  ACCOUNT_LINK_INVALID: {
    status: 404,
    en: 'This link is not valid. Ask your administrator for a new one.',
    th: 'ลิงก์นี้ใช้ไม่ได้ กรุณาขอลิงก์ใหม่จากผู้ดูแลระบบ',
  },
  ACCOUNT_LINK_EXPIRED: {
    status: 410,
    en: 'This link has expired. Ask your administrator for a new one.',
    th: 'ลิงก์นี้หมดอายุแล้ว กรุณาขอลิงก์ใหม่จากผู้ดูแลระบบ',
  },
  ACCOUNT_LINK_USED: {
    status: 410,
    en: 'This link was already used. Sign in with the password you chose, or ask for a new link.',
    th: 'ลิงก์นี้ถูกใช้ไปแล้ว กรุณาเข้าสู่ระบบด้วยรหัสผ่านที่ตั้งไว้ หรือขอลิงก์ใหม่',
  },
  ROLE_REQUEST_NOT_FOUND: { status: 404, en: 'Role request not found.', th: 'ไม่พบคำขอมอบบทบาท' },
  ROLE_REQUEST_DECIDED: {
    status: 409,
    en: 'This role request has already been decided.',
    th: 'คำขอมอบบทบาทนี้ได้รับการพิจารณาแล้ว',
  },
  ROLE_SELF_APPROVAL: {
    status: 403,
    en: 'A second person must decide: not the one who asked, nor the one who would receive the role.',
    th: 'ต้องให้บุคคลที่สองเป็นผู้พิจารณา ผู้ขอหรือผู้ที่จะได้รับบทบาทพิจารณาเองไม่ได้',
  },
  ROLE_CONFLICT: {
    status: 409,
    en: 'One account cannot hold both the integrity officer and the custodian roles: releasing an identity needs two different people.',
    th: 'บัญชีเดียวจะมีทั้งบทบาทเจ้าหน้าที่รับเรื่องทุจริตและผู้ดูแลข้อมูลตัวตนไม่ได้ การเปิดเผยตัวตนต้องใช้บุคคลสองคน',
  },
  USER_INACTIVE: {
    status: 409,
    en: 'The account concerned is deactivated.',
    th: 'บัญชีผู้ใช้ที่เกี่ยวข้องถูกระงับแล้ว',
  },
  CUSTODIAN_WAITING_PERIOD: {
    status: 403,
    en: 'A new custodian cannot decide on identity requests yet (CUSTODIAN_WAITING_DAYS).',
    th: 'ผู้ดูแลข้อมูลตัวตนที่เพิ่งได้รับบทบาทยังพิจารณาคำขอเปิดเผยตัวตนไม่ได้จนกว่าจะครบระยะเวลาที่กำหนด',
  },
  RECUSAL_LIFT_NOT_ALLOWED: {
    status: 403,
    en: 'A recusal can be lifted only by an officer other than the recused one and the one who recused them.',
    th: 'การยกเลิกการถอนตัวต้องทำโดยเจ้าหน้าที่อื่นที่ไม่ใช่ผู้ถูกถอนตัวและผู้ที่สั่งให้ถอนตัว',
  },
  NO_INTEGRITY_OFFICER: {
    status: 409,
    en: 'This organisation has no integrity officer to receive reports yet; report to the NACC (ป.ป.ช.) or the PACC (ป.ป.ท.) instead.',
    th: 'หน่วยงานนี้ยังไม่มีเจ้าหน้าที่ผู้รับผิดชอบเรื่องทุจริต กรุณาแจ้งเบาะแสต่อ ป.ป.ช. หรือ ป.ป.ท. แทน',
  },
  INTEGRITY_KEY_LOCKED: {
    status: 403,
    en: 'Your encryption key is not unlocked in this session; sign in again with your password (and your recovery key if your password changed).',
    th: 'กุญแจเข้ารหัสของท่านยังไม่ถูกปลดล็อกในการเข้าสู่ระบบนี้ กรุณาเข้าสู่ระบบใหม่ด้วยรหัสผ่าน (และกุญแจกู้คืนหากเปลี่ยนรหัสผ่าน)',
  },
  INTEGRITY_REPORT_KEY_NOT_GRANTED: {
    status: 403,
    en: 'This report has not been shared with your key yet; ask an integrity officer who has access to grant it.',
    th: 'เรื่องนี้ยังไม่ได้แบ่งปันกุญแจให้ท่าน กรุณาขอให้เจ้าหน้าที่ที่เข้าถึงเรื่องนี้ได้มอบสิทธิ์ให้',
  },
  OFFICER_HAS_NO_KEY: {
    status: 409,
    en: 'That person has no encryption key yet; they must sign in once first.',
    th: 'ผู้ใช้นี้ยังไม่มีกุญแจเข้ารหัส ต้องเข้าสู่ระบบอย่างน้อยหนึ่งครั้งก่อน',
  },
  INVALID_RECOVERY_KEY: {
    status: 400,
    en: 'The recovery key does not open your encryption key.',
    th: 'กุญแจกู้คืนไม่ถูกต้อง',
  },
  IDENTITY_KEY_NOT_HELD: {
    status: 409,
    en: 'You hold no key for this identity; another custodian must decide.',
    th: 'ท่านไม่มีกุญแจของข้อมูลตัวตนนี้ ต้องให้ผู้เก็บรักษาข้อมูลท่านอื่นพิจารณา',
  },
  REPORT_KEY_PENDING: {
    status: 409,
    en: 'This report is being moved to the new encryption; try again after an officer has opened it.',
    th: 'เรื่องนี้อยู่ระหว่างเปลี่ยนการเข้ารหัส กรุณาลองใหม่หลังเจ้าหน้าที่เปิดดูเรื่องแล้ว',
  },
  SERVICE_UNAVAILABLE: {
    status: 503,
    en: 'The service is temporarily unavailable; try again shortly.',
    th: 'ระบบขัดข้องชั่วคราว กรุณาลองใหม่อีกครั้ง',
  },
  ANNUAL_REPORT_NOT_PUBLISHED: {
    status: 404,
    en: 'The annual report of this fiscal year is not published yet; the live figures are at the links in details.',
    th: 'ยังไม่ได้เผยแพร่รายงานสรุปผลประจำปีงบประมาณนี้ ดูสถิติล่าสุดได้จากลิงก์ในรายละเอียด',
  },
  ANNUAL_REPORT_NOT_FOUND: {
    status: 404,
    en: 'No annual report has been published for this fiscal year.',
    th: 'ยังไม่มีรายงานสรุปผลการดำเนินการเรื่องร้องเรียนของปีงบประมาณนี้',
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
  /** Thai wording of the same problem, for citizens */
  messageTh?: string;
}
