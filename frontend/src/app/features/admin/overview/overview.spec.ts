import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { OverviewDto } from '@app/core/api/models/overview-dto';
import { authInterceptor } from '@app/core/auth/auth.interceptor';
import { visibleText } from '@app/testing/dom';
import { countText, hoursText } from './figures';
import { Overview } from './overview';

const week = (weekStart: string, scheduled = 0) => ({ weekStart, scheduled, completed: 0, cancelled: 0, noShow: 0 });

function anOverview(overrides: Partial<OverviewDto> = {}): OverviewDto {
  return {
    generatedAt: '2026-11-27T12:00:00.000Z',
    pendingRequests: 3,
    pendingOver72h: 1,
    overdueRequests: [],
    sessionsThisWeek: week('2026-11-23T00:00:00.000Z', 4),
    sessionsPerWeek: [week('2026-11-16T00:00:00.000Z', 2), week('2026-11-23T00:00:00.000Z', 4)],
    quotaMonth: '2026-11',
    quotaUsage: [
      { used: 0, students: { value: 12, suppressed: false } },
      { used: 1, students: { value: null, suppressed: true } },
      { used: 2, students: { value: 0, suppressed: false } },
    ],
    answerTime: { answered: 3, meanHours: null, p90Hours: null },
    inactiveMentors: [],
    studentsWithoutSession: [],
    ...overrides,
  };
}

describe('suppressed figures', () => {
  it('should say "withheld" for a withheld count, and never a number', () => {
    expect(countText({ value: null, suppressed: true })).toBe('withheld');
    expect(countText({ value: 3, suppressed: true })).toBe('withheld');
    expect(countText({ value: 0, suppressed: false })).toBe('0');
    expect(countText({ value: 12, suppressed: false })).toBe('12');
  });

  it('should show a dash for a withheld answer time', () => {
    expect(hoursText(null)).toBe('—');
    expect(hoursText(5.5)).toBe('5.5 h');
  });
});

describe(Overview.name, () => {
  it('should render suppressed buckets and answer times without guessing', async () => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(Overview);
    const element: HTMLElement = fixture.nativeElement;
    await fixture.whenStable();
    http.expectOne('/api/v1/admin/overview').flush(anOverview());
    await vi.waitFor(() => expect(element.querySelector('pp-loading')).toBeNull());
    await fixture.whenStable();

    const rows = Array.from(element.querySelectorAll('section[aria-labelledby="quota-heading"] tbody tr')).map((r) =>
      visibleText(r),
    );
    expect(rows).toEqual(['0 12', '1 withheld', '2 or more 0']);
    expect(element.textContent).toContain('not shown: fewer than 5 answers');
    expect(element.querySelector('section[aria-labelledby="answer-heading"] table')).toBeNull();
    http.verify();
  });
});
