import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, Validators } from '@angular/forms';
import { MAT_DIALOG_DATA } from '@angular/material/dialog';
import { configureDialogTestBed, DialogTestBed } from '@app/testing/dialogs';
import { buttonNamed, fieldLabelled, textOf, typeInto } from '@app/testing/dom';
import { TextFormConfig, TextFormDialog } from './text-form-dialog';

@Component({
  selector: 'pp-test-text-dialog',
  imports: [TextFormDialog],
  template: `<pp-text-form-dialog [config]="config"><p class="intro">Why?</p></pp-text-form-dialog>`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class TestTextDialog {
  protected readonly config = inject<TextFormConfig<string>>(MAT_DIALOG_DATA);
}

function config(overrides: Partial<TextFormConfig<string>> = {}): TextFormConfig<string> {
  return {
    title: 'Give a reason',
    label: 'Reason',
    error: 'Write a reason.',
    required: true,
    maxLength: 100,
    rows: 3,
    submitLabel: 'Send',
    busyLabel: 'Sending…',
    send: vi.fn(async (text: string) => `sent ${text}`),
    ...overrides,
  };
}

describe(TextFormDialog.name, () => {
  let bed: DialogTestBed;

  const open = (data: TextFormConfig<string>) => bed.open(TestTextDialog, data, 'pp-test-text-dialog');
  const closed = () => vi.waitFor(() => expect(document.querySelector('pp-test-text-dialog')).toBeNull());

  beforeEach(() => (bed = configureDialogTestBed()));
  afterEach(() => bed.close());

  it('should show the title, the projected text and the field, then send the trimmed text and close', async () => {
    const data = config();
    const dialog = await open(data);
    expect(textOf(dialog, 'h2')).toBe('Give a reason');
    expect(textOf(dialog, '.intro')).toBe('Why?');
    expect(buttonNamed(dialog, 'Cancel')).toBeTruthy();

    typeInto(fieldLabelled<HTMLTextAreaElement>(dialog, 'Reason'), '  Because.  ');
    buttonNamed(dialog, 'Send').click();
    await closed();
    expect(data.send).toHaveBeenCalledWith('Because.');
  });

  it('should not send a required text that is blank, and say why', async () => {
    const data = config();
    const dialog = await open(data);
    typeInto(fieldLabelled<HTMLTextAreaElement>(dialog, 'Reason'), '   ');
    buttonNamed(dialog, 'Send').click();
    await vi.waitFor(() => expect(textOf(dialog, 'mat-error')).toBe('Write a reason.'));
    expect(data.send).not.toHaveBeenCalled();
  });

  it('should not send a text shorter than the minimum once trimmed', async () => {
    const data = config({ minLength: 10, error: 'At least 10 characters.' });
    const dialog = await open(data);
    typeInto(fieldLabelled<HTMLTextAreaElement>(dialog, 'Reason'), '   short    ');
    buttonNamed(dialog, 'Send').click();
    await vi.waitFor(() => expect(textOf(dialog, 'mat-error')).toBe('At least 10 characters.'));
    expect(data.send).not.toHaveBeenCalled();
  });

  it('should send an optional text left empty', async () => {
    const data = config({ required: false, error: undefined, cancelLabel: 'Keep it' });
    const dialog = await open(data);
    expect(buttonNamed(dialog, 'Keep it')).toBeTruthy();
    buttonNamed(dialog, 'Send').click();
    await closed();
    expect(data.send).toHaveBeenCalledWith('');
  });

  it('should not send while a projected field is invalid', async () => {
    const extra = new FormControl('', Validators.required);
    const data = config({ extra, initialValue: 'Kept' });
    const dialog = await open(data);
    buttonNamed(dialog, 'Send').click();
    expect(extra.touched).toBe(true);
    expect(data.send).not.toHaveBeenCalled();

    extra.setValue('filled');
    buttonNamed(dialog, 'Send').click();
    await closed();
    expect(data.send).toHaveBeenCalledWith('Kept');
  });

  it('should show a refusal and let the text be sent again', async () => {
    const data = config({ send: vi.fn(async () => Promise.reject(new Error('Refused.'))) });
    const dialog = await open(data);
    typeInto(fieldLabelled<HTMLTextAreaElement>(dialog, 'Reason'), 'Because.');
    buttonNamed(dialog, 'Send').click();
    await vi.waitFor(() => expect(textOf(dialog, '[role=alert]')).not.toBe(''));
    expect(buttonNamed(dialog, 'Send').disabled).toBe(false);
  });
});
