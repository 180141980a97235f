import { createHash, randomBytes, randomUUID } from 'node:crypto';

/** 256 bits of randomness, URL-safe: invitation, refresh and feed tokens. */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Secret tokens are stored only as their SHA-256, so a database leak does not leak live tokens. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export const newId = (): string => randomUUID();
