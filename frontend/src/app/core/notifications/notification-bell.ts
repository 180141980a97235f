import { LiveAnnouncer } from '@angular/cdk/a11y';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  inject,
  untracked,
  ViewEncapsulation,
} from '@angular/core';
import { MatIconButton } from '@angular/material/button';
import { MatDivider } from '@angular/material/divider';
import { MatMenu, MatMenuContent, MatMenuItem, MatMenuTrigger } from '@angular/material/menu';
import { Router } from '@angular/router';
import type { NotificationDto } from '@app/core/api/models/notification-dto';
import { AuthStore } from '@app/core/auth/auth-store';
import { formatAge } from '@app/core/time/format';
import { notificationTarget } from './notification-links';
import { NotificationStore } from './notification-store';

/** The toolbar bell: unread count, recent notifications, live updates. */
@Component({
  selector: 'pp-notification-bell',
  imports: [MatIconButton, MatMenu, MatMenuContent, MatMenuItem, MatMenuTrigger, MatDivider],
  template: `
    <button mat-icon-button type="button" class="pp-bell" [matMenuTriggerFor]="menu" [attr.aria-label]="label()">
      <svg aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="24" height="24">
        <path
          fill="currentColor"
          d="M12 22c1.1 0 2-.9 2-2h-4c0 1.1.89 2 2 2zm6-6v-5c0-3.07-1.64-5.64-4.5-6.32V4c0-.83-.67-1.5-1.5-1.5s-1.5.67-1.5 1.5v.68C7.63 5.36 6 7.92 6 11v5l-2 2v1h16v-1l-2-2z"
        />
      </svg>
      @if (unread() > 0) {
        <span class="pp-bell__count" aria-hidden="true">{{ unread() > 99 ? '99+' : unread() }}</span>
      }
    </button>
    <mat-menu #menu="matMenu" xPosition="before" class="pp-notifications" aria-label="Notifications">
      <ng-template matMenuContent>
        @if (store.failed() && items().length === 0) {
          <button mat-menu-item type="button" (click)="reload($event)">Notifications could not load. Try again</button>
        } @else if (store.loading() && items().length === 0) {
          <button mat-menu-item type="button" disabled>Loading notifications…</button>
        } @else if (items().length === 0) {
          <button mat-menu-item type="button" disabled>No notifications yet</button>
        } @else {
          @for (item of items(); track item.id) {
            <button
              mat-menu-item
              type="button"
              class="pp-notification"
              [class.pp-notification--unread]="!item.read"
              (click)="open(item)"
            >
              <span class="pp-notification__title">
                @if (!item.read) {
                  <span class="pp-notification__dot" aria-hidden="true"></span><span class="sr-only">Unread: </span>
                }
                {{ item.title }}
              </span>
              <span class="pp-notification__body">{{ item.body }}</span>
              <span class="pp-notification__age">{{ age(item) }}</span>
            </button>
          }
          <mat-divider />
          <button mat-menu-item type="button" [disabled]="unread() === 0" (click)="markAllRead($event)">
            Mark all as read
          </button>
        }
      </ng-template>
    </mat-menu>
  `,
  styles: `
    .pp-bell {
      position: relative;
    }

    .pp-bell__count {
      position: absolute;
      top: 2px;
      right: 0;
      min-width: 1.25rem;
      padding: 0 0.25rem;
      box-sizing: border-box;
      border-radius: 999px;
      background: var(--mat-sys-error);
      color: var(--mat-sys-on-error);
      font: var(--mat-sys-label-small);
      line-height: 1.25rem;
      text-align: center;
    }

    .mat-mdc-menu-panel.pp-notifications {
      max-width: min(24rem, calc(100vw - 1rem));
    }

    .pp-notification.mat-mdc-menu-item {
      align-items: flex-start;
      padding-block: 0.5rem;
      border-bottom: 1px solid var(--mat-sys-outline-variant);

      .mat-mdc-menu-item-text {
        display: flex;
        flex-direction: column;
        gap: 0.125rem;
        white-space: normal;
      }
    }

    .pp-notification__title {
      font: var(--mat-sys-title-small);
    }

    .pp-notification--unread .pp-notification__title {
      font-weight: 700;
    }

    .pp-notification__dot {
      display: inline-block;
      width: 0.5rem;
      height: 0.5rem;
      margin-inline-end: 0.375rem;
      border-radius: 50%;
      background: var(--mat-sys-primary);
      vertical-align: middle;
    }

    .pp-notification__body,
    .pp-notification__age {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  // The menu panel is rendered in an overlay, outside this component's emulated styles.
  encapsulation: ViewEncapsulation.None,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotificationBell {
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly announcer = inject(LiveAnnouncer);
  protected readonly store = inject(NotificationStore);

  protected readonly items = this.store.items;
  protected readonly unread = this.store.unreadCount;
  protected readonly label = computed(() => {
    const count = this.unread();
    return count === 0 ? 'Notifications' : `Notifications, ${count} unread`;
  });

  constructor() {
    this.store.start();
    inject(DestroyRef).onDestroy(() => this.store.stop());
    effect(() => {
      const arrived = this.store.lastArrival();
      if (arrived) untracked(() => void this.announcer.announce(`New notification: ${arrived.title}`, 'polite'));
    });
  }

  protected age(item: NotificationDto): string {
    return formatAge(item.createdAt);
  }

  protected open(item: NotificationDto): void {
    void this.store.markRead(item);
    const role = this.auth.role();
    if (role) void this.router.navigateByUrl(notificationTarget(item.link, role, this.router.config));
  }

  protected async markAllRead(event: Event): Promise<void> {
    event.stopPropagation();
    try {
      await this.store.markAllRead();
      void this.announcer.announce('All notifications marked as read.', 'polite');
    } catch {
      void this.announcer.announce('Could not mark the notifications as read. Try again.', 'assertive');
    }
  }

  protected reload(event: Event): void {
    event.stopPropagation();
    void this.store.load();
  }
}
