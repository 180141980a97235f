import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { provideRouter } from '@angular/router';
import { authInterceptor } from '@app/core/auth/auth.interceptor';
import { buttonNamed, fieldLabelled, textOf } from '@app/testing/dom';
import { ImportUsersDialog } from './import-users-dialog';

@Component({ template: '' })
class Host {}

describe(ImportUsersDialog.name, () => {
  let http: HttpTestingController;
  let host: ComponentFixture<Host>;
  let dialog: HTMLElement;

  function chooseFile(file: File): void {
    const input = fieldLabelled(dialog, 'CSV file');
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    input.dispatchEvent(new Event('change'));
  }

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    host = TestBed.createComponent(Host);
    TestBed.inject(MatDialog).open(ImportUsersDialog);
    await vi.waitFor(() => expect(document.querySelector('pp-import-users-dialog #csv-file')).not.toBeNull());
    dialog = document.querySelector('pp-import-users-dialog')!;
  });

  afterEach(() => {
    TestBed.inject(MatDialog).closeAll();
    http.verify();
  });

  it('should upload the chosen file as a multipart form and show the report', async () => {
    const csv = new File(['email,displayName,role\nada@uni.example,Ada,student\n'], 'people.csv', { type: 'text/csv' });
    chooseFile(csv);
    await host.whenStable();
    expect(textOf(dialog, '#csv-file-chosen')).toBe('Chosen: people.csv (51 bytes)');

    buttonNamed(dialog, 'Import').click();
    await host.whenStable();

    const request = http.expectOne({ method: 'POST', url: '/api/v1/admin/users/import' });
    const body = request.request.body as FormData;
    expect(body).toBeInstanceOf(FormData);
    expect((body.get('file') as File).name).toBe('people.csv');
    request.flush({
      created: 1,
      failed: 0,
      rows: [{ line: 2, email: 'ada@uni.example', status: 'created', invitationUrl: 'http://x/invitation?token=a' }],
    });

    await vi.waitFor(() => expect(dialog.querySelector('pp-import-report')).not.toBeNull());
    expect(textOf(dialog, 'pp-import-report [role=status]')).toBe('All done: 1 person created.');
  });

  it('should show why the server refused the whole file', async () => {
    chooseFile(new File(['name,email\n'], 'wrong.csv', { type: 'text/csv' }));
    buttonNamed(dialog, 'Import').click();
    await host.whenStable();

    http.expectOne({ method: 'POST', url: '/api/v1/admin/users/import' }).flush(
      {
        status: 400,
        code: 'VALIDATION_FAILED',
        errors: [{ field: 'file', message: 'The first line must be the header: email,displayName,role[,mentorEmail]' }],
      },
      { status: 400, statusText: 'Bad Request', headers: { 'content-type': 'application/problem+json' } },
    );

    await vi.waitFor(() =>
      expect(textOf(dialog, '[role=alert]')).toBe(
        'The first line must be the header: email,displayName,role[,mentorEmail].',
      ),
    );
    expect(dialog.querySelector('pp-import-report')).toBeNull();
  });

  it('should ask for a file before uploading', async () => {
    buttonNamed(dialog, 'Import').click();
    await host.whenStable();

    expect(textOf(dialog, '[role=alert]')).toBe('Choose a CSV file first.');
    http.expectNone({ method: 'POST', url: '/api/v1/admin/users/import' });
  });
});
