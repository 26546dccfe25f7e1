// Small shared pieces of page state: the header's title when a screen names itself (a job's title), the job
// board's last tab (back from a job returns to it), loading with retry, and form errors next to their fields.
import { nextTick, reactive, ref, type Ref } from 'vue';
import { ApiError } from '../shared/gql';
import { errMsg } from './api';

/** The board's tab last chosen: 为你推荐 ('rec') first for a signed-in seeker, or 全部岗位 ('all'). */
export const board = reactive({ tab: 'rec' as 'rec' | 'all' });

/** A screen's data: loading, failed (with the message) or there. `run` loads again (the error box's 重试). */
export interface Loaded<T> {
  data: T | null;
  error: string;
  loading: boolean;
  run(): Promise<void>;
}
export function useLoad<T>(fetcher: () => Promise<T>, immediate = true): Loaded<T> {
  const s = reactive({
    data: null,
    error: '',
    loading: false,
    async run() {
      s.loading = true;
      s.error = '';
      try {
        s.data = (await fetcher()) as never;
      } catch (e) {
        s.error = errMsg(e);
      } finally {
        s.loading = false;
      }
    },
  }) as Loaded<T>;
  if (immediate) void s.run();
  return s;
}

/** Errors of a form: per field (the API's extensions.field) or for the whole form, and a busy flag for its button. */
export function useFormErrors(formRef: Ref<HTMLElement | null | undefined>) {
  const errors = reactive<Record<string, string>>({});
  const formError = ref('');
  const busy = ref(false);
  const clear = () => {
    for (const k of Object.keys(errors)) delete errors[k];
    formError.value = '';
  };
  /** Shows an error by its field (focusing the input), else at the form's top. */
  const show = async (e: unknown, fallbackField?: string) => {
    clear();
    const field = e instanceof ApiError ? e.field || fallbackField : undefined;
    const input = field ? formRef.value?.querySelector<HTMLElement>(`[name="${field}"]`) : null;
    if (field && input) {
      errors[field] = errMsg(e);
      await nextTick();
      input.focus();
      input.scrollIntoView({ block: 'center' });
    } else {
      formError.value = errMsg(e);
      await nextTick();
      formRef.value?.querySelector('.form-err')?.scrollIntoView({ block: 'center' });
    }
  };
  /** Runs `fn` with the button busy; its error goes to the form. */
  const submit = async (fn: () => Promise<void>) => {
    if (busy.value) return;
    clear();
    busy.value = true;
    try {
      await fn();
    } catch (e) {
      await show(e);
    } finally {
      busy.value = false;
    }
  };
  return { errors, formError, busy, clear, show, submit };
}
