import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';

// Mirrors backend/src/modules/users/password-policy.ts; the server has the final say and alone
// knows the common-password list.
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;
const MIN_EMAIL_NAME_LENGTH = 4;

export type PasswordRule = 'length' | 'notRepeated' | 'notEmailName';

/** The part of an email address a password must not contain, or null when too short to matter. */
export function emailName(email: string | null | undefined): string | null {
  const local = email?.split('@')[0]?.toLowerCase() ?? '';
  return local.length >= MIN_EMAIL_NAME_LENGTH ? local : null;
}

/** The rules the password breaks, in the order the portal lists them. */
export function brokenPasswordRules(password: string, email?: string | null): PasswordRule[] {
  const broken: PasswordRule[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH || length > PASSWORD_MAX_LENGTH) broken.push('length');
  if (password === '' || /^(.)\1+$/u.test(password)) broken.push('notRepeated');
  const name = emailName(email);
  if (name && password.toLowerCase().includes(name)) broken.push('notEmailName');
  return broken;
}

/** Form validator: `{ passwordPolicy: PasswordRule[] }` while a rule the portal can check is broken. */
export function passwordPolicyValidator(email: () => string | null | undefined = () => null): ValidatorFn {
  return (control: AbstractControl<string>): ValidationErrors | null => {
    const broken = brokenPasswordRules(control.value ?? '', email());
    return broken.length > 0 ? { passwordPolicy: broken } : null;
  };
}

/** Explains the password policy next to a password field, ticking rules off as the user types. */
@Component({
  selector: 'pp-password-rules',
  template: `
    <ul class="rules">
      @for (rule of rules(); track rule.text) {
        <li [class.met]="rule.met === true">
          <span class="mark" aria-hidden="true">{{ rule.met === true ? '✓' : rule.met === false ? '•' : '…' }}</span>
          <span>{{ rule.text }}</span>
          <span class="sr-only">{{
            rule.met === true ? ' (done)' : rule.met === false ? ' (not yet)' : ' (checked when you save)'
          }}</span>
        </li>
      }
    </ul>
  `,
  styles: `
    .rules {
      margin: 0 0 0.5rem;
      padding: 0;
      list-style: none;
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
    }

    li {
      display: flex;
      gap: 0.5rem;
      padding: 0.125rem 0;
    }

    .mark {
      flex: none;
      width: 1rem;
      text-align: center;
      font-weight: 700;
    }

    .met {
      color: var(--mat-sys-on-surface);

      .mark {
        color: var(--mat-sys-primary);
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PasswordRules {
  readonly password = input.required<string>();
  /** The account's email when the portal knows it; otherwise that rule is checked on save. */
  readonly email = input<string | null>();

  protected readonly rules = computed(() => {
    const broken = brokenPasswordRules(this.password(), this.email());
    const name = emailName(this.email());
    const met = (rule: PasswordRule) => !broken.includes(rule);
    return [
      { text: `${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters`, met: met('length') },
      { text: 'Not one character repeated', met: met('notRepeated') },
      name
        ? { text: `Does not contain “${name}” from your email address`, met: met('notEmailName') }
        : { text: 'Does not contain the part of your email address before the @', met: null },
      { text: 'Not a commonly used password — PeerPals checks this when you save', met: null },
    ];
  });
}
