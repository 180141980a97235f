import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { ImportResultDto } from '@app/core/api/models/import-result-dto';
import { InvitationLink } from './invitation-link';

/** The per-line outcome of a CSV import. */
@Component({
  selector: 'pp-import-report',
  imports: [InvitationLink],
  templateUrl: './import-report.html',
  styleUrl: './import-report.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ImportReport {
  readonly report = input.required<ImportResultDto>();

  protected readonly summary = computed(() => {
    const { created, failed } = this.report();
    const people = (n: number) => (n === 1 ? '1 person' : `${n} people`);
    if (created === 0 && failed === 0) return 'The file has no lines after the header; nobody was imported.';
    if (failed === 0) return `All done: ${people(created)} created.`;
    if (created === 0)
      return `Nobody was imported: ${failed === 1 ? '1 line has' : `${failed} lines have`} a problem. Fix the file and import it again.`;
    return `${people(created)} created; ${failed === 1 ? '1 line was' : `${failed} lines were`} not imported. Fix those lines and import just them again.`;
  });
}
