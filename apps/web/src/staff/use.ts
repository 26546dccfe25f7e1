// Small composables the staff screens share: load-then-show with retry, forms whose errors (the page's own or the
// API's, by extensions.field) sit next to their field, and a short confirmation message.
import { ElMessage } from 'element-plus';
import 'element-plus/es/components/message/style/css';
import { nextTick, reactive, ref, shallowRef, type Ref } from 'vue';
import { ApiError } from '../shared/gql';
import { errMsg } from '../shared/ui';

/** `data` once `fetcher` answered; `error` (with `reload`) when it failed. */
export function useLoad<T>(fetcher: () => Promise<T>) {
  const data = shallowRef<T | null>(null) as Ref<T | null>;
  const error = ref('');
  const loading = ref(true);
  let seq = 0;
  const reload = async (): Promise<void> => {
    const mine = ++seq;
    loading.value = true;
    error.value = '';
    try {
      const d = await fetcher();
      if (mine === seq) data.value = d;
    } catch (e) {
      if (mine === seq) error.value = errMsg(e);
    } finally {
      if (mine === seq) loading.value = false;
    }
  };
  void reload();
  return { data, error, loading, reload };
}

/**
 * A form's state: `errors[field]` next to each field (the input named `field` gets aria-invalid and the focus),
 * `formError` at the top for the rest; `submit(fn)` runs fn once at a time and routes its ApiError.
 */
export function useForm(root?: Ref<HTMLElement | null | undefined>) {
  const errors = reactive<Record<string, string>>({});
  const formError = ref('');
  const busy = ref(false);
  const clear = (): void => {
    for (const k of Object.keys(errors)) delete errors[k];
    formError.value = '';
  };
  const show = (e: unknown, fields?: string[]): void => {
    clear();
    const field = e instanceof ApiError ? e.field : undefined;
    const msg = errMsg(e);
    if (field && root && (!fields || fields.includes(field))) {
      errors[field] = msg;
      void nextTick(() => {
        const slot = root.value?.querySelector(`[data-err="${field}"]`);
        if (!slot) {
          // A field this form does not show: the message goes to the top.
          delete errors[field];
          formError.value = msg;
          return;
        }
        root.value?.querySelector<HTMLElement>(`[name="${field}"]`)?.focus();
        slot.scrollIntoView({ block: 'center' });
      });
    } else formError.value = msg;
  };
  const submit = async (fn: () => Promise<void>, fields?: string[]): Promise<void> => {
    if (busy.value) return;
    busy.value = true;
    clear();
    try {
      await fn();
    } catch (e) {
      show(e, fields);
    } finally {
      busy.value = false;
    }
  };
  /** aria-invalid for the input of `field`. */
  const invalid = (field: string): 'true' | undefined => (errors[field] ? 'true' : undefined);
  return { errors, formError, busy, submit, clear, show, invalid };
}

export function toast(message: string): void {
  ElMessage({ message, type: 'success', duration: 3000 });
}

/** A whole number typed into a field (blank or not a number: undefined). */
export function whole(v: string | number | null | undefined): number | undefined {
  const s = String(v ?? '').trim();
  if (!/^-?\d+$/.test(s)) return undefined;
  return parseInt(s, 10);
}
