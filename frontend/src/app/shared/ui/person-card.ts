import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatCard, MatCardContent } from '@angular/material/card';
import type { UserSummaryDto } from '@app/core/api/models/user-summary-dto';

/** A mentor or student as the other side of a mentorship sees them. */
@Component({
  selector: 'pp-person-card',
  imports: [MatCard, MatCardContent],
  template: `
    <mat-card appearance="outlined" class="card">
      <mat-card-content>
        <h3>{{ person().displayName }}</h3>
        <dl>
          <dt>Email</dt>
          <dd>
            <a [href]="'mailto:' + person().email">{{ person().email }}</a>
          </dd>
          <dt>Time zone</dt>
          <dd>{{ person().timeZone }}</dd>
        </dl>
        @if (person().bio; as bio) {
          <p class="bio">{{ bio }}</p>
        }
      </mat-card-content>
    </mat-card>
  `,
  styles: `
    .card {
      height: 100%;
    }

    h3 {
      font: var(--mat-sys-title-medium);
      margin: 0 0 0.5rem;
    }

    dl {
      display: grid;
      grid-template-columns: auto 1fr;
      gap: 0.25rem 0.75rem;
      margin: 0;
      font: var(--mat-sys-body-medium);
    }

    dt {
      color: var(--mat-sys-on-surface-variant);
    }

    dd {
      margin: 0;
      overflow-wrap: anywhere;
    }

    .bio {
      margin: 0.75rem 0 0;
      white-space: pre-line;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PersonCard {
  readonly person = input.required<UserSummaryDto>();
}
