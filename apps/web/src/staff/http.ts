// The REST side of the schools context (upload, spreadsheet downloads) with the staff session's bearer token. An
// expired access token is rotated by one cheap GraphQL request (the shared client refreshes on INVALID_TOKEN), then
// the call is made once more.
import { ApiError } from '../shared/gql';
import { t } from '../shared/i18n';
import { saveBlob } from '../shared/ui';
import { api } from './api';

interface RestError {
  code?: string;
  message?: string;
  messageEn?: string;
  field?: string;
}

const NETWORK = () => new ApiError(t('网络连接失败，请检查网络后重试', 'Network error. Check your connection and try again.'), 'NETWORK');

function toError(status: number, body: RestError | null): ApiError {
  if (body && body.message) return new ApiError(t(body.message, body.messageEn || body.message), body.code || 'ERROR', body.field || undefined);
  if (status === 413) return new ApiError(t('文件过大，请拆分后分批上传', 'The file is too large; split it and upload in parts'), 'FILE_TOO_LARGE', 'file');
  return new ApiError(
    status >= 500
      ? t('服务器暂时无法访问，请稍后重试', 'The server is unavailable. Please try again later.')
      : t('出错了，请稍后重试', 'Something went wrong. Please try again.'),
    'HTTP_' + status,
  );
}

function parse(text: string): RestError | null {
  try {
    const v = JSON.parse(text);
    return v && typeof v === 'object' ? v : null;
  } catch {
    return null;
  }
}

/** True when the session was rotated (so a retry may succeed); false: signed out. */
async function refreshed(): Promise<boolean> {
  const before = api.session?.accessToken;
  try {
    await api.request(`{me{id}}`);
  } catch {
    return false;
  }
  return !!api.session && api.session.accessToken !== before;
}

const token = (): string => api.session?.accessToken ?? '';

/** Multipart POST with upload progress (fetch has none); resolves with the JSON body of a 2xx answer. */
export async function upload<T>(url: string, form: FormData, onProgress: (percent: number) => void): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const r = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const x = new XMLHttpRequest();
      x.open('POST', url);
      x.setRequestHeader('authorization', 'Bearer ' + token());
      x.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.floor((e.loaded / e.total) * 100));
      x.onload = () => resolve({ status: x.status, text: x.responseText });
      x.onerror = () => reject(NETWORK());
      x.ontimeout = () => reject(NETWORK());
      x.timeout = 10 * 60_000;
      x.send(form);
    });
    const body = parse(r.text);
    if (r.status >= 200 && r.status < 300 && body) return body as T;
    if (r.status === 401 && attempt === 0 && (await refreshed())) continue;
    throw toError(r.status, body);
  }
}

/** GET a spreadsheet with the bearer token and save it under the name the API gives (Content-Disposition filename*). */
export async function downloadFile(url: string, fallbackName: string): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    let res: Response;
    try {
      res = await fetch(url, { headers: { authorization: 'Bearer ' + token() } });
    } catch {
      throw NETWORK();
    }
    if (res.status === 401 && attempt === 0 && (await refreshed())) continue;
    if (!res.ok) throw toError(res.status, parse(await res.text().catch(() => '')));
    const name = fileName(res.headers.get('content-disposition')) || fallbackName;
    saveBlob(name, await res.blob());
    return name;
  }
}

function fileName(cd: string | null): string | null {
  if (!cd) return null;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      /* fall through */
    }
  }
  const plain = /filename="([^"]+)"/i.exec(cd);
  return plain ? plain[1] : null;
}
