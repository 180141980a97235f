import { ChangeDetectionStrategy, Component, ElementRef, inject, viewChild } from '@angular/core';
import { RouterLink, RouterOutlet } from '@angular/router';
import { AuthStore } from './core/auth/auth-store';
import { SessionNav } from './core/layout/session-nav';
import { NotificationBell } from './core/notifications/notification-bell';

@Component({
  selector: 'pp-root',
  imports: [RouterOutlet, RouterLink, SessionNav, NotificationBell],
  templateUrl: './app.html',
  styleUrl: './app.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class App {
  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');

  protected readonly isSignedIn = inject(AuthStore).isSignedIn;

  // A plain "#main" link would resolve against <base href="/"> and leave the current page.
  protected skipToContent(event: Event): void {
    event.preventDefault();
    this.main().nativeElement.focus();
  }
}
