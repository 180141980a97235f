import { ChangeDetectionStrategy, Component, ViewEncapsulation } from '@angular/core';

/*
 * angular-calendar's grid, restyled with the Material theme's colours. Its own stylesheet is global
 * and too big for a component; these unencapsulated styles load with the calendar page only.
 * Sessions are never all-day or resized, so those parts are left out.
 */

@Component({
  selector: 'pp-calendar-month-styles',
  template: '',
  styles: `
    .cal-month-view {
      background: var(--mat-sys-surface);

      .cal-header {
        display: flex;
        text-align: center;
        font: var(--mat-sys-label-large);
      }

      .cal-header .cal-cell {
        flex: 1;
        padding: 0.375rem 0;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }

      .cal-days {
        border: 1px solid var(--mat-sys-outline-variant);
        border-bottom: 0;
      }

      .cal-cell-row {
        display: flex;
      }

      .cal-days .cal-cell-row {
        border-bottom: 1px solid var(--mat-sys-outline-variant);
      }

      .cal-day-cell {
        flex: 1;
        min-width: 0;
        min-height: 6.5rem;
        display: flex;
        flex-direction: column;
        cursor: pointer;

        &:not(:last-child) {
          border-right: 1px solid var(--mat-sys-outline-variant);
        }

        &:hover {
          background: var(--mat-sys-surface-container);
        }
      }

      .cal-out-month {
        background: var(--mat-sys-surface-container-low);

        .pp-day-number {
          color: var(--mat-sys-on-surface-variant);
        }
      }

      .cal-today .pp-day-number {
        background: var(--mat-sys-primary);
        color: var(--mat-sys-on-primary);
      }

      .pp-month-cell {
        display: flex;
        flex-direction: column;
        padding: 0.25rem;
        gap: 0.25rem;
      }

      .pp-day-number {
        align-self: flex-end;
        min-width: 1.75rem;
        padding: 0.125rem 0.25rem;
        border-radius: 999px;
        text-align: center;
        font: var(--mat-sys-label-large);
      }

      .pp-month-events {
        display: flex;
        flex-direction: column;
        gap: 0.125rem;
        margin: 0;
        padding: 0;
        list-style: none;
      }

      .pp-month-event {
        width: 100%;
        min-height: 24px;
        padding: 0.125rem 0.25rem;
        border-style: none;
        border-inline-start-style: solid;
        border-inline-start-width: 4px;
        border-radius: 4px;
        font: var(--mat-sys-label-medium);
        text-align: start;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
        cursor: pointer;
      }

      .pp-more {
        font: var(--mat-sys-label-small);
        color: var(--mat-sys-on-surface-variant);
      }
    }

    @media (max-width: 40rem) {
      .cal-month-view .pp-month-cell {
        padding: 2px;
      }

      .cal-month-view .pp-month-event {
        padding: 0 2px;
        border-inline-start-width: 3px;
        font: var(--mat-sys-label-small);
        text-overflow: clip;
      }

      /* Too narrow for names: the time shows, the name is still read out. */
      .cal-month-view .pp-month-event__who {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip-path: inset(50%);
        white-space: nowrap;
      }
    }
  `,
  encapsulation: ViewEncapsulation.None,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class CalendarMonthStyles {}

@Component({
  selector: 'pp-calendar-week-styles',
  template: '',
  styles: `
    .cal-week-view {
      background: var(--mat-sys-surface);
      border-top: 1px solid var(--mat-sys-outline-variant);

      * {
        box-sizing: border-box;
      }

      .cal-day-headers {
        display: flex;
        padding-left: 3.5rem;
        border: 1px solid var(--mat-sys-outline-variant);
        border-top: 0;
      }

      .cal-header {
        flex: 1;
        padding: 0.375rem;
        text-align: center;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
        border-left: 1px solid var(--mat-sys-outline-variant);

        span {
          color: var(--mat-sys-on-surface-variant);
        }
      }

      .cal-header.cal-today {
        background: var(--mat-sys-secondary-container);
        color: var(--mat-sys-on-secondary-container);
      }

      .cal-time-events {
        position: relative;
        display: flex;
        border: 1px solid var(--mat-sys-outline-variant);
        border-top: 0;

        .cal-day-columns {
          display: flex;
          flex-grow: 1;
        }

        .cal-day-column,
        .cal-events-container {
          position: relative;
        }

        .cal-event-container {
          position: absolute;
          z-index: 1;
        }

        .cal-event {
          width: calc(100% - 2px);
          height: calc(100% - 2px);
          margin: 1px;
          padding: 0 0.25rem;
          line-height: 1.5;
        }
      }

      .cal-day-column {
        flex-grow: 1;
        border-left: 1px solid var(--mat-sys-outline-variant);
      }

      .cal-time-label-column {
        width: 3.5rem;
      }

      .cal-time {
        width: 3.5rem;
        padding-top: 0.25rem;
        text-align: center;
        font: var(--mat-sys-label-medium);
      }

      .cal-hour-segment {
        display: block;
        position: relative;

        &.cal-after-hour-start .cal-time {
          display: none;
        }
      }

      .cal-hour:not(:last-child) .cal-hour-segment,
      .cal-hour:last-child :not(:last-child) .cal-hour-segment {
        border-bottom: thin dashed var(--mat-sys-outline-variant);
      }

      .cal-hour-odd {
        background: var(--mat-sys-surface-container-low);
      }

      .pp-slot {
        cursor: copy;

        &:hover {
          background: var(--mat-sys-secondary-container);
        }
      }

      .cal-event {
        border-width: 1px 1px 1px 4px;
        border-style: solid;
        border-radius: 4px;
        font: var(--mat-sys-label-medium);
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
        cursor: pointer;
      }

      .cal-draggable {
        cursor: move;
      }

      .cal-drag-active {
        pointer-events: none;
        z-index: 1;
      }

      .cal-current-time-marker {
        position: absolute;
        width: 100%;
        height: 2px;
        z-index: 2;
        background: var(--mat-sys-error);
      }
    }

    .cal-day-view {
      mwl-calendar-week-view-header {
        display: none;
      }

      .cal-events-container {
        margin-left: 3.5rem;
      }

      .cal-day-column {
        border-left: 0;
      }
    }

    div.pp-timed-event {
      height: 100%;
    }

    .cal-week-view button.pp-timed-event {
      display: block;
      text-align: start;
      white-space: normal;
      line-height: 1.3;
    }

    .pp-event {
      border-color: var(--mat-sys-primary);
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
    }

    .pp-event--completed {
      border-color: #2e7d32;
      background: #c8e6c9;
      color: #0b3d12;
    }

    .pp-event--no_show {
      border-color: var(--mat-sys-error);
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }

    .pp-event--cancelled {
      border-color: var(--mat-sys-outline);
      background: var(--mat-sys-surface-container-highest);
      color: var(--mat-sys-on-surface);
      text-decoration: line-through;
    }
  `,
  encapsulation: ViewEncapsulation.None,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class CalendarWeekStyles {}

/** Puts the grid styles on the page while the calendar is shown. */
@Component({
  selector: 'pp-calendar-grid-styles',
  imports: [CalendarMonthStyles, CalendarWeekStyles],
  template: '<pp-calendar-month-styles /><pp-calendar-week-styles />',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CalendarGridStyles {}
