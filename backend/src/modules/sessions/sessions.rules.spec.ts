import { refundsQuota, timeProblems } from './sessions.service';

describe('session rules', () => {
  const start = new Date('2026-12-10T10:00:00Z');
  const hoursBefore = (h: number) => new Date(start.getTime() - h * 3_600_000);

  describe(refundsQuota.name, () => {
    it('should always refund when the mentor cancels, even minutes before', () => {
      expect(refundsQuota(true, start, hoursBefore(0.1), 24)).toBe(true);
    });

    it('should refund a student exactly at the window edge and not a second later', () => {
      expect(refundsQuota(false, start, hoursBefore(24), 24)).toBe(true);
      expect(refundsQuota(false, start, new Date(hoursBefore(24).getTime() + 1000), 24)).toBe(false);
      expect(refundsQuota(false, start, hoursBefore(48), 24)).toBe(true);
    });

    it('should follow the configured window', () => {
      expect(refundsQuota(false, start, hoursBefore(3), 2)).toBe(true);
      expect(refundsQuota(false, start, hoursBefore(1), 2)).toBe(false);
      expect(refundsQuota(false, start, hoursBefore(0.01), 0)).toBe(true);
    });
  });

  describe(timeProblems.name, () => {
    const now = new Date('2026-12-01T00:00:00Z');
    const at = (iso: string) => new Date(iso);

    it('should accept 15 minutes to 4 hours in the future', () => {
      expect(timeProblems(at('2026-12-02T10:00:00Z'), at('2026-12-02T10:15:00Z'), now)).toEqual([]);
      expect(timeProblems(at('2026-12-02T10:00:00Z'), at('2026-12-02T14:00:00Z'), now)).toEqual([]);
    });

    it('should refuse too short, too long, backwards and past sessions', () => {
      expect(timeProblems(at('2026-12-02T10:00:00Z'), at('2026-12-02T10:14:59Z'), now).map((p) => p.field)).toEqual([
        'endsAt',
      ]);
      expect(timeProblems(at('2026-12-02T10:00:00Z'), at('2026-12-02T14:00:01Z'), now).map((p) => p.field)).toEqual([
        'endsAt',
      ]);
      expect(timeProblems(at('2026-12-02T10:00:00Z'), at('2026-12-02T09:00:00Z'), now).map((p) => p.field)).toEqual([
        'endsAt',
      ]);
      expect(timeProblems(at('2026-11-30T10:00:00Z'), at('2026-11-30T11:00:00Z'), now).map((p) => p.field)).toEqual([
        'startsAt',
      ]);
    });
  });
});
