// Helpers for component specs: find things the way a user does, by their visible label or name.

/** The form control whose <label> reads `text` (Material form fields render a real label). */
export function fieldLabelled<T extends HTMLElement = HTMLInputElement>(root: ParentNode, text: string): T {
  const label = Array.from(root.querySelectorAll('label')).find(
    (l) => l.textContent?.replace(/\s*\*\s*$/, '').trim() === text,
  );
  if (!label) throw new Error(`No label "${text}"`);
  const control = label.htmlFor
    ? root.querySelector<T>(`[id="${label.htmlFor}"]`)
    : label.querySelector<T>('input, select, textarea');
  if (!control) throw new Error(`No control for label "${text}"`);
  return control;
}

/** The button whose text (ignoring screen-reader-only parts) reads `text`. */
export function buttonNamed(root: ParentNode, text: string): HTMLButtonElement {
  const button = Array.from(root.querySelectorAll('button')).find((b) => visibleText(b) === text);
  if (!button) throw new Error(`No button "${text}"`);
  return button;
}

/** The text a sighted user reads: separate elements stay separate words, screen-reader-only text is left out. */
export function visibleText(element: Element): string {
  const parts: string[] = [];
  const walker = element.ownerDocument.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement?.closest('.sr-only')) parts.push(node.textContent ?? '');
  }
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

export function typeInto(input: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input'));
  input.dispatchEvent(new Event('blur'));
}

export function textOf(root: ParentNode, selector: string): string {
  return root.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}
