import { inject, Injectable } from '@angular/core';
import { Api } from '@app/core/api/api';
import { sessionsComplete } from '@app/core/api/fn/sessions/sessions-complete';
import { sessionsNoShow } from '@app/core/api/fn/sessions/sessions-no-show';
import type { SessionDto } from '@app/core/api/models/session-dto';
import { Dialogs } from '@app/shared/ui/dialogs';
import { Notifier } from '@app/shared/ui/notifier';
import type { CancelSessionData } from './cancel-session-dialog';
import type { ScheduleDialogData, ScheduleResult } from './schedule-dialog';
import type { Viewer } from './session-status';

/**
 * The session actions every screen offers, each resolving to the changed session or null. The dialogs
 * load when first opened: the dashboards that list sessions do not need their forms to show up.
 */
@Injectable({ providedIn: 'root' })
export class SessionActions {
  private readonly api = inject(Api);
  private readonly dialogs = inject(Dialogs);
  private readonly notifier = inject(Notifier);

  async schedule(data: ScheduleDialogData): Promise<ScheduleResult | null> {
    const { ScheduleDialog } = await import('./schedule-dialog');
    const result = (await this.dialogs.openForm<ScheduleDialogData, ScheduleResult>(ScheduleDialog, data)) ?? null;
    if (result) this.notifier.success(data.mode === 'edit' ? 'Session updated.' : 'Session scheduled.');
    return result;
  }

  async edit(session: SessionDto): Promise<SessionDto | null> {
    return (await this.schedule({ mode: 'edit', session }))?.session ?? null;
  }

  async cancel(session: SessionDto, viewer: Viewer): Promise<SessionDto | null> {
    const { CancelSessionDialog } = await import('./cancel-session-dialog');
    const cancelled =
      (await this.dialogs.openForm<CancelSessionData, SessionDto>(CancelSessionDialog, { session, viewer })) ?? null;
    if (cancelled) this.notifier.success('Session cancelled.');
    return cancelled;
  }

  async complete(session: SessionDto): Promise<SessionDto | null> {
    try {
      const done = await this.api.invoke(sessionsComplete, { id: session.id });
      this.notifier.success(`Session with ${session.student.displayName} marked completed.`);
      return done;
    } catch (error) {
      this.notifier.problem(error, 'Could not mark the session completed.');
      return null;
    }
  }

  async noShow(session: SessionDto): Promise<SessionDto | null> {
    const confirmed = await this.dialogs.confirm(
      {
        title: 'Mark as no-show?',
        message: `${session.student.displayName} will see that they missed this session. It still counts towards their monthly allowance.`,
        confirmLabel: 'Mark no-show',
      },
      '36rem',
    );
    if (!confirmed) return null;
    try {
      const missed = await this.api.invoke(sessionsNoShow, { id: session.id });
      this.notifier.success('Session marked as no-show.');
      return missed;
    } catch (error) {
      this.notifier.problem(error, 'Could not mark the session as no-show.');
      return null;
    }
  }
}
