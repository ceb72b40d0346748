import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { DomainError } from '../../common/errors/domain-error';
import { mapError } from '../../common/errors/error-body';
import { ErrorCode } from '../../common/errors/error-codes';

/** Node's parser errors (before any route or hook runs) mapped to our codes. */
const PARSER_CODES: Record<string, ErrorCode> = {
  HPE_HEADER_OVERFLOW: 'HEADERS_TOO_LARGE',
  ERR_HTTP_REQUEST_TIMEOUT: 'REQUEST_TIMEOUT',
};

/**
 * Fastify's `clientErrorHandler`: a request Node's HTTP parser refuses (a 100 KB query string, a
 * malformed request line, a request that never finishes arriving) gets the one error body of every
 * route rather than Fastify's own, so that clients can branch on `code` here too. The connection is
 * closed afterwards, as Node does, since the parser cannot go on reading it.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const code: ErrorCode = PARSER_CODES[error.code ?? ''] ?? 'BAD_REQUEST';
  const mapped = mapError(new DomainError(code)).body;
  const status = mapped.statusCode;
  const body = JSON.stringify({ ...mapped, requestId: randomUUID() });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
