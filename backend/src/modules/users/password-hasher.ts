import { Algorithm, hash, verify } from '@node-rs/argon2';
import { Injectable } from '@nestjs/common';

/** OWASP's minimum for argon2id (19 MiB, 2 passes, 1 lane); hashing runs on the libuv pool. */
const OPTIONS = { algorithm: Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

@Injectable()
export class PasswordHasher {
  /** Verified against when the account does not exist, so both paths cost the same. */
  private dummyHash?: Promise<string>;

  hash(password: string): Promise<string> {
    return hash(password, OPTIONS);
  }

  async verify(hashed: string | null | undefined, password: string): Promise<boolean> {
    if (!hashed) {
      this.dummyHash ??= hash('peerpals-dummy-password-for-timing', OPTIONS);
      await verify(await this.dummyHash, password).catch(() => false);
      return false;
    }
    return verify(hashed, password).catch(() => false);
  }
}
