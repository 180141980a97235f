import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { ImportResultDto } from '@app/core/api/models/import-result-dto';
import { fieldLabelled, textOf, visibleText } from '@app/testing/dom';
import { ImportReport } from './import-report';

describe(ImportReport.name, () => {
  let fixture: ComponentFixture<ImportReport>;
  let element: HTMLElement;

  async function render(report: ImportResultDto): Promise<void> {
    fixture = TestBed.createComponent(ImportReport);
    fixture.componentRef.setInput('report', report);
    element = fixture.nativeElement;
    await fixture.whenStable();
  }

  function rows(): string[][] {
    return Array.from(element.querySelectorAll('tbody tr')).map((row) =>
      Array.from(row.querySelectorAll('td')).map((cell) => visibleText(cell)),
    );
  }

  it('should list every line with its result, the invitation link of created rows and the reason of failed ones', async () => {
    await render({
      created: 1,
      failed: 2,
      rows: [
        {
          line: 2,
          email: 'ada@uni.example',
          status: 'created',
          userId: 'u-ada',
          invitationUrl: 'http://127.0.0.1:3100/invitation?token=ada',
        },
        { line: 3, email: 'not-an-email', status: 'error', reason: 'email is not a valid email address' },
        { line: 4, email: null, status: 'error', reason: 'expected 4 columns, found 5' },
      ],
    });

    expect(textOf(element, '[role=status]')).toBe(
      '1 person created; 2 lines were not imported. Fix those lines and import just them again.',
    );
    expect(Array.from(element.querySelectorAll('thead th')).map((th) => th.textContent?.trim())).toEqual([
      'Line',
      'Email',
      'Result',
      'Invitation link or reason',
    ]);
    const [created, badEmail, tooManyColumns] = rows();
    expect(created.slice(0, 3)).toEqual(['2', 'ada@uni.example', 'Created']);
    expect(fieldLabelled(element.querySelector('tbody tr')!, 'Invitation link').value).toBe(
      'http://127.0.0.1:3100/invitation?token=ada',
    );
    expect(created[3]).toContain('Copy link');
    expect(badEmail).toEqual(['3', 'not-an-email', 'Not imported', 'email is not a valid email address']);
    expect(tooManyColumns).toEqual(['4', '—', 'Not imported', 'expected 4 columns, found 5']);
  });

  it('should say when everything was created', async () => {
    await render({
      created: 2,
      failed: 0,
      rows: [
        { line: 2, email: 'a@uni.example', status: 'created', invitationUrl: 'http://x/invitation?token=a' },
        { line: 3, email: 'b@uni.example', status: 'created', invitationUrl: 'http://x/invitation?token=b' },
      ],
    });

    expect(textOf(element, '[role=status]')).toBe('All done: 2 people created.');
    expect(element.querySelectorAll('pp-invitation-link')).toHaveLength(2);
  });

  it('should say when nothing was imported', async () => {
    await render({
      created: 0,
      failed: 1,
      rows: [{ line: 2, email: 'a@uni.example', status: 'error', reason: 'an account with this email already exists' }],
    });

    expect(textOf(element, '[role=status]')).toBe(
      'Nobody was imported: 1 line has a problem. Fix the file and import it again.',
    );
    expect(element.querySelector('pp-invitation-link')).toBeNull();
  });
});
