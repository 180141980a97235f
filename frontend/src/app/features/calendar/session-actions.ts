import { inject, Injectable } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { MatSnackBar } from '@angular/material/snack-bar';
import { firstValueFrom } from 'rxjs';
import { Api } from '@app/core/api/api';
import { sessionsComplete } from '@app/core/api/fn/sessions/sessions-complete';
import { sessionsNoShow } from '@app/core/api/fn/sessions/sessions-no-show';
import type { SessionDto } from '@app/core/api/models/session-dto';
import { problemMessage } from '@app/core/errors/problem';
import type { ConfirmData, ConfirmDialog } from '@app/shared/ui/confirm-dialog';
import type { CancelSessionData, CancelSessionDialog } from './cancel-session-dialog';
import type { ScheduleDialog, ScheduleDialogData, ScheduleResult } from './schedule-dialog';
import type { Viewer } from './session-status';

const DIALOG_SIZE = { width: '36rem', maxWidth: 'calc(100vw - 1rem)' };

/**
 * The session actions every screen offers, each resolving to the changed session or null. The dialogs
 * load when first opened: the dashboards that list sessions do not need their forms to show up.
 */
@Injectable({ providedIn: 'root' })
export class SessionActions {
  private readonly api = inject(Api);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);

  async schedule(data: ScheduleDialogData): Promise<ScheduleResult | null> {
    const { ScheduleDialog } = await import('./schedule-dialog');
    const ref = this.dialog.open<ScheduleDialog, ScheduleDialogData, ScheduleResult>(ScheduleDialog, {
      ...DIALOG_SIZE,
      data,
    });
    const result = (await firstValueFrom(ref.afterClosed())) ?? null;
    if (result) this.say(data.mode === 'edit' ? 'Session updated.' : 'Session scheduled.');
    return result;
  }

  async edit(session: SessionDto): Promise<SessionDto | null> {
    return (await this.schedule({ mode: 'edit', session }))?.session ?? null;
  }

  async cancel(session: SessionDto, viewer: Viewer): Promise<SessionDto | null> {
    const { CancelSessionDialog } = await import('./cancel-session-dialog');
    const ref = this.dialog.open<CancelSessionDialog, CancelSessionData, SessionDto>(CancelSessionDialog, {
      ...DIALOG_SIZE,
      data: { session, viewer },
    });
    const cancelled = (await firstValueFrom(ref.afterClosed())) ?? null;
    if (cancelled) this.say('Session cancelled.');
    return cancelled;
  }

  async complete(session: SessionDto): Promise<SessionDto | null> {
    try {
      const done = await this.api.invoke(sessionsComplete, { id: session.id });
      this.say(`Session with ${session.student.displayName} marked completed.`);
      return done;
    } catch (error) {
      this.say(`Could not mark the session completed. ${problemMessage(error)}`, true);
      return null;
    }
  }

  async noShow(session: SessionDto): Promise<SessionDto | null> {
    const { ConfirmDialog } = await import('@app/shared/ui/confirm-dialog');
    const ref = this.dialog.open<ConfirmDialog, ConfirmData, boolean>(ConfirmDialog, {
      ...DIALOG_SIZE,
      data: {
        title: 'Mark as no-show?',
        message: `${session.student.displayName} will see that they missed this session. It still counts towards their monthly allowance.`,
        confirmLabel: 'Mark no-show',
      },
    });
    if (!(await firstValueFrom(ref.afterClosed()))) return null;
    try {
      const missed = await this.api.invoke(sessionsNoShow, { id: session.id });
      this.say('Session marked as no-show.');
      return missed;
    } catch (error) {
      this.say(`Could not mark the session as no-show. ${problemMessage(error)}`, true);
      return null;
    }
  }

  private say(message: string, isError = false): void {
    this.snackBar.open(message, 'Close', {
      duration: isError ? undefined : 5000,
      politeness: isError ? 'assertive' : 'polite',
    });
  }
}
