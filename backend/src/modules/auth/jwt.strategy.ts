import { createSecretKey } from 'node:crypto';
import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { AuthUser } from '../../common/auth/auth-user';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env';
import { UsersService } from '../users/users.service';
import {
  ACCESS_TOKEN_TTL_SECONDS,
  ACCESS_TOKEN_TYPE,
  AccessTokenPayload,
  JWT_AUDIENCE,
  JWT_ISSUER,
} from './auth.constants';

/**
 * Verifies access tokens: HS256 only, our issuer and audience, `typ` access, an expiry no further
 * away than a fresh token's, and — read from the database on every request — the account still
 * active with the same role and token version, so revocation takes effect at once.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly users: UsersService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A key object, not the string: jsonwebtoken otherwise tries (and fails) to parse the secret as
      // a public key on every request before making a secret key of it. (passport-jwt's types predate
      // key objects; it hands the value to jsonwebtoken unchanged.)
      secretOrKey: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')) as unknown as Buffer,
      algorithms: ['HS256'],
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
      ignoreExpiration: false,
      jsonWebTokenOptions: { maxAge: `${ACCESS_TOKEN_TTL_SECONDS + 60}s` },
    });
  }

  async validate(payload: AccessTokenPayload): Promise<AuthUser> {
    if (
      payload.typ !== ACCESS_TOKEN_TYPE ||
      typeof payload.sub !== 'string' ||
      typeof payload.tv !== 'number' ||
      typeof payload.exp !== 'number' ||
      typeof payload.iat !== 'number' ||
      payload.exp - payload.iat > ACCESS_TOKEN_TTL_SECONDS
    ) {
      throw new UnauthorizedException();
    }
    const user = await this.users.authState(payload.sub);
    if (!user || !user.active || user.tokenVersion !== payload.tv || user.role !== payload.role)
      throw new UnauthorizedException();
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      role: user.role,
      timeZone: user.timeZone,
      tokenVersion: user.tokenVersion,
    };
  }
}
