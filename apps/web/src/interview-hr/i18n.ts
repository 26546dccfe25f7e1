// The HR interview page's texts for vue-i18n: the call's (../interview/texts.ts), the booth queue's and the
// scorecard's, zh-CN first.
import { createAppI18n } from '../shared/vue/i18n';
import { CALL_TEXTS, split, type Table } from '../interview/texts';

const TEXTS = {
  ...CALL_TEXTS,
  page: {
    title: ['远程面试', 'Remote interview'],
    side: ['排队与评分', 'Queue and scorecard'],
    notices: ['连接提醒', 'Connection notices'],
    replaced: [
      '{name}重新连接（可能换了设备、窗口或网络），原连接已断开（{time}）',
      '{name} connected again (another device, tab or network); the older connection was closed ({time})',
    ],
  },
  queue: {
    title: ['排队', 'Queue'],
    label: ['排队求职者', 'Waiting seekers'],
    empty: ['暂无排队求职者', 'Nobody waiting'],
    admitNext: ['下一位', 'Admit next'],
  },
  sc: {
    title: ['评分表', 'Scorecard'],
    placeholder: ['评分表将在这里显示', 'The scorecard will appear here'],
    signIn: ['请在HR工作台登录后填写评分', 'Sign in to the HR workbench to fill in the scorecard'],
    openHr: ['前往HR工作台', 'Open the HR workbench'],
    loading: ['加载中…', 'Loading…'],
    retry: ['重试', 'Retry'],
    noTemplate: ['本企业尚未设置评分模板，请先在HR工作台创建', 'No scorecard template yet: create one in the HR workbench'],
    weighted: ['加权得分', 'Weighted score'],
    score: ['{name}：{n}分', '{name}: {n}'],
    note: ['评语（可选）', 'Note (optional)'],
    noteOf: ['{name}的评语', 'Note on {name}'],
    rate: ['请为「{name}」评分（1–5分）', 'Rate "{name}" (1–5)'],
    notes: ['总体评价', 'Overall notes'],
    save: ['保存评分', 'Save scorecard'],
    saved: ['已保存，加权得分 {score}', 'Saved: weighted score {score}'],
    outcome: ['面试结论', 'Outcome'],
    chooseOutcome: ['请选择面试结论', 'Choose an outcome'],
    reason: ['说明（可选）', 'Reason (optional)'],
    record: ['记录结论', 'Record outcome'],
    confirm: ['确认', 'Confirm'],
    cancel: ['取消', 'Cancel'],
    confirmNoShow: ['确认记录为「{outcome}」？投递阶段不变。', 'Record "{outcome}"? The application stays where it is.'],
    confirmMove: [
      '确认记录为「{outcome}」？投递将转为「{stage}」，评分表随即锁定。',
      'Record "{outcome}"? The application moves to "{stage}" and the scorecard is locked.',
    ],
    over: ['面试已结束', 'The interview is over'],
  },
} as const satisfies Table;

export const i18n = createAppI18n({ 'zh-CN': split(TEXTS, 0), en: split(TEXTS, 1) });
