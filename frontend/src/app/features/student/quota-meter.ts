import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatProgressBar } from '@angular/material/progress-bar';
import type { QuotaDto } from '@app/core/api/models/quota-dto';
import { formatResetDate, monthName } from '@app/core/time/format';

/** "2 of 4 sessions left in November — resets 1 December", the reset date in the student's zone. */
export function quotaSentence(quota: QuotaDto, timeZone: string): string {
  const month = monthName(quota.month);
  const resets = `resets ${formatResetDate(quota.resetsAt, timeZone)}`;
  if (quota.limit <= 0) return `Your programme has no sessions for you in ${month} — ${resets}`;
  if (quota.remaining <= 0) return `No sessions left in ${month} — ${resets}`;
  return `${quota.remaining} of ${quota.limit} session${quota.limit === 1 ? '' : 's'} left in ${month} — ${resets}`;
}

@Component({
  selector: 'pp-quota-meter',
  imports: [MatProgressBar],
  template: `
    <p class="sentence">{{ sentence() }}</p>
    <mat-progress-bar
      mode="determinate"
      [value]="usedPercent()"
      [attr.aria-label]="'Sessions used in ' + month()"
      [attr.aria-valuetext]="usedText()"
    />
    <p class="detail">
      {{ usedText() }}. Sessions count in the month they take place; cancelling early gives one back.
    </p>
  `,
  styles: `
    .sentence {
      margin: 0 0 0.5rem;
      font: var(--mat-sys-title-medium);
    }

    .detail {
      margin: 0.5rem 0 0;
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class QuotaMeter {
  readonly quota = input.required<QuotaDto>();
  readonly timeZone = input.required<string>();

  protected readonly sentence = computed(() => quotaSentence(this.quota(), this.timeZone()));
  protected readonly month = computed(() => monthName(this.quota().month));
  protected readonly usedPercent = computed(() => {
    const { used, limit } = this.quota();
    return limit > 0 ? Math.min(100, Math.round((used / limit) * 100)) : 100;
  });
  protected readonly usedText = computed(() => `${this.quota().used} of ${this.quota().limit} used`);
}
