import { generateSecret, generateSync, ScureBase32Plugin, verifySync } from 'otplib';

/** RFC 6238 with the parameters every authenticator app understands: SHA-1, 6 digits, 30 s. */
export const TOTP_STEP_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps accepted either side of now, for clock drift between phone and server. */
export const TOTP_DRIFT_STEPS = 1;
const SECRET_BYTES = 20;
const base32 = new ScureBase32Plugin();

export function base32Encode(bytes: Uint8Array): string {
  return base32.encode(bytes);
}

export function base32Decode(text: string): Buffer {
  return Buffer.from(base32.decode(text));
}

/** A new shared secret: 160 random bits (RFC 4226's recommended length), base32 without padding. */
export function newTotpSecret(): string {
  return generateSecret({ length: SECRET_BYTES });
}

export function totpStep(at: Date | number = Date.now()): number {
  const ms = typeof at === 'number' ? at : at.getTime();
  return Math.floor(ms / 1000 / TOTP_STEP_SECONDS);
}

/** The code of one time step, as a zero-padded decimal string. */
export function totpCode(secret: string, step: number, digits = TOTP_DIGITS): string {
  return generateSync({ secret, epoch: step * TOTP_STEP_SECONDS, period: TOTP_STEP_SECONDS, digits });
}

/**
 * The time step whose code matches, looking one step either side of now, or null. The caller
 * stores the step and refuses it (and every earlier one) next time, so a code works only once.
 */
export function matchTotp(secret: string, code: string, now: Date | number = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const result = verifySync({
    secret,
    token: code,
    epoch: Math.floor((typeof now === 'number' ? now : now.getTime()) / 1000),
    period: TOTP_STEP_SECONDS,
    digits: TOTP_DIGITS,
    epochTolerance: TOTP_DRIFT_STEPS * TOTP_STEP_SECONDS,
  });
  // The result type also covers HOTP, which has no time step.
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

/**
 * The Key URI Format authenticator apps read from the QR code. Built here rather than with otplib's
 * generateURI, which leaves out the default algorithm, digits and period that some apps still want.
 */
export function otpauthUri(secret: string, account: string, issuer: string): string {
  const label = encodeURIComponent(`${issuer}:${account}`);
  const params = new URLSearchParams({
    secret,
    issuer,
    algorithm: 'SHA1',
    digits: String(TOTP_DIGITS),
    period: String(TOTP_STEP_SECONDS),
  });
  return `otpauth://totp/${label}?${params.toString()}`;
}
