import { ComponentType } from '@angular/cdk/portal';
import { inject, Injectable } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { firstValueFrom } from 'rxjs';
import type { ConfirmData } from './confirm-dialog';

/**
 * How the portal opens its dialogs: at a width that fits the form and never wider than the screen,
 * focus on the first field, and the result as a promise (undefined when the dialog was dismissed).
 * Dialog components are imported by the caller when first needed, so pages do not load their forms.
 */
@Injectable({ providedIn: 'root' })
export class Dialogs {
  private readonly dialog = inject(MatDialog);

  openForm<D, R>(component: ComponentType<unknown>, data: D, width = '36rem'): Promise<R | undefined> {
    const ref = this.dialog.open<unknown, D, R>(component, {
      data,
      width,
      maxWidth: 'calc(100vw - 1rem)',
      autoFocus: 'first-tabbable',
    });
    return firstValueFrom(ref.afterClosed());
  }

  /** Asks before an action with consequences; true only when confirmed. */
  async confirm(data: ConfirmData, width = '32rem'): Promise<boolean> {
    const { ConfirmDialog } = await import('./confirm-dialog');
    return (await this.openForm<ConfirmData, boolean>(ConfirmDialog, data, width)) === true;
  }
}
