import { ApiError } from './gql';
import { t } from './i18n';

export const errMsg = (e: unknown): string => (e instanceof ApiError ? e.message : t('出错了，请稍后重试', 'Something went wrong. Please try again.'));

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
