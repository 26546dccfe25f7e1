/**
 * HTML built only through the `html` tag: every interpolated value is escaped
 * unless it is itself the output of `html` (a Safe). `mount` takes only Safe,
 * so nothing from the API or the user reaches innerHTML unescaped.
 */
export class Safe {
  constructor(readonly s: string) {}
}

const ENT: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

export function esc(v: unknown): string {
  return String(v == null ? '' : v).replace(/[&<>"'`]/g, (c) => ENT[c]);
}

function part(v: unknown): string {
  if (v instanceof Safe) return v.s;
  if (Array.isArray(v)) return v.map(part).join('');
  if (v == null || v === false || v === true) return '';
  return esc(v);
}

export function html(strings: TemplateStringsArray, ...vals: unknown[]): Safe {
  let out = strings[0];
  for (let i = 0; i < vals.length; i++) out += part(vals[i]) + strings[i + 1];
  return new Safe(out);
}

export function mount(el: Element, content: Safe): void {
  el.innerHTML = content.s;
}

export const $ = <T extends Element = HTMLElement>(sel: string, root: ParentNode = document): T | null => root.querySelector<T>(sel) as T | null;
export const $$ = <T extends Element = HTMLElement>(sel: string, root: ParentNode = document): T[] => Array.from(root.querySelectorAll<T>(sel)) as T[];

/** `<option>`s; the selected one marked. */
export function options(list: Array<[string, string]>, selected?: string | null, empty?: string): Safe {
  return html`${empty != null ? html`<option value="">${empty}</option>` : ''}${list.map(
    ([v, label]) => html`<option value="${v}"${v === selected ? html` selected` : ''}>${label}</option>`,
  )}`;
}

/** Checkboxes named `name`, the given values checked. */
export function checks(name: string, list: Array<[string, string]>, checked: readonly string[] = []): Safe {
  return html`<div class="checks">${list.map(
    ([v, label]) =>
      html`<label class="check"><input type="checkbox" name="${name}" value="${v}"${checked.includes(v) ? html` checked` : ''}><span>${label}</span></label>`,
  )}</div>`;
}
