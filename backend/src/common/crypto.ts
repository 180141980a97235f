import { createHash, randomBytes } from 'node:crypto';

/** 256 bits of randomness, URL-safe: invitation, refresh and feed tokens. */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Secret tokens are stored only as their SHA-256, so a database leak does not leak live tokens. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * A new row id: a UUID version 7 (RFC 9562), 48 bits of Unix milliseconds then 74 random bits.
 * Ids made later sort later, so new rows land at the end of the primary-key index instead of
 * splitting pages all over it (InnoDB clusters rows by primary key); they are as unguessable as a
 * version 4 UUID for anything that matters here, and reveal only when the row was created.
 */
export function newId(now = Date.now()): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
