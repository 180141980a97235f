import { HttpErrorResponse } from '@angular/common/http';

/** RFC 9457 problem details as the PeerPals API sends them. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  errors?: { field: string; message: string }[];
}

const GENERIC = 'Something went wrong. Please try again.';

const MESSAGES: Record<string, string> = {
  INVALID_CREDENTIALS: 'The email or password is not right.',
  ACCOUNT_INACTIVE: 'This account is not active. Please contact your programme coordinator.',
  RATE_LIMITED: 'Too many attempts. Please wait a minute and try again.',
};

/** Turns a failed request into a sentence that can be shown to the user as it is. */
export function problemMessage(error: unknown): string {
  if (!(error instanceof HttpErrorResponse)) return GENERIC;
  if (error.status === 0) return 'Cannot reach PeerPals. Check your connection.';

  const problem = readProblem(error.error);
  const code = problem?.code ?? (error.status === 429 ? 'RATE_LIMITED' : undefined);
  if (code && MESSAGES[code]) return MESSAGES[code];

  if (code === 'VALIDATION_FAILED') {
    const messages = (problem?.errors ?? []).map((e) => e.message).filter(isText);
    if (messages.length > 0) return messages.map(asSentence).join(' ');
  }

  const detail = problem?.detail;
  return isText(detail) ? asSentence(detail) : GENERIC;
}

function readProblem(body: unknown): Problem | null {
  if (typeof body === 'string') {
    try {
      return readProblem(JSON.parse(body));
    } catch {
      return null;
    }
  }
  return typeof body === 'object' && body !== null ? (body as Problem) : null;
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function asSentence(text: string): string {
  const trimmed = text.trim();
  const capitalised = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}
