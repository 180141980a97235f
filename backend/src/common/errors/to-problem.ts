import { HttpException, HttpStatus } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { POOL_ACQUIRE_TIMEOUT } from '../../database/bounded-mysql-driver';
import { DomainError } from './domain-error';
import { defaultCodeFor, Problem, problem } from './problem';

export interface ProblemResult {
  problem: Problem;
  headers: Record<string, string>;
  /** Unexpected errors are logged with their stack; the client only sees a generic message. */
  unexpected: boolean;
}

/** Fastify's own errors (body parsing, limits) carry a statusCode and an FST_* code. */
interface FrameworkError {
  statusCode?: number;
  code?: string;
  message?: string;
}

const FASTIFY_CODES: Record<string, { code: string; detail: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE', detail: 'The request body is too large.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'UNSUPPORTED_MEDIA_TYPE', detail: 'This content type is not accepted here.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'MALFORMED_BODY', detail: 'The JSON body is empty.' },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'MALFORMED_BODY', detail: 'The body is not valid JSON.' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: 'MALFORMED_BODY',
    detail: 'The Content-Length header does not match the body.',
  },
  FST_ERR_CTP_INVALID_TYPE: { code: 'UNSUPPORTED_MEDIA_TYPE', detail: 'The Content-Type header is invalid.' },
  // @fastify/multipart
  FST_REQ_FILE_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE', detail: 'The uploaded file is too large.' },
  FST_FILES_LIMIT: { code: 'PAYLOAD_TOO_LARGE', detail: 'The form carries more files than this address accepts.' },
  FST_FIELDS_LIMIT: { code: 'PAYLOAD_TOO_LARGE', detail: 'The form carries more fields than this address accepts.' },
  FST_PARTS_LIMIT: { code: 'PAYLOAD_TOO_LARGE', detail: 'The form carries more parts than this address accepts.' },
  FST_ERR_BAD_URL: { code: 'MALFORMED_URL', detail: 'The address is not a valid URL.' },
  FST_ERR_MAX_PARAM_LENGTH: { code: 'URI_TOO_LONG', detail: 'A part of the address is too long.' },
};

export function toProblem(error: unknown): ProblemResult {
  if (error instanceof DomainError) {
    return {
      problem: problem(error.status, error.code, error.message, error.extras),
      headers: error.headers,
      unexpected: false,
    };
  }

  if (error instanceof ThrottlerException) {
    return {
      problem: problem(
        HttpStatus.TOO_MANY_REQUESTS,
        'RATE_LIMITED',
        'Too many requests. Please wait a moment and try again.',
      ),
      headers: {},
      unexpected: false,
    };
  }

  if (error instanceof HttpException && isFrameworkError(error.cause)) {
    return toProblem(error.cause);
  }

  if (error instanceof HttpException) {
    const status = error.getStatus();
    const body = error.getResponse();
    const extras: Record<string, unknown> = {};
    let detail = error.message;
    if (typeof body === 'object' && body !== null) {
      const record = body as Record<string, unknown>;
      // @nestjs/terminus reports the state of every check; keep it for operators.
      if (record['status'] === 'error' && record['details']) {
        extras['checks'] = record['details'];
        detail = 'A dependency of the service is not available.';
      } else if (typeof record['message'] === 'string') {
        detail = record['message'];
      } else if (Array.isArray(record['message'])) {
        detail = record['message'].join('; ');
      }
    }
    if (status === HttpStatus.NOT_FOUND && /^Cannot (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) /.test(detail)) {
      detail = 'There is nothing at this address.';
    }
    const code =
      typeof (body as Record<string, unknown>)?.['code'] === 'string'
        ? String((body as Record<string, unknown>)['code'])
        : defaultCodeFor(status);
    return {
      problem: problem(status, code, status >= 500 ? 'The service could not complete the request.' : detail, extras),
      headers: {},
      unexpected: status >= 500 && !extras['checks'],
    };
  }

  if (isDatabaseUnavailable(error)) {
    return {
      problem: problem(
        HttpStatus.SERVICE_UNAVAILABLE,
        'DATABASE_UNAVAILABLE',
        'The service is briefly unavailable. Please try again in a moment.',
      ),
      headers: { 'Retry-After': '5' },
      unexpected: false,
    };
  }

  if (isFrameworkError(error)) {
    const framework = error;
    const known = framework.code ? FASTIFY_CODES[framework.code] : undefined;
    if (known) {
      return { problem: problem(framework.statusCode, known.code, known.detail), headers: {}, unexpected: false };
    }
    if (error instanceof SyntaxError) {
      return {
        problem: problem(HttpStatus.BAD_REQUEST, 'MALFORMED_BODY', 'The body is not valid JSON.'),
        headers: {},
        unexpected: false,
      };
    }
    return {
      problem: problem(
        framework.statusCode,
        defaultCodeFor(framework.statusCode),
        'The request could not be processed.',
      ),
      headers: {},
      unexpected: false,
    };
  }

  return {
    problem: problem(
      HttpStatus.INTERNAL_SERVER_ERROR,
      'INTERNAL_ERROR',
      'Something went wrong on our side. Please try again.',
    ),
    headers: {},
    unexpected: true,
  };
}

function isFrameworkError(error: unknown): error is FrameworkError & { statusCode: number } {
  const statusCode = (error as FrameworkError | undefined)?.statusCode;
  return typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500 && !(error instanceof HttpException);
}

const DATABASE_DOWN_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR',
  POOL_ACQUIRE_TIMEOUT,
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'ER_LOCK_WAIT_TIMEOUT',
  'ER_LOCK_DEADLOCK',
  'SQLITE_BUSY',
  'SQLITE_IOERR',
]);

/** The database is down or unreachable: a 503 the client can retry, not a 500. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string }; name?: string; message?: string } | undefined;
  if (!e || typeof e !== 'object') return false;
  const code = e.driverError?.code ?? e.code;
  if (code && DATABASE_DOWN_CODES.has(code)) return true;
  return (
    e.name === 'ConnectionIsNotSetError' ||
    /Pool is closed|Connection lost|connection is in closed state|Can't add new command when connection is in closed state/i.test(
      e.message ?? '',
    )
  );
}
