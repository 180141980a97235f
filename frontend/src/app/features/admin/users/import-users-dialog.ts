import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatDialogActions, MatDialogClose, MatDialogContent, MatDialogTitle } from '@angular/material/dialog';
import { Api } from '@app/core/api/api';
import { adminUsersImport$FormData } from '@app/core/api/fn/admin/admin-users-import-form-data';
import type { ImportResultDto } from '@app/core/api/models/import-result-dto';
import { problemMessage } from '@app/core/errors/problem';
import { ImportReport } from './import-report';

const MAX_FILE_BYTES = 5 * 1024 * 1024;

@Component({
  selector: 'pp-import-users-dialog',
  imports: [MatDialogTitle, MatDialogContent, MatDialogActions, MatDialogClose, MatButton, ImportReport],
  templateUrl: './import-users-dialog.html',
  styleUrl: './import-users-dialog.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ImportUsersDialog {
  private readonly api = inject(Api);

  protected readonly file = signal<File | null>(null);
  protected readonly uploading = signal(false);
  protected readonly error = signal('');
  protected readonly report = signal<ImportResultDto | null>(null);
  protected readonly fileSize = computed(() => {
    const bytes = this.file()?.size ?? 0;
    return bytes < 1024 ? `${bytes} bytes` : `${Math.ceil(bytes / 1024)} kB`;
  });

  protected chooseFile(event: Event): void {
    const input = event.target as HTMLInputElement;
    this.file.set(input.files?.[0] ?? null);
    this.error.set('');
  }

  protected async importFile(): Promise<void> {
    const file = this.file();
    if (!file) {
      this.error.set('Choose a CSV file first.');
      return;
    }
    if (file.size > MAX_FILE_BYTES) {
      this.error.set('The file is larger than 5 MB. Split it into smaller files.');
      return;
    }
    this.uploading.set(true);
    this.error.set('');
    try {
      // The document types the multipart body as a bare binary; the server reads one file part,
      // which is what an object with a `file` member becomes (see RequestBuilder.body).
      const body = { file } as unknown as Blob;
      this.report.set(await this.api.invoke(adminUsersImport$FormData, { body }));
    } catch (error) {
      this.error.set(problemMessage(error));
    } finally {
      this.uploading.set(false);
    }
  }

  protected importAnother(): void {
    this.report.set(null);
    this.file.set(null);
  }
}
