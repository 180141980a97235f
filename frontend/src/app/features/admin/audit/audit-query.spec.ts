import { auditQuery, detailLines, NO_AUDIT_FILTERS } from './audit-query';

describe('auditQuery', () => {
  it('should ask for the first page with no filters', () => {
    expect(auditQuery(NO_AUDIT_FILTERS)).toEqual({ limit: 25 });
  });

  it('should send every filter given, trimmed, with days as the instants they start and end', () => {
    const query = auditQuery(
      { actorId: 'a1', action: ' settings.updated ', targetId: ' t-9 ', from: '2026-11-01', to: '2026-11-30' },
      'cursor-2',
    );
    expect(query).toEqual({
      actorId: 'a1',
      action: 'settings.updated',
      targetId: 't-9',
      from: new Date(2026, 10, 1).toISOString(),
      to: new Date(2026, 11, 1).toISOString(),
      limit: 25,
      cursor: 'cursor-2',
    });
  });

  it('should leave out blank filters', () => {
    expect(auditQuery({ ...NO_AUDIT_FILTERS, action: '   ', from: 'not a day' })).toEqual({ limit: 25 });
  });
});

describe('detailLines', () => {
  it('should describe changes in words', () => {
    expect(detailLines({ monthlySessionQuota: { from: 4, to: 5 }, active: false, tags: ['a', 'b'] })).toEqual([
      { label: 'Monthly session quota', value: 'from 4 to 5' },
      { label: 'Active', value: 'no' },
      { label: 'Tags', value: 'a, b' },
    ]);
    expect(detailLines(null)).toEqual([]);
  });
});
