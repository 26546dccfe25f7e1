// The bureau's session and the REST side (bank files, evidence) with the same bearer token as GraphQL.
import { ApiError, Client } from '../shared/gql';
import { t } from '../shared/i18n';
import { saveBlob } from '../shared/ui';

/** The bureau's own session (localStorage `tc.bureau`), separate from the other apps'. */
export const client = new Client('tc.bureau');

/** Roles this desk serves: the HR bureau's auditors. */
export const BUREAU_ROLES = ['AUDITOR'];

export const signedIn = (): boolean => !!client.session && BUREAU_ROLES.includes(client.session.role);

const NETWORK = () => new ApiError(t('网络连接失败，请检查网络后重试', 'Network error. Check your connection and try again.'), 'NETWORK');

/** True when the session was rotated (so a retry may succeed); false: signed out. */
async function refreshed(): Promise<boolean> {
  const before = client.session?.accessToken;
  try {
    await client.request(`{me{id}}`);
  } catch {
    return false;
  }
  return !!client.session && client.session.accessToken !== before;
}

/** GET with the bearer token; one retry after a token rotation. */
async function get(url: string): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    let res: Response;
    try {
      res = await fetch(url, { headers: { authorization: `Bearer ${client.session?.accessToken ?? ''}` } });
    } catch {
      throw NETWORK();
    }
    if (res.status === 401 && attempt === 0 && (await refreshed())) continue;
    if (!res.ok) {
      const body = (await res.json().catch(() => null)) as { code?: string; message?: string; messageEn?: string } | null;
      throw new ApiError(
        body?.message ? t(body.message, body.messageEn || body.message) : t('出错了，请稍后重试', 'Something went wrong. Please try again.'),
        body?.code || `HTTP_${res.status}`,
      );
    }
    return res;
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

/** Downloads a file from the API (e.g. a batch's bank file) under the name the API gives; returns that name. */
export async function downloadFile(url: string, fallbackName: string): Promise<string> {
  const res = await get(url);
  const name = fileName(res.headers.get('content-disposition')) || fallbackName;
  saveBlob(name, await res.blob());
  return name;
}

/** An object URL of a file from the API, for an in-page preview (<img> / <iframe>); revoke it when done. */
export async function blobUrl(url: string): Promise<{ url: string; type: string }> {
  const res = await get(url);
  const blob = await res.blob();
  return { url: URL.createObjectURL(blob), type: blob.type };
}

/** The evidence route of the subsidies API: the bytes of one file of a claim (PDF / JPG / PNG), for the in-page preview. */
export const evidenceUrl = (evidenceId: string): string => `/subsidies/evidence/${encodeURIComponent(evidenceId)}`;

/** A refused upload: the API's message (zh/en), its code and machine-readable details (e.g. a list's bad rows). */
export class UploadRefused extends ApiError {
  constructor(
    message: string,
    code: string,
    readonly details: Record<string, unknown>,
  ) {
    super(message, code);
  }
}

/** POSTs a multipart form (a file upload) with the bearer token; one retry after a token rotation. Returns the JSON body. */
export async function postForm<T>(url: string, form: () => FormData): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    let res: Response;
    try {
      res = await fetch(url, { method: 'POST', body: form(), headers: { authorization: `Bearer ${client.session?.accessToken ?? ''}` } });
    } catch {
      throw NETWORK();
    }
    if (res.status === 401 && attempt === 0 && (await refreshed())) continue;
    const body = (await res.json().catch(() => null)) as
      (T & { code?: string; message?: string; messageEn?: string; details?: Record<string, unknown> }) | null;
    if (!res.ok) {
      throw new UploadRefused(
        body?.message ? t(body.message, body.messageEn || body.message) : t('出错了，请稍后重试', 'Something went wrong. Please try again.'),
        body?.code || `HTTP_${res.status}`,
        body?.details ?? {},
      );
    }
    return body as T;
  }
}

/** The bureau's category-list upload (REST: the bytes); the versions are GraphQL (categoryLists). */
export const CATEGORY_LIST_UPLOAD_URL = '/talent/category-lists';
