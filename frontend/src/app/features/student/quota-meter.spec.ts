import type { QuotaDto } from '@app/core/api/models/quota-dto';
import { quotaSentence } from './quota-meter';

describe('quotaSentence', () => {
  const november: QuotaDto = {
    month: '2026-11',
    limit: 4,
    used: 2,
    remaining: 2,
    resetsAt: '2026-12-01T00:00:00.000Z',
  };

  it('should say how many sessions are left this month and when the allowance resets', () => {
    expect(quotaSentence(november, 'Europe/London')).toBe('2 of 4 sessions left in November — resets 1 December');
  });

  it('should say plainly when none are left', () => {
    expect(quotaSentence({ ...november, used: 4, remaining: 0 }, 'Europe/London')).toBe(
      'No sessions left in November — resets 1 December',
    );
  });

  it('should give the reset in the student’s own zone, with the time when it is not midnight there', () => {
    // Midnight in London on 1 December is 19:00 on 30 November in New York.
    expect(quotaSentence(november, 'America/New_York')).toBe(
      '2 of 4 sessions left in November — resets 30 November, 19:00',
    );
  });

  it('should read well for a single session', () => {
    expect(quotaSentence({ ...november, limit: 1, used: 0, remaining: 1 }, 'Europe/London')).toBe(
      '1 of 1 session left in November — resets 1 December',
    );
  });
});
