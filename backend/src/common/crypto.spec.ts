import { isUUID } from 'class-validator';
import { newId } from './crypto';

describe('newId', () => {
  it('makes version 7 UUIDs that carry their creation time', () => {
    const at = Date.UTC(2026, 10, 27, 12, 0, 0, 123);
    const id = newId(at);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(isUUID(id)).toBe(true);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at);
  });

  it('sorts ids made later after ids made earlier, and never repeats one', () => {
    const earlier = Array.from({ length: 1000 }, () => newId(1_800_000_000_000));
    const later = Array.from({ length: 1000 }, () => newId(1_800_000_000_001));
    expect(new Set([...earlier, ...later]).size).toBe(2000);
    const lastEarlier = [...earlier].sort().at(-1)!;
    const firstLater = [...later].sort()[0]!;
    expect(lastEarlier < firstLater).toBe(true);
  });
});
