import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { MentoringRequestDto } from '@app/core/api/models/mentoring-request-dto';
import type { SessionDto } from '@app/core/api/models/session-dto';
import { authInterceptor } from '@app/core/auth/auth.interceptor';
import { EVENT_SOURCE_FACTORY } from '@app/core/events/event-stream';
import { buttonNamed, textOf, visibleText } from '@app/testing/dom';
import { FakeEventSource } from '@app/testing/event-source';
import { Board } from './board';

const mentor = { id: 'm1', displayName: 'Dr. Amara Okafor' };
const student = { id: 's1', displayName: 'Aisha Rahman' };

const session = {
  id: 'x1',
  status: 'scheduled',
  startsAt: '2026-12-10T10:00:00.000Z',
  endsAt: '2026-12-10T11:00:00.000Z',
  mentor,
  student,
} as unknown as SessionDto;

const request = {
  id: 'r1',
  status: 'pending',
  createdAt: '2026-12-01T09:00:00.000Z',
  topic: 'Choosing a thesis topic',
  mentor,
  student,
} as unknown as MentoringRequestDto;

function headers(region: Element): string[] {
  return Array.from(region.querySelectorAll('th')).map((th) => th.textContent!.trim());
}

describe(Board.name, () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<Board>;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        {
          provide: EVENT_SOURCE_FACTORY,
          useValue: (url: string) => new FakeEventSource(url) as unknown as EventSource,
        },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(Board);
  });

  async function load(sessions: SessionDto[], requests: MentoringRequestDto[]): Promise<HTMLElement> {
    http
      .expectOne((r) => r.url === '/api/v1/sessions')
      .flush({ items: sessions, nextCursor: sessions.length ? 'c2' : null });
    http.expectOne((r) => r.url === '/api/v1/mentoring-requests').flush({ items: requests, nextCursor: null });
    await fixture.whenStable();
    return fixture.nativeElement;
  }

  afterEach(() => fixture.destroy());

  it('should show the sessions in a table with a details button each, and offer more', async () => {
    const element = await load([session], [request]);
    const region = await vi.waitFor(() => {
      const found = element.querySelector('[role=region][aria-label=Sessions]');
      expect(found).not.toBeNull();
      return found!;
    });
    expect(textOf(region, 'caption')).toBe('Sessions, most recently changed first');
    expect(headers(region)).toEqual(['Starts', 'Mentor', 'Student', 'Status', 'Details']);
    const cells = Array.from(region.querySelectorAll('tbody tr td')).map((td) => visibleText(td));
    expect(cells.slice(1, 4)).toEqual(['Dr. Amara Okafor', 'Aisha Rahman', 'Scheduled']);
    expect(textOf(region, '#open-x1')).toBe('Details of the session of Aisha Rahman with Dr. Amara Okafor');

    buttonNamed(element, 'Load more sessions').click();
    http.expectOne((r) => r.url === '/api/v1/sessions' && r.params.get('cursor') === 'c2');
  });

  it('should show the requests in their tab the same way, without more to load', async () => {
    const element = await load([session], [request]);
    Array.from(element.querySelectorAll<HTMLElement>('[role=tab]'))
      .find((tab) => tab.textContent?.includes('Requests'))!
      .click();
    const region = await vi.waitFor(() => {
      const found = element.querySelector('[role=region][aria-label=Requests]');
      expect(found).not.toBeNull();
      return found!;
    });
    expect(textOf(region, 'caption')).toBe('Mentoring requests, most recently changed first');
    expect(headers(region)).toEqual(['Sent', 'Student', 'Mentor', 'Topic', 'Status', 'Details']);
    expect(textOf(region, 'td.topic')).toBe('Choosing a thesis topic');
    expect(textOf(region, '#open-r1')).toBe('Details of the request from Aisha Rahman to Dr. Amara Okafor');
    expect(element.querySelector('button.more')).toBeNull();
  });

  it('should say when no sessions match', async () => {
    const element = await load([], [request]);
    await vi.waitFor(() => expect(textOf(element, '.empty')).toBe('No sessions match these filters.'));
  });
});
