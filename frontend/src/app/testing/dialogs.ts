import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ComponentType } from '@angular/cdk/portal';
import { MatDialog } from '@angular/material/dialog';
import { provideRouter } from '@angular/router';
import { authInterceptor } from '@app/core/auth/auth.interceptor';
import { expect, vi } from 'vitest';

@Component({ template: '' })
class Host {}

export interface DialogTestBed {
  http: HttpTestingController;
  /** Opens the dialog with `data` and returns its element (found by `selector`) once its buttons are shown. */
  open<D>(component: ComponentType<unknown>, data: D, selector: string): Promise<HTMLElement>;
  /** Closes every dialog and checks that no request was left unanswered. */
  close(): void;
}

/** A test bed for a dialog spec: the router, and HTTP through the auth interceptor answered by the test. */
export function configureDialogTestBed(): DialogTestBed {
  TestBed.configureTestingModule({
    providers: [provideRouter([]), provideHttpClient(withInterceptors([authInterceptor])), provideHttpClientTesting()],
  });
  const http = TestBed.inject(HttpTestingController);
  const host: ComponentFixture<Host> = TestBed.createComponent(Host);
  return {
    http,
    async open(component, data, selector) {
      TestBed.inject(MatDialog).open(component, { data });
      await vi.waitFor(() => expect(document.querySelector(`${selector} button`)).not.toBeNull());
      const dialog = document.querySelector<HTMLElement>(selector)!;
      await host.whenStable();
      return dialog;
    },
    close() {
      TestBed.inject(MatDialog).closeAll();
      http.verify();
    },
  };
}
