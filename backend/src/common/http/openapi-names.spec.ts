import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Swagger keys schemas by class name: two DTO classes with one name would silently merge. */
describe('OpenAPI schema names', () => {
  it('should give every exported DTO class a unique name', () => {
    const root = join(__dirname, '..', '..');
    const files = readdirSync(root, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'));
    const seen = new Map<string, string>();
    const duplicates: string[] = [];
    for (const file of files) {
      for (const [, name] of readFileSync(join(root, file), 'utf8').matchAll(/export class (\w+Dto)\b/g)) {
        if (seen.has(name)) duplicates.push(`${name} in ${seen.get(name)} and ${file}`);
        seen.set(name, file);
      }
    }
    expect(seen.size).toBeGreaterThan(20);
    expect(duplicates).toEqual([]);
  });
});
