import { ApiError, Client } from '../shared/gql';
import { $, $$, html, mount, Safe } from '../shared/html';
import { t } from '../shared/i18n';
import { ferr, onSubmit } from '../shared/ui';

/**
 * The HR page's scorecard panel. The page is served by the API's origin
 * (/interview/hr.html), so the HR workbench's stored session (localStorage
 * "tc.hr", same origin) calls /graphql here too. Interview id = the room.
 * All text goes through the `html` tag (escaped).
 */

const HR_SESSION_KEY = 'tc.hr';
const SCORES = [1, 2, 3, 4, 5];
const OUTCOMES: Array<[Outcome, string, string]> = [
  ['PASS', '通过', 'Pass'],
  ['FAIL', '不通过', 'Fail'],
  ['NO_SHOW', '未到场', 'No-show'],
];
type Outcome = 'PASS' | 'FAIL' | 'NO_SHOW';

interface Criterion {
  name: string;
  weight: number;
  description: string | null;
}
interface Template {
  id: string;
  name: string;
  criteria: Criterion[];
}
interface Scorecard {
  templateId: string | null;
  templateName: string;
  notes: string | null;
  ratings: Array<{ criterion: string; score: number; note: string | null; weight: number }>;
  weightedScore: number;
  finalizedAt: string | null;
}
interface Interview {
  id: string;
  status: string;
  outcome: Outcome | null;
  postingTitle: string;
  startsAtLocal: string | null;
}
interface Data {
  interview: Interview;
  interviewScorecard: Scorecard | null;
  scorecardTemplates: Template[];
}

const LOAD = `query($id:ID!){interview(id:$id){id status outcome postingTitle startsAtLocal}
interviewScorecard(interviewId:$id){templateId templateName notes weightedScore finalizedAt ratings{criterion score note weight}}
scorecardTemplates{id name criteria{name weight description}}}`;
const SAVE = `mutation($i:SaveScorecardInput!){saveInterviewScorecard(input:$i){templateId templateName notes weightedScore finalizedAt ratings{criterion score note weight}}}`;
const OUTCOME = `mutation($i:RecordOutcomeInput!){recordInterviewOutcome(input:$i){id status outcome}}`;

const outcomeLabel = (o: string): string => {
  const found = OUTCOMES.find(([v]) => v === o);
  return found ? t(found[1], found[2]) : o;
};
const bi = (zh: string, en: string): string => `${zh} · ${en}`;

/** Wires the panel: a sign-in hint without a session, otherwise the scorecard (mounted once the page has joined). */
export function setupScorecard(room: string): void {
  const panel = window.__interview.scorecardElement();
  if (!panel || !room) return;
  const api = new Client(HR_SESSION_KEY);
  if (!api.session) return signInHint(panel);
  api.onSignedOut = () => signInHint(panel);
  let mounted = false;
  window.__interview.mountScorecard((el) => {
    // Called on every change of the call; the form is drawn once and keeps what HR typed.
    if (mounted) return;
    mounted = true;
    void new ScorecardPanel(el, api, room).load();
  });
}

function signInHint(panel: HTMLElement): void {
  mount(
    panel,
    html`<h2>评分表 <small lang="en">Scorecard</small></h2>
<p class="sc-hint">${bi('请在HR工作台登录后填写评分', 'Sign in to the HR workbench to fill in the scorecard')}</p>
<p><a class="sc-link" href="/hr/" target="_blank" rel="noopener">${bi('前往HR工作台', 'Open the HR workbench')}</a></p>`,
  );
}

class ScorecardPanel {
  private data: Data | null = null;

  constructor(
    private readonly el: HTMLElement,
    private readonly api: Client,
    private readonly interviewId: string,
  ) {}

  async load(): Promise<void> {
    mount(this.el, html`${this.heading()}<p class="placeholder">${t('加载中…', 'Loading…')}</p>`);
    try {
      this.data = await this.api.request<Data>(LOAD, { id: this.interviewId });
    } catch (e) {
      if (!this.api.session) return; // signed out: the hint is shown
      mount(
        this.el,
        html`${this.heading()}<p class="sc-error" role="alert">${errText(e)}</p><button type="button" class="sc-retry">${t('重试', 'Retry')}</button>`,
      );
      $('.sc-retry', this.el)!.addEventListener('click', () => void this.load());
      return;
    }
    this.draw();
  }

  private heading(): Safe {
    const iv = this.data && this.data.interview;
    return html`<h2>评分表 <small lang="en">Scorecard</small></h2>${iv ? html`<p class="sc-sub">${iv.postingTitle}${iv.startsAtLocal ? html` · ${iv.startsAtLocal}` : ''}</p>` : ''}`;
  }

  private template(): Template | null {
    const d = this.data!;
    const sc = d.interviewScorecard;
    return (sc && d.scorecardTemplates.find((x) => x.id === sc.templateId)) || d.scorecardTemplates[0] || null;
  }

  private draw(): void {
    const d = this.data!;
    const iv = d.interview;
    const sc = d.interviewScorecard;
    const open = (iv.status === 'SCHEDULED' || iv.status === 'LIVE') && !(sc && sc.finalizedAt);
    if (!open) return this.drawFinal();
    const tpl = this.template();
    if (!tpl) {
      mount(
        this.el,
        html`${this.heading()}<p class="sc-hint">${bi('本企业尚未设置评分模板，请先在HR工作台创建', 'No scorecard template yet: create one in the HR workbench')}</p>${this.outcomeForm()}`,
      );
      this.wireOutcome();
      return;
    }
    const given = new Map((sc ? sc.ratings : []).map((r) => [r.criterion, r]));
    mount(
      this.el,
      html`${this.heading()}<form id="sc-form" class="sc-form" novalidate>
<p class="sc-tpl">${tpl.name}${sc ? html` · <span class="sc-score">${t('加权得分', 'Weighted score')} <b data-score>${sc.weightedScore.toFixed(2)}</b></span>` : ''}</p>
<p class="form-err sc-error" role="alert" hidden></p>
${tpl.criteria.map((c, i) => {
  const r = given.get(c.name);
  return html`<fieldset class="sc-criterion" data-criterion="${c.name}"><legend>${c.name} <small>×${c.weight}</small></legend>
${c.description ? html`<p class="sc-desc">${c.description}</p>` : ''}
<div class="sc-scores" role="radiogroup" aria-label="${c.name}">${SCORES.map(
    (n) => html`<label><input type="radio" name="score-${i}" value="${n}"${r && r.score === n ? html` checked` : ''}><span>${n}</span></label>`,
  )}</div>
<input name="note-${i}" maxlength="500" value="${r && r.note ? r.note : ''}" placeholder="${t('评语（可选）', 'Note (optional)')}">
${ferr(`score-${i}`)}</fieldset>`;
})}
${ferr('ratings')}
<label class="sc-notes"><span>${t('总体评价', 'Overall notes')}</span><textarea name="notes" rows="3" maxlength="2000">${sc && sc.notes ? sc.notes : ''}</textarea></label>
${ferr('notes')}
<button type="submit" class="primary" id="sc-save">${t('保存评分', 'Save scorecard')}</button>
<p class="sc-saved" role="status" hidden></p>
</form>${this.outcomeForm()}`,
    );
    const form = $<HTMLFormElement>('#sc-form', this.el)!;
    onSubmit(form, async () => {
      $('.sc-saved', form)!.hidden = true;
      const ratings = tpl.criteria.map((c, i) => {
        const checked = $<HTMLInputElement>(`input[name="score-${i}"]:checked`, form);
        if (!checked) throw new ApiError(t(`请为「${c.name}」评分（1–5分）`, `Rate "${c.name}" (1–5)`), 'BAD_USER_INPUT', `score-${i}`);
        const note = (form.elements.namedItem(`note-${i}`) as HTMLInputElement).value.trim();
        return { criterion: c.name, score: Number(checked.value), note: note || null };
      });
      const notes = (form.elements.namedItem('notes') as HTMLTextAreaElement).value.trim();
      const r = await this.api.request<{ saveInterviewScorecard: Scorecard }>(SAVE, {
        i: { interviewId: this.interviewId, templateId: tpl.id, ratings, notes: notes || null },
      });
      this.data!.interviewScorecard = r.saveInterviewScorecard;
      const saved = $('.sc-saved', form)!;
      saved.textContent = t(
        `已保存，加权得分 ${r.saveInterviewScorecard.weightedScore.toFixed(2)}`,
        `Saved: weighted score ${r.saveInterviewScorecard.weightedScore.toFixed(2)}`,
      );
      saved.hidden = false;
      form.dataset.saved = String(Date.now());
    });
    this.wireOutcome();
  }

  private outcomeForm(): Safe {
    return html`<form id="sc-outcome" class="sc-outcome" novalidate>
<h3>${t('面试结论', 'Outcome')}</h3>
<p class="form-err sc-error" role="alert" hidden></p>
<div class="sc-outcomes">${OUTCOMES.map(([v, zh, en]) => html`<label><input type="radio" name="outcome" value="${v}"><span>${t(zh, en)}</span></label>`)}</div>
${ferr('outcome')}
<input name="reason" maxlength="200" placeholder="${t('说明（可选）', 'Reason (optional)')}">
${ferr('reason')}
<button type="submit" id="sc-record">${t('记录结论', 'Record outcome')}</button>
<div class="sc-confirm" hidden><p></p><button type="button" class="danger" id="sc-confirm-yes">${t('确认', 'Confirm')}</button> <button type="button" id="sc-confirm-no">${t('取消', 'Cancel')}</button></div>
</form>`;
  }

  /** Two steps: choose and click "record", then confirm (the outcome moves the application and locks the scorecard). */
  private wireOutcome(): void {
    const form = $<HTMLFormElement>('#sc-outcome', this.el)!;
    const box = $('.sc-confirm', form)!;
    const record = $<HTMLButtonElement>('#sc-record', form)!;
    let chosen: Outcome | null = null;
    const reset = () => {
      chosen = null;
      box.hidden = true;
      record.hidden = false;
    };
    onSubmit(form, async () => {
      const checked = $<HTMLInputElement>('input[name="outcome"]:checked', form);
      if (!checked) throw new ApiError(t('请选择面试结论', 'Choose an outcome'), 'BAD_USER_INPUT', 'outcome');
      chosen = checked.value as Outcome;
      $('p', box)!.textContent =
        chosen === 'NO_SHOW'
          ? t('确认记录为「未到场」？投递阶段不变。', 'Record "No-show"? The application stays where it is.')
          : t(
              `确认记录为「${outcomeLabel(chosen)}」？投递将转为「${chosen === 'PASS' ? '录用意向' : '未通过'}」，评分表随即锁定。`,
              `Record "${outcomeLabel(chosen)}"? The application moves to ${chosen === 'PASS' ? 'OFFER' : 'REJECTED'} and the scorecard is locked.`,
            );
      box.hidden = false;
      record.hidden = true;
    });
    for (const i of $$<HTMLInputElement>('input[name="outcome"]', form)) i.addEventListener('change', reset);
    $('#sc-confirm-no', form)!.addEventListener('click', reset);
    const yes = $<HTMLButtonElement>('#sc-confirm-yes', form)!;
    yes.addEventListener('click', async () => {
      if (!chosen || yes.disabled) return;
      yes.disabled = true;
      const reason = (form.elements.namedItem('reason') as HTMLInputElement).value.trim();
      try {
        const r = await this.api.request<{ recordInterviewOutcome: { status: string; outcome: Outcome } }>(OUTCOME, {
          i: { interviewId: this.interviewId, outcome: chosen, reason: reason || null },
        });
        this.data!.interview.status = r.recordInterviewOutcome.status;
        this.data!.interview.outcome = r.recordInterviewOutcome.outcome;
        if (this.data!.interviewScorecard && chosen !== 'NO_SHOW') this.data!.interviewScorecard.finalizedAt = new Date().toISOString();
        this.drawFinal();
      } catch (e) {
        reset();
        const field = e instanceof ApiError && e.field === 'reason' ? 'reason' : 'outcome';
        const slot = $(`[data-err="${field}"]`, form)!;
        slot.textContent = errText(e);
        slot.hidden = false;
      } finally {
        yes.disabled = false;
      }
    });
  }

  /** After the outcome (or when the interview is over): read only. */
  private drawFinal(): void {
    const d = this.data!;
    const sc = d.interviewScorecard;
    mount(
      this.el,
      html`${this.heading()}<div class="sc-final" data-outcome="${d.interview.outcome || ''}">
${d.interview.outcome ? html`<p>${t('面试结论', 'Outcome')}：<b>${outcomeLabel(d.interview.outcome)}</b></p>` : html`<p>${t('面试已结束', 'The interview is over')}</p>`}
${
  sc
    ? html`<p class="sc-tpl">${sc.templateName} · ${t('加权得分', 'Weighted score')} <b>${sc.weightedScore.toFixed(2)}</b></p>
<ul class="sc-ratings">${sc.ratings.map((r) => html`<li>${r.criterion}：<b>${r.score}</b>${r.note ? html` · ${r.note}` : ''}</li>`)}</ul>
${sc.notes ? html`<p class="sc-desc">${sc.notes}</p>` : ''}`
    : ''
}
</div>`,
    );
  }
}

/** The API's message (Chinese first, as the HR app shows it), or a generic one. */
function errText(e: unknown): string {
  return e instanceof ApiError ? e.message : t('出错了，请稍后重试', 'Something went wrong. Please try again.');
}
