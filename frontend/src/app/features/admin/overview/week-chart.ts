import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { WeekStatusDto } from '@app/core/api/models/week-status-dto';
import { WEEK_PARTS, weekLabel, weekTotal } from './figures';

const BAR_WIDTH = 28;
const GAP = 14;
const HEIGHT = 160;
const AXIS = 28;

// No chart library is installed, and one bundle-light chart does not justify one: the chart is plain
// SVG drawn from signals, with the same figures in a table for screen readers and keyboard users.
@Component({
  selector: 'pp-week-chart',
  template: `
    <figure>
      <svg
        [attr.viewBox]="'0 0 ' + width() + ' ' + (height + axis)"
        role="img"
        aria-labelledby="week-chart-title"
        preserveAspectRatio="xMinYMid meet"
      >
        <title id="week-chart-title">
          Sessions per week by status, last {{ weeks().length }} weeks; the table below has the figures.
        </title>
        @for (bar of bars(); track bar.label) {
          <g>
            @for (segment of bar.segments; track segment.label) {
              <rect
                [attr.x]="bar.x"
                [attr.y]="segment.y"
                [attr.width]="barWidth"
                [attr.height]="segment.height"
                [attr.fill]="segment.colour"
                stroke="#fff"
                stroke-width="1"
              />
            }
            <text [attr.x]="bar.x + barWidth / 2" [attr.y]="bar.top - 4" text-anchor="middle" class="total">
              {{ bar.total }}
            </text>
            <text [attr.x]="bar.x + barWidth / 2" [attr.y]="height + 18" text-anchor="middle" class="axis">
              {{ bar.label }}
            </text>
          </g>
        }
        <line x1="0" [attr.x2]="width()" [attr.y1]="height" [attr.y2]="height" stroke="currentColor" />
      </svg>
      <figcaption>
        <ul class="legend">
          @for (part of parts; track part.key) {
            <li><span class="swatch" [style.background]="part.colour" aria-hidden="true"></span>{{ part.label }}</li>
          }
        </ul>
      </figcaption>
    </figure>
    <details>
      <summary>Sessions per week as a table</summary>
      <div class="table-scroll" role="region" aria-label="Sessions per week" tabindex="0">
        <table>
          <thead>
            <tr>
              <th scope="col">Week starting</th>
              @for (part of parts; track part.key) {
                <th scope="col">{{ part.label }}</th>
              }
              <th scope="col">Total</th>
            </tr>
          </thead>
          <tbody>
            @for (week of weeks(); track week.weekStart) {
              <tr>
                <th scope="row">{{ label(week.weekStart) }}</th>
                @for (part of parts; track part.key) {
                  <td>{{ week[part.key] }}</td>
                }
                <td>{{ total(week) }}</td>
              </tr>
            }
          </tbody>
        </table>
      </div>
    </details>
  `,
  styles: `
    figure {
      margin: 0;
    }
    svg {
      width: 100%;
      max-width: 40rem;
      height: auto;
      color: var(--mat-sys-outline);
    }
    .axis,
    .total {
      font-size: 11px;
      fill: var(--mat-sys-on-surface);
    }
    .legend {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 1rem;
      list-style: none;
      margin: 0.5rem 0;
      padding: 0;
    }
    .swatch {
      display: inline-block;
      width: 0.8rem;
      height: 0.8rem;
      margin-right: 0.35rem;
      border-radius: 2px;
      vertical-align: -0.1rem;
    }
    .table-scroll {
      overflow-x: auto;
    }
    table {
      border-collapse: collapse;
    }
    th,
    td {
      padding: 0.25rem 0.5rem;
      text-align: right;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    th[scope='row'] {
      text-align: left;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class WeekChart {
  readonly weeks = input.required<WeekStatusDto[]>();

  protected readonly parts = WEEK_PARTS;
  protected readonly barWidth = BAR_WIDTH;
  protected readonly height = HEIGHT;
  protected readonly axis = AXIS;
  protected readonly label = weekLabel;
  protected readonly total = weekTotal;
  protected readonly width = computed(() => Math.max(1, this.weeks().length) * (BAR_WIDTH + GAP) + GAP);
  protected readonly bars = computed(() => {
    const weeks = this.weeks();
    const max = Math.max(1, ...weeks.map(weekTotal));
    const scale = (HEIGHT - 16) / max;
    return weeks.map((week, index) => {
      let y = HEIGHT;
      const segments = WEEK_PARTS.filter((part) => week[part.key] > 0).map((part) => {
        const height = week[part.key] * scale;
        y -= height;
        return { label: part.label, colour: part.colour, y, height };
      });
      return {
        label: weekLabel(week.weekStart),
        x: GAP + index * (BAR_WIDTH + GAP),
        segments,
        total: weekTotal(week),
        top: y,
      };
    });
  });
}
