// Small composables the views share: loading a screen's data (with retry), and running a form or a button's action
// with its errors shown next to the field the API names (extensions.field) or at the top of the form.
import { reactive, ref, shallowRef, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { ElMessage } from 'element-plus';
import 'element-plus/es/components/message/style/css';
import { ApiError } from '../shared/gql';
import { t as tt } from '../shared/i18n';

export const errMsg = (e: unknown): string => (e instanceof ApiError ? e.message : tt('出错了，请稍后重试', 'Something went wrong. Please try again.'));

export const toast = (message: string): void => void ElMessage({ message, type: 'success', duration: 2500 });

/** A screen's data: `data` once loaded, `error` (with `reload` for the retry button) when it failed. */
export function useLoad<T>(fn: () => Promise<T>): { data: Ref<T | null>; error: Ref<string>; loading: Ref<boolean>; reload: () => Promise<void> } {
  const data = shallowRef<T | null>(null);
  const error = ref('');
  const loading = ref(true);
  const reload = async () => {
    loading.value = true;
    error.value = '';
    try {
      data.value = await fn();
    } catch (e) {
      error.value = errMsg(e);
    } finally {
      loading.value = false;
    }
  };
  void reload();
  return { data, error, loading, reload };
}

/** A form's submit: busy while running; an ApiError with a field goes to `fields[field]`, any other to `top`. */
export function useSubmit(fn: () => Promise<void>) {
  const busy = ref(false);
  const top = ref('');
  const fields = reactive<Record<string, string>>({});
  const clear = () => {
    top.value = '';
    for (const k of Object.keys(fields)) delete fields[k];
  };
  const submit = async () => {
    if (busy.value) return;
    clear();
    busy.value = true;
    try {
      await fn();
    } catch (e) {
      if (e instanceof ApiError && e.field) fields[e.field] = e.message;
      else top.value = errMsg(e);
    } finally {
      busy.value = false;
    }
  };
  return { busy, top, fields, submit };
}

/** A button's action: busy while running, errors as a message. */
export function useAction<A extends unknown[]>(fn: (...a: A) => Promise<void>) {
  const busy = ref(false);
  const run = async (...a: A) => {
    if (busy.value) return;
    busy.value = true;
    try {
      await fn(...a);
    } catch (e) {
      ElMessage({ message: errMsg(e), type: 'error' });
    } finally {
      busy.value = false;
    }
  };
  return { busy, run };
}

export { useI18n };
