import { html, mount, Safe } from '../../shared/html';
import { t } from '../../shared/i18n';
import { EDUCATION, GENDER, km, label, MANDARIN, POSTING_STATUS, salary, SHIFT } from '../../shared/format';
import { ApiError } from '../../shared/gql';
import { api, load, needSignIn, page, withQuery } from './core';

/**
 * 推荐人选: consenting seekers within the pool radius who meet a posting's hard
 * requirements, best fit first (matchCandidates). The list is masked and is not
 * a profile view; 查看档案 opens the talent profile view, which the API logs.
 */

interface MatchPosting {
  id: string;
  title: string;
  status: string;
  shifts: string[];
  minEducation: string | null;
  minMandarinLevel: string | null;
  minTypingSpeed: number | null;
  openingsLeft: number;
  salaryMinFen: number;
  salaryMaxFen: number;
}

interface Match {
  score: number;
  distanceKm: number | null;
  shiftMatch: boolean;
  explanation: string;
  reasons: string[];
  seeker: { id: string; name: string; age: number | null; gender: string | null; regionName: string | null; education: string | null; shifts: string[] };
}

interface MatchPage {
  total: number;
  totalCapped: boolean;
  hasMore: boolean;
  items: Match[];
}

const FIRST = 20;
/** The API pages only through the first 1000 matches (MAX_WINDOW; beyond it: WINDOW_EXCEEDED). */
const WINDOW = 1000;

export const matchPath = (postingId: string, o = 0): string => withQuery(`/postings/${postingId}/match`, { o });

const POSTING_Q = `query($id:ID!){posting(id:$id){id title status shifts minEducation minMandarinLevel minTypingSpeed openingsLeft salaryMinFen salaryMaxFen}}`;
const MATCH_Q = `query($p:ID!,$n:Int!,$o:Int!){matchCandidates(postingId:$p,first:$n,offset:$o){total totalCapped hasMore items{score distanceKm shiftMatch explanation reasons seeker{id name age gender regionName education shifts}}}}`;

/** One hard requirement, "不限" when the posting sets none. */
const req = (name: string, value: string | null): Safe => html`<li><span class="sub">${name}</span> <b>${value || t('不限', 'Any')}</b></li>`;

function header(x: MatchPosting): Safe {
  return html`<section class="card match-head"><div class="row-between"><h1>${t('推荐人选', 'Recommended candidates')} · ${x.title}</h1>
<span class="badge st-${x.status}">${label(POSTING_STATUS, x.status)}</span></div>
<p class="sub">${salary(x.salaryMinFen, x.salaryMaxFen)} · ${t(`剩余名额 ${x.openingsLeft}`, `${x.openingsLeft} openings left`)}</p>
<ul class="reqs" aria-label="${t('硬性要求', 'Hard requirements')}">
${req(t('普通话', 'Mandarin'), x.minMandarinLevel ? t(`${label(MANDARIN, x.minMandarinLevel)}及以上`, `${label(MANDARIN, x.minMandarinLevel)} or above`) : null)}
${req(t('打字速度', 'Typing'), x.minTypingSpeed ? t(`≥ ${x.minTypingSpeed} 字/分`, `≥ ${x.minTypingSpeed} chars/min`) : null)}
${req(t('学历', 'Education'), x.minEducation ? t(`${label(EDUCATION, x.minEducation)}及以上`, `${label(EDUCATION, x.minEducation)} or above`) : null)}
${req(t('班次（可上者优先）', 'Shifts (preferred)'), x.shifts.map((s) => label(SHIFT, s)).join(' / '))}
</ul>
<p class="hint">${t(
    '范围：基地 300 公里内、已授权向基地企业共享资料的求职者，按匹配度排序；信息已脱敏。已投递或已录用本岗位的人不在此列（请在“查看投递”中处理）。',
    'Consenting seekers within 300 km of the base, best fit first, masked. People who already applied for or were hired to this posting are not listed (see Applications).',
  )}</p>
${x.status !== 'OPEN' ? html`<p class="hint warn">${t('该岗位未在招聘中，求职者暂时看不到它。', 'This posting is not open: seekers cannot see it.')}</p>` : ''}
<p class="row"><a class="btn small" href="#/applications?posting=${x.id}">${t('查看投递', 'Applications')}</a> <a class="btn small" href="#/postings/${x.id}/edit">${t('修改要求', 'Edit requirements')}</a> <a class="btn small link" href="#/postings">‹ ${t('返回岗位管理', 'Back to postings')}</a></p></section>`;
}

function count(m: MatchPage): Safe {
  return html`<p class="match-count">${
    m.totalCapped
      ? t(`符合硬性要求的人选超过 ${WINDOW} 名，仅列出前 ${WINDOW} 名`, `More than ${WINDOW} candidates meet the requirements; the first ${WINDOW} are listed`)
      : t(`共 ${m.total} 名人选符合硬性要求`, `${m.total} candidates meet the requirements`)
  }</p>`;
}

function pager(postingId: string, m: MatchPage, offset: number): Safe {
  const prev = offset > 0;
  const next = m.hasMore && offset + FIRST < WINDOW;
  if (!prev && !m.hasMore) return html``;
  const pages = Math.max(1, Math.ceil(Math.min(m.total, WINDOW) / FIRST));
  const cur = Math.floor(offset / FIRST) + 1;
  return html`<nav class="pager">${prev ? html`<a href="#${matchPath(postingId, Math.max(0, offset - FIRST))}" rel="prev">${t('上一页', 'Previous')}</a>` : ''}
<span>${t(`第 ${cur} / ${pages} 页`, `Page ${cur} of ${pages}`)}${m.totalCapped ? t(`（前 ${WINDOW} 名）`, ` (first ${WINDOW})`) : ''}</span>
${next ? html`<a href="#${matchPath(postingId, offset + FIRST)}" rel="next">${t('下一页', 'Next')}</a>` : ''}
${m.hasMore && !next ? html`<span class="sub">${t(`仅可浏览前 ${WINDOW} 名，可提高岗位要求缩小范围`, `Only the first ${WINDOW} can be browsed; raise the requirements to narrow the list`)}</span>` : ''}</nav>`;
}

function row(m: Match, rank: number, back: string): Safe {
  const s = m.seeker;
  const who = [label(GENDER, s.gender), s.age ? t(`${s.age}岁`, `${s.age} y`) : '', s.education ? label(EDUCATION, s.education) : '']
    .filter(Boolean)
    .join(' · ');
  return html`<tr data-seeker="${s.id}" data-rank="${rank}"><td class="rank">${rank}</td>
<td><b class="name">${s.name}</b><div class="sub who">${who}</div></td>
<td class="dist"><span class="km">${m.distanceKm != null ? km(m.distanceKm) : '—'}</span><div class="sub">${s.regionName || ''}</div></td>
<td class="score" title="${t('匹配分，越高越合适', 'Fit score, higher is better')}">${m.score.toFixed(1)}</td>
<td><div class="chips" title="${m.explanation}">${m.reasons.map((r) => html`<span class="tag">${r}</span>`)}</div></td>
<td>${
    m.shiftMatch
      ? html`<span class="badge shift-yes" title="${(s.shifts || []).map((x) => label(SHIFT, x)).join('、')}">✓ ${t('可上班次', 'Can work the shifts')}</span>`
      : html`<span class="badge shift-no" title="${(s.shifts || []).map((x) => label(SHIFT, x)).join('、')}">${t('班次不符', 'Other shifts')}</span>`
  }</td>
<td class="acts"><a class="btn small" href="#/talent/${s.id}?back=${encodeURIComponent(back)}">${t('查看档案', 'View profile')}</a></td></tr>`;
}

export function matchScreen(params: { id: string }, q: URLSearchParams): void {
  if (needSignIn()) return;
  const p = page(t('推荐人选', 'Recommended candidates'), '/postings');
  const id = params.id;
  const offset = Math.max(0, parseInt(q.get('o') || '0', 10) || 0);
  const back = matchPath(id, offset);
  void load(
    p,
    () =>
      Promise.all([
        api.request<{ posting: MatchPosting }>(POSTING_Q, { id }),
        // WINDOW_EXCEEDED is drawn under the posting, not as a retry box: retrying would fail the same way.
        api.request<{ matchCandidates: MatchPage }>(MATCH_Q, { p: id, n: FIRST, o: offset }).catch((e: unknown) => {
          if (e instanceof ApiError && e.code === 'WINDOW_EXCEEDED') return e;
          throw e;
        }),
      ]),
    ([{ posting }, r]) => {
      if (r instanceof ApiError) {
        mount(
          p.el,
          html`${header(posting)}<div class="error-box window" role="alert"><p><b>${r.message}</b></p>
<p>${t(`推荐人选按匹配度排序，只能浏览前 ${WINDOW} 名；最合适的人选在前几页。`, `Candidates are ranked by fit and only the first ${WINDOW} can be browsed; the best fits are on the first pages.`)}</p>
<p class="row"><a class="btn small" href="#${matchPath(id)}">${t('回到第一页', 'Back to the first page')}</a> <a class="btn small" href="#/postings/${id}/edit">${t('提高岗位要求', 'Raise the requirements')}</a></p></div>`,
        );
        return;
      }
      const m = r.matchCandidates;
      mount(
        p.el,
        html`${header(posting)}
${
  m.items.length
    ? html`${count(m)}<table class="table match"><thead><tr><th>${t('排名', 'Rank')}</th><th>${t('姓名', 'Name')}</th><th>${t('距离', 'Distance')}</th><th>${t('匹配分', 'Score')}</th><th>${t('匹配说明', 'Why')}</th><th>${t('班次', 'Shifts')}</th><th></th></tr></thead><tbody>
${m.items.map((x, i) => row(x, offset + i + 1, back))}</tbody></table>`
    : offset > 0 && m.total > 0
      ? html`<p class="empty">${t('这一页没有人选了。', 'No candidates on this page.')} <a href="#${matchPath(id)}">${t('回到第一页', 'Back to the first page')}</a></p>`
      : html`<div class="empty match-empty"><p><b>${t('暂无符合硬性要求的人选，可放宽要求', 'Nobody meets the hard requirements yet; consider relaxing them')}</b></p>
<p><a class="btn small" href="#/postings/${id}/edit">${t('修改岗位要求', 'Edit the requirements')}</a></p></div>`
}
${pager(id, m, offset)}
<p class="hint">${t('列表不计入查看记录；打开档案会记录为本企业的一次查看，并告知求职者本人。', 'The list is not a profile view; opening a profile is logged for your company and shown to the seeker.')}</p>`,
      );
    },
  );
}
