import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { Api } from '@app/core/api/api';
import { oversightOverview } from '@app/core/api/fn/admin/oversight-overview';
import type { OverviewDto } from '@app/core/api/models/overview-dto';
import { problemMessage } from '@app/core/errors/problem';
import { DateTimePipe } from '@app/shared/ui/date-time';
import { LoadError } from '@app/shared/ui/load-error';
import { Loading } from '@app/shared/ui/loading';
import { countText, hoursText, monthLabel, weekTotal } from './figures';
import { WeekChart } from './week-chart';

/** Programme figures and the lists an admin should act on. */
@Component({
  selector: 'pp-programme-overview',
  imports: [RouterLink, DateTimePipe, Loading, LoadError, WeekChart],
  templateUrl: './overview.html',
  styleUrl: './overview.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Overview {
  private readonly api = inject(Api);

  protected readonly overview = signal<OverviewDto | null>(null);
  protected readonly state = signal<'loading' | 'ready' | 'error'>('loading');
  protected readonly error = signal('');
  protected readonly countText = countText;
  protected readonly hoursText = hoursText;
  protected readonly monthLabel = monthLabel;
  protected readonly weekTotal = weekTotal;

  protected readonly quotaBars = computed(() => {
    const usage = this.overview()?.quotaUsage ?? [];
    const max = Math.max(1, ...usage.map((b) => b.students.value ?? 0));
    return usage.map((bucket, index) => ({
      label: index === usage.length - 1 ? `${bucket.used} or more` : String(bucket.used),
      text: countText(bucket.students),
      suppressed: bucket.students.suppressed,
      percent: bucket.students.value === null ? 0 : (bucket.students.value / max) * 100,
    }));
  });

  protected readonly answerBars = computed(() => {
    const time = this.overview()?.answerTime;
    if (!time || time.meanHours === null || time.p90Hours === null) return null;
    const max = Math.max(1, time.p90Hours, time.meanHours);
    return [
      { label: 'Mean', text: hoursText(time.meanHours), percent: (time.meanHours / max) * 100 },
      { label: '9 in 10 answered within', text: hoursText(time.p90Hours), percent: (time.p90Hours / max) * 100 },
    ];
  });

  constructor() {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.state.set('loading');
    try {
      this.overview.set(await this.api.invoke(oversightOverview));
      this.state.set('ready');
    } catch (error) {
      this.error.set(problemMessage(error));
      this.state.set('error');
    }
  }
}
