import { base32Decode, base32Encode, matchTotp, newTotpSecret, otpauthUri, totpCode, totpStep } from './totp';

// RFC 6238 appendix B: the SHA-1 seed is the ASCII string "12345678901234567890".
const RFC_SECRET = base32Encode(Buffer.from('12345678901234567890', 'ascii'));

describe('totp', () => {
  it.each([
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ])('should match the RFC 6238 test vector at T=%i', (seconds, expected) => {
    expect(totpCode(RFC_SECRET, totpStep(seconds * 1000), 8)).toBe(expected);
    expect(totpCode(RFC_SECRET, totpStep(seconds * 1000))).toBe(expected.slice(2));
  });

  it('should round-trip base32 and make 32-character secrets of 20 bytes', () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(secret)).toHaveLength(20);
    expect(base32Encode(base32Decode(secret))).toBe(secret);
    expect(base32Decode('gezdgnbvgy3q')).toEqual(Buffer.from('1234567'));
  });

  it('should accept one step of drift either way and nothing further', () => {
    const now = 1_700_000_000_000;
    const step = totpStep(now);
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, step), now)).toBe(step);
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, step - 1), now)).toBe(step - 1);
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, step + 1), now)).toBe(step + 1);
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, step - 2), now)).toBeNull();
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, step + 2), now)).toBeNull();
  });

  it('should refuse codes that are not six digits', () => {
    expect(matchTotp(RFC_SECRET, '12345')).toBeNull();
    expect(matchTotp(RFC_SECRET, '12345a')).toBeNull();
    expect(matchTotp(RFC_SECRET, '1234567')).toBeNull();
  });

  it('should build an otpauth URI with the issuer and parameters', () => {
    const uri = new URL(otpauthUri('JBSWY3DPEHPK3PXP', 'ada@uni.example', 'PeerPals'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/PeerPals:ada@uni.example');
    expect(Object.fromEntries(uri.searchParams)).toEqual({
      secret: 'JBSWY3DPEHPK3PXP',
      issuer: 'PeerPals',
      algorithm: 'SHA1',
      digits: '6',
      period: '30',
    });
  });
});
