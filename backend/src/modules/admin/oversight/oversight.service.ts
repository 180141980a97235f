import { Injectable } from '@nestjs/common';
import { toCsv } from '../../../common/csv';
import { monthKey, zonedParts, zonedTimeToUtc } from '../../../common/time/zoned';
import { SettingsService } from '../../settings/settings.service';
import { MIN_GROUP, OverviewDto, SuppressibleCountDto, WeekStatusDto } from './oversight.dto';
import { OversightRepository } from './oversight.repository';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Withholds parts of a total that is known anyway (the quota chart's buckets add up to the active
 * students, which the user list counts). Every part about 1–4 people is withheld, and with it the
 * next smallest parts until the withheld ones are several, count at least MIN_GROUP people
 * together, and more people than parts (a withheld part is at least 1, empty ones being shown):
 * then no withheld part follows from the total minus the shown ones, and their sum is no small
 * group either. When nothing else is left, an empty part is withheld too, so a withheld part may
 * be 0.
 */
export function suppressParts(counts: number[]): SuppressibleCountDto[] {
  const withheld = new Set(counts.flatMap((n, i) => (n > 0 && n < MIN_GROUP ? [i] : [])));
  if (withheld.size > 0) {
    let sum = [...withheld].reduce((total, i) => total + counts[i], 0);
    const others = counts.map((n, i) => ({ n, i })).filter(({ n, i }) => n > 0 && !withheld.has(i));
    others.sort((a, b) => a.n - b.n || a.i - b.i);
    for (const { n, i } of others) {
      if (withheld.size > 1 && sum >= MIN_GROUP && sum > withheld.size) break;
      withheld.add(i);
      sum += n;
    }
    const empty = counts.findIndex((n) => n === 0);
    if ((withheld.size < 2 || sum <= withheld.size) && empty >= 0) withheld.add(empty);
  }
  return counts.map((n, i) => (withheld.has(i) ? { value: null, suppressed: true } : { value: n, suppressed: false }));
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}

/** Monday 00:00 of the week containing `date`, in the zone. */
export function startOfWeek(date: Date, timeZone: string): Date {
  const p = zonedParts(date, timeZone);
  const weekday = (new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay() + 6) % 7;
  const monday = new Date(Date.UTC(p.year, p.month - 1, p.day - weekday));
  return zonedTimeToUtc(monday.getUTCFullYear(), monday.getUTCMonth() + 1, monday.getUTCDate(), 0, 0, timeZone);
}

function addWeeks(start: Date, weeks: number, timeZone: string): Date {
  const p = zonedParts(new Date(start.getTime() + 12 * HOUR), timeZone);
  const d = new Date(Date.UTC(p.year, p.month - 1, p.day + 7 * weeks));
  return zonedTimeToUtc(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), 0, 0, timeZone);
}

const round1 = (hours: number) => Math.round(hours * 10) / 10;

@Injectable()
export class OversightService {
  constructor(
    private readonly repository: OversightRepository,
    private readonly settings: SettingsService,
  ) {}

  async overview(now = new Date()): Promise<OverviewDto> {
    const { programmeTimeZone, monthlySessionQuota } = await this.settings.get();
    const overdueSince = new Date(now.getTime() - 72 * HOUR);
    const monthAgo = new Date(now.getTime() - 30 * DAY);
    const thisWeek = startOfWeek(now, programmeTimeZone);
    const weeks = Array.from({ length: 8 }, (_, i) => addWeeks(thisWeek, i - 7, programmeTimeZone));
    const month = monthKey(now, programmeTimeZone);

    const [pending, overdue, perWeek, usage, durations, inactiveMentors, studentsWithoutSession] = await Promise.all([
      this.repository.pendingCounts(overdueSince),
      this.repository.overdueRequests(overdueSince, 20),
      Promise.all(
        weeks.map(async (start, i) =>
          this.week(
            start,
            await this.repository.sessionStatusCounts(
              start,
              i === weeks.length - 1 ? addWeeks(start, 1, programmeTimeZone) : weeks[i + 1],
            ),
          ),
        ),
      ),
      this.repository.quotaUsage(month),
      this.repository.answerDurations(monthAgo),
      this.repository.inactiveMentors(monthAgo),
      this.repository.studentsWithoutSession(monthAgo),
    ]);

    // Buckets 0 … limit, the last one holding everyone at or over the programme limit.
    const buckets = new Map<number, number>();
    for (const row of usage) {
      const bucket = Math.min(row.used, monthlySessionQuota);
      buckets.set(bucket, (buckets.get(bucket) ?? 0) + row.students);
    }
    const enough = durations.length >= MIN_GROUP;
    return {
      generatedAt: now.toISOString(),
      pendingRequests: pending.pending,
      pendingOver72h: pending.overdue,
      overdueRequests: overdue.map((r) => ({
        id: r.id,
        createdAt: r.createdAt.toISOString(),
        student: { id: r.studentId, displayName: r.studentName },
        mentor: { id: r.mentorId, displayName: r.mentorName },
      })),
      sessionsThisWeek: perWeek[perWeek.length - 1],
      sessionsPerWeek: perWeek,
      quotaMonth: month,
      quotaUsage: suppressParts(
        Array.from({ length: monthlySessionQuota + 1 }, (_, used) => buckets.get(used) ?? 0),
      ).map((students, used) => ({ used, students })),
      answerTime: {
        answered: durations.length,
        meanHours: enough ? round1(durations.reduce((a, b) => a + b, 0) / durations.length / HOUR) : null,
        p90Hours: enough ? round1(percentile(durations, 90) / HOUR) : null,
      },
      inactiveMentors,
      studentsWithoutSession,
    };
  }

  async sessionsCsv(from: Date, to: Date): Promise<string> {
    const rows = await this.repository.sessionsForExport(from, to);
    const header = [
      'id',
      'starts_at',
      'ends_at',
      'status',
      'mentor_name',
      'mentor_email',
      'student_name',
      'student_email',
      'location',
      'meeting_url',
      'cancelled_by',
      'cancel_reason',
      'request_id',
    ];
    const cell = (value: unknown) => {
      if (value === null || value === undefined) return '';
      let text = value instanceof Date ? value.toISOString() : String(value);
      if (/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/.test(text)) text = `${text.replace(' ', 'T')}Z`;
      // Spreadsheet formula injection: a leading = + - @ is neutralised.
      return /^[=+\-@]/.test(text) ? `'${text}` : text;
    };
    return toCsv([header, ...rows.map((r) => header.map((h) => cell(r[h])))]);
  }

  private week(start: Date, counts: Record<string, number>): WeekStatusDto {
    return {
      weekStart: start.toISOString(),
      scheduled: counts['scheduled'] ?? 0,
      completed: counts['completed'] ?? 0,
      cancelled: counts['cancelled'] ?? 0,
      noShow: counts['no_show'] ?? 0,
    };
  }
}
