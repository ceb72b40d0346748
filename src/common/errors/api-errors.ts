import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';
import { ERRORS } from './error-codes';

/** The one error body of every route, as the OpenAPI document shows it (component `ErrorBody`). */
export class ErrorBody {
  @ApiProperty({ example: 400 }) statusCode!: number;
  @ApiProperty({
    enum: Object.keys(ERRORS),
    description: 'Stable machine-readable code; clients branch on it (the wording may change)',
  })
  code!: string;
  @ApiProperty({ description: 'English message' }) message!: string;
  @ApiProperty({ description: 'ข้อความภาษาไทย' }) messageTh!: string;
  @ApiPropertyOptional({
    oneOf: [
      { type: 'array', items: {} },
      { type: 'object', additionalProperties: true },
    ],
    description:
      'More about the error: for VALIDATION_FAILED a list of { field, rule, message, messageTh? }; ' +
      'for TRANSITION_NOT_ALLOWED the current status (and, for complaints, its label and updatedAt) and ' +
      'the allowed actions',
  })
  details?: unknown;
  @ApiProperty({ description: 'The request id, also in the X-Request-Id header' }) requestId!: string;
}

/** What each error status means in the document (Thai first, as on the screens). */
export const ERROR_STATUS_TEXT: Record<number, string> = {
  400: 'ข้อมูลไม่ถูกต้อง / invalid request (VALIDATION_FAILED lists each field in details)',
  401: 'ต้องเข้าสู่ระบบ / not signed in, or the session or token is no longer valid',
  403: 'ไม่มีสิทธิ์ / the signed-in officer may not do this',
  404: 'ไม่พบ / not found (or not visible to the caller)',
  405: 'วิธีเรียกไม่รองรับ / method not allowed (see Allow)',
  409: 'ขัดแย้งกับสถานะหรือข้อมูลที่มีอยู่ / conflicts with the current state or existing data',
  410: 'หมดอายุหรือใช้ไปแล้ว / gone: the link expired or was already used',
  413: 'ข้อมูลใหญ่เกินไป / request body or file too large',
  415: 'ชนิดข้อมูลไม่รองรับ / send application/json (uploads: multipart/form-data with JPEG, PNG, WebP, HEIC or PDF files)',
  422:
    'ดำเนินการกับข้อมูลนี้ไม่ได้ / well-formed but unusable: the Idempotency-Key was used with another body, ' +
    'or a duplicate names itself or another duplicate',
  429: 'เรียกถี่เกินไป / too many requests; wait for Retry-After seconds',
  500: 'ข้อผิดพลาดของระบบ / unexpected error',
  503: 'ระบบขัดข้องชั่วคราว / PostgreSQL or Redis unavailable; retry after Retry-After seconds',
};

/**
 * Error statuses a route can answer beyond those the OpenAPI document infers from the route itself
 * (see openapi-contract.ts: 400 for input, 401/403 for sign-in and roles, 404 for path parameters,
 * 413/415 for bodies, 429, 503). Each is documented with the ErrorBody component.
 */
export const ApiErrors = (...statuses: number[]) =>
  applyDecorators(
    ...statuses.map((status) => ApiResponse({ status, description: ERROR_STATUS_TEXT[status] })),
  );
