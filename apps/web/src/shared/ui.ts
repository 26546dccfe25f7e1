import { ApiError } from './gql';
import { $, $$, html, mount, Safe } from './html';
import { t } from './i18n';

export const errMsg = (e: unknown): string => (e instanceof ApiError ? e.message : t('出错了，请稍后重试', 'Something went wrong. Please try again.'));

/** An error panel with a retry button (network trouble is the common case on township 3G). */
export function showError(el: Element, e: unknown, retry?: () => void): void {
  mount(
    el,
    html`<div class="error-box" role="alert"><p>${errMsg(e)}</p>${retry ? html`<button type="button" class="btn retry">${t('重试', 'Retry')}</button>` : ''}</div>`,
  );
  const b = $('.retry', el);
  if (b && retry) b.addEventListener('click', retry);
}

export const loading = (): Safe => html`<p class="loading">${t('加载中…', 'Loading…')}</p>`;

/** Puts an API error next to the field it names (extensions.field), or at the form's top. */
export function showFormError(form: HTMLFormElement, e: unknown): void {
  clearFormErrors(form);
  const field = e instanceof ApiError ? e.field : undefined;
  const slot = field ? $(`[data-err="${field}"]`, form) : null;
  if (slot) {
    slot.textContent = errMsg(e);
    slot.hidden = false;
    const input = $<HTMLElement>(`[name="${field}"]`, form);
    if (input) {
      input.setAttribute('aria-invalid', 'true');
      input.focus();
    }
    slot.scrollIntoView({ block: 'center' });
    return;
  }
  const top = $('.form-err', form);
  if (top) {
    top.textContent = errMsg(e);
    top.hidden = false;
    top.scrollIntoView({ block: 'center' });
  } else toast(errMsg(e));
}

export function clearFormErrors(form: HTMLFormElement): void {
  for (const s of $$('.ferr, .form-err', form)) {
    s.textContent = '';
    s.hidden = true;
  }
  for (const i of $$('[aria-invalid]', form)) i.removeAttribute('aria-invalid');
}

/** A field's error slot. */
export const ferr = (field: string): Safe => html`<p class="ferr" data-err="${field}" hidden></p>`;

/** Runs `fn` on submit with the submit button disabled; errors go to the form. */
export function onSubmit(form: HTMLFormElement, fn: (v: Values) => Promise<void>): void {
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const btn = $<HTMLButtonElement>('button[type=submit]', form);
    if (btn && btn.disabled) return;
    clearFormErrors(form);
    if (btn) btn.disabled = true;
    try {
      await fn(new Values(form));
    } catch (e) {
      showFormError(form, e);
    } finally {
      if (btn) btn.disabled = false;
    }
  });
}

/** Runs `fn` on click with the button disabled meanwhile; errors as a toast. */
export function onClick(btn: Element | null, fn: () => Promise<void> | void): void {
  if (!btn) return;
  btn.addEventListener('click', async () => {
    const b = btn as HTMLButtonElement;
    if (b.disabled) return;
    b.disabled = true;
    try {
      await fn();
    } catch (e) {
      toast(errMsg(e));
    } finally {
      b.disabled = false;
    }
  });
}

export class Values {
  constructor(private readonly form: HTMLFormElement) {}
  private el(name: string): HTMLInputElement | null {
    return this.form.elements.namedItem(name) as HTMLInputElement | null;
  }
  str(name: string): string {
    const e = this.el(name);
    return e ? String(e.value).trim() : '';
  }
  /** Trimmed text, or undefined when empty. */
  opt(name: string): string | undefined {
    return this.str(name) || undefined;
  }
  /** Integer, undefined when empty, NaN when not a whole number. */
  int(name: string): number | undefined {
    const s = this.str(name);
    if (!s) return undefined;
    return /^\d+$/.test(s) ? parseInt(s, 10) : NaN;
  }
  all(name: string): string[] {
    return $$<HTMLInputElement>(`input[name="${name}"]:checked`, this.form).map((i) => i.value);
  }
}

let toastTimer: ReturnType<typeof setTimeout> | undefined;
export function toast(msg: string): void {
  let el = $('#toast');
  if (!el) {
    el = document.createElement('div');
    el.id = 'toast';
    el.setAttribute('role', 'status');
    document.body.appendChild(el);
  }
  el.textContent = msg;
  el.className = 'show';
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => el && (el.className = ''), 3500);
}

/** Saves `data` as a JSON file download. */
export function download(name: string, data: unknown): void {
  saveBlob(name, new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
}

/** Saves a blob (e.g. a spreadsheet from the API) as a file download. */
export function saveBlob(name: string, blob: Blob): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.hidden = true;
  document.body.appendChild(a);
  a.click();
  // Out of the page at once (an empty link left behind is an unnamed link to screen readers); the URL a little later.
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 30_000);
}

/** A screen being drawn into `el`; `live()` is false once the user navigated elsewhere, so async work must not draw. */
export interface Page {
  el: HTMLElement;
  live(): boolean;
}

/** Loads then draws; on failure an error with a retry button. */
export async function load<T>(p: Page, fetcher: () => Promise<T>, draw: (d: T) => void): Promise<void> {
  const run = async () => {
    mount(p.el, loading());
    try {
      const d = await fetcher();
      if (p.live()) draw(d);
    } catch (e) {
      if (p.live()) showError(p.el, e, run);
    }
  };
  await run();
}
