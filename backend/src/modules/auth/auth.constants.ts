export const JWT_ISSUER = 'peerpals';
export const JWT_AUDIENCE = 'peerpals-api';
/** `typ` claim of access tokens; refresh tokens are opaque and never JWTs, so neither works as the other. */
export const ACCESS_TOKEN_TYPE = 'access';
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
export const REFRESH_TOKEN_TTL_DAYS = 14;
export const REFRESH_COOKIE_PATH = '/api/v1/auth';

export interface AccessTokenPayload {
  sub: string;
  role: string;
  /** The user's token version: bumped on deactivation, role or password change. */
  tv: number;
  typ: string;
  iat?: number;
  exp?: number;
  nbf?: number;
  iss?: string;
  aud?: string | string[];
}
