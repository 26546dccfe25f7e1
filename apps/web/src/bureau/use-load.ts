import { reactive } from 'vue';

/** A screen's data: loading, the result or the error message; `reload()` runs the query again. */
export function useLoad<T>(fn: () => Promise<T>) {
  const state = reactive({
    loading: false,
    data: null as T | null,
    error: '',
    async reload() {
      state.loading = true;
      state.error = '';
      try {
        state.data = (await fn()) as never;
      } catch (e) {
        state.error = e instanceof Error ? e.message : String(e);
      } finally {
        state.loading = false;
      }
    },
  });
  void state.reload();
  return state;
}
