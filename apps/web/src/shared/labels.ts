// The zh-CN / English label of every enum value the pages show, in one module for every app (issue 9 §3).
// Each table is typed by the enum generated from apps/api/schema.gql (src/shared/gql/schema-enums.ts), so a value the
// API adds without a label here fails `npm run web:build` (vue-tsc), and no screen keeps its own copy.
import { t } from './i18n';
import type * as E from './gql/schema-enums';

export type Labels<K extends string> = Readonly<Record<K, readonly [zh: string, en: string]>>;

/** The label of one value in the current language (the value itself when unknown, e.g. an older page and a newer API). */
export function label<K extends string>(map: Labels<K>, key: K | null | undefined): string {
  if (!key) return '';
  const l = (map as Record<string, readonly [string, string]>)[key];
  return l ? t(l[0], l[1]) : key;
}

/** Options for a select or radio group, in the table's order. */
export const options = <K extends string>(map: Labels<K>): Array<{ value: K; label: string }> =>
  (Object.keys(map) as K[]).map((value) => ({ value, label: label(map, value) }));

export const STAGE: Labels<E.ApplicationStage> = {
  APPLIED: ['已投递', 'Applied'],
  SCREENING: ['筛选中', 'Screening'],
  INTERVIEW: ['面试', 'Interview'],
  OFFER: ['录用意向', 'Offer'],
  HIRED: ['已录用', 'Hired'],
  REJECTED: ['未通过', 'Not selected'],
  WITHDRAWN: ['已撤回', 'Withdrawn'],
};
export const SHIFT: Labels<E.Shift> = {
  DAY: ['白班', 'Day shift'],
  TWO_SHIFT: ['两班倒', 'Two shifts'],
  THREE_SHIFT: ['三班倒', 'Three shifts'],
  NIGHT: ['夜班', 'Night shift'],
};
export const EDUCATION: Labels<E.Education> = {
  PRIMARY: ['小学', 'Primary'],
  JUNIOR_HIGH: ['初中', 'Junior high'],
  SECONDARY: ['中专', 'Vocational secondary'],
  HIGH_SCHOOL: ['高中', 'High school'],
  JUNIOR_COLLEGE: ['大专', 'Junior college'],
  BACHELOR: ['本科', 'Bachelor'],
  MASTER: ['硕士', 'Master'],
  DOCTOR: ['博士', 'Doctorate'],
};
/** 普通话水平测试等级, lowest first. */
export const MANDARIN: Labels<E.MandarinLevel> = {
  L3B: ['三乙', '3-B'],
  L3A: ['三甲', '3-A'],
  L2B: ['二乙', '2-B'],
  L2A: ['二甲', '2-A'],
  L1B: ['一乙', '1-B'],
  L1A: ['一甲', '1-A'],
};
export const CATEGORY: Labels<E.SeekerCategory> = {
  GRADUATE: ['应届毕业生', 'Graduate'],
  UNEMPLOYED: ['登记失业人员', 'Registered unemployed'],
  POOR_HOUSEHOLD: ['贫困家庭', 'Poor household'],
  DISABLED: ['残疾人', 'Disabled'],
};
export const POSTING_STATUS: Labels<E.PostingStatus> = {
  DRAFT: ['草稿', 'Draft'],
  OPEN: ['招聘中', 'Open'],
  FILLED: ['已招满', 'Filled'],
  CLOSED: ['已关闭', 'Closed'],
};
export const GENDER: Labels<E.Gender> = { MALE: ['男', 'Male'], FEMALE: ['女', 'Female'] };
/** profileAccessLog's action (a string in the schema, not an enum). */
export const VIEW_ACTION: Labels<'VIEW' | 'VIEW_CONTACT' | 'EXPORT'> = {
  VIEW: ['查看了您的档案', 'viewed your profile'],
  VIEW_CONTACT: ['查看了您的联系方式', 'viewed your contact details'],
  EXPORT: ['导出数据', 'exported data'],
};
// ---- staff app (school admins, training operators)
export const IMPORT_STATUS: Labels<E.GraduateImportStatus> = {
  QUEUED: ['排队中', 'Queued'],
  PROCESSING: ['处理中', 'Processing'],
  DONE: ['已完成', 'Done'],
  FAILED: ['失败', 'Failed'],
};
export const ORDER_CLASS_KIND: Labels<E.OrderClassKind> = { ORDER: ['订单班', 'Order class'], DIRECTED: ['定向委培班', 'Directed-training class'] };
export const INTERNSHIP_EVALUATION: Labels<E.InternshipEvaluation> = {
  EXCELLENT: ['优秀', 'Excellent'],
  GOOD: ['良好', 'Good'],
  PASS: ['合格', 'Pass'],
  FAIL: ['不合格', 'Fail'],
};
/** Who recorded an internship month (recordedRole, a string in the schema). */
export const RECORDED_BY: Labels<'SCHOOL_ADMIN' | 'HR'> = { SCHOOL_ADMIN: ['院校', 'School'], HR: ['企业', 'Company'] };
/** Training class types as the plan names them. */
export const TRAINING_TYPE: Labels<E.TrainingClassType> = {
  NEW_HIRE: ['新员工入职课程', 'New-hire course'],
  PROMOTION: ['晋升/储备干部课程', 'Promotion / reserve managers'],
  GRASSROOTS_MANAGER: ['基层管理者培训', 'Front-line managers'],
  GRADUATE_SHORT: ['毕业生短训班', 'Graduate short course'],
  CUSTOM_FOR_UNEMPLOYED: ['先面试后培训定制班', 'Interview-first custom class'],
  PLACEMENT: ['贫困/残疾人员安置培训班', 'Placement class (poor households, disabled)'],
};
export const TRAINING_CLASS_STATUS: Labels<E.TrainingClassStatus> = { OPEN: ['报名中', 'Open'], CLOSED: ['已截止报名', 'Enrolment closed'] };
export const ENROLMENT_STATUS: Labels<E.EnrolmentStatus> = {
  ENROLLED: ['在读', 'Enrolled'],
  COMPLETED: ['已结业', 'Completed'],
  WITHDRAWN: ['已退出', 'Withdrawn'],
};
export const SKILL_LEVEL: Labels<E.SkillLevel> = {
  ADVANCED_WORKER: ['高级工', 'Advanced worker'],
  TECHNICIAN: ['技师', 'Technician'],
  SENIOR_TECHNICIAN: ['高级技师', 'Senior technician'],
};
/** An interview's status as the seeker reads it (libs/interviews STATUS_ZH). */
export const INTERVIEW_STATUS: Labels<E.InterviewStatus> = {
  PROPOSED: ['待确认时间', 'Choose a time'],
  SCHEDULED: ['已安排', 'Scheduled'],
  LIVE: ['进行中', 'In progress'],
  COMPLETED: ['已完成', 'Completed'],
  NO_SHOW: ['未到场', 'Missed'],
  CANCELLED: ['已取消', 'Cancelled'],
};
/** The interviewer's conclusion (HR's scorecard), in the order HR chooses from. */
export const INTERVIEW_OUTCOME: Labels<E.InterviewOutcome> = {
  PASS: ['通过', 'Pass'],
  FAIL: ['不通过', 'Fail'],
  NO_SHOW: ['未到场', 'No-show'],
};
/** A school's record of a person, as the person answers it (我的院校). */
export const SCHOOL_LINK_STATUS: Labels<E.SchoolLinkStatus> = {
  PENDING: ['待确认', 'Waiting for you'],
  CONFIRMED: ['已确认', 'Confirmed'],
  DECLINED: ['已拒绝', 'Declined'],
};

// ---- subsidies (issue 10): the bureau's desk, and the parties' pages
/** Items 8–17 of the plan's 五、政策支持建议, with the item's name. */
export const SUBSIDY_ITEM: Labels<E.SubsidyItem> = {
  ITEM_08: ['第8条 校企实训基地奖励', 'Item 8 school–company training base award'],
  ITEM_09: ['第9条 培训后待业生活补贴', 'Item 9 living allowance after training'],
  ITEM_10: ['第10条 开设相关专业奖励', 'Item 10 award for a related major'],
  ITEM_11: ['第11条 委托培养奖励', 'Item 11 commissioned-training award'],
  ITEM_12: ['第12条 技能提升培训补贴', 'Item 12 skill-upgrade subsidy'],
  ITEM_13: ['第13条 购房补贴', 'Item 13 housing subsidy'],
  ITEM_14: ['第14条 贫困家庭学生生活补贴', 'Item 14 poor-household student allowance'],
  ITEM_15: ['第15条 贫困家庭子女免费培训补贴', 'Item 15 free training of poor-household trainees'],
  ITEM_16: ['第16条 吸纳就业一次性奖励', 'Item 16 one-time hiring reward'],
  ITEM_17: ['第17条 就业见习补贴', 'Item 17 graduate internship subsidy'],
};
export const SUBSIDY_PARTY: Labels<E.SubsidyPartyKind> = {
  COMPANY: ['企业', 'Company'],
  SCHOOL: ['院校', 'School'],
  TRAINING_INSTITUTION: ['培训机构', 'Training institution'],
  TRAINING_BASE: ['实训基地', 'Training base'],
  PERSON: ['个人', 'Person'],
};
export const PAYOUT_STATUS: Labels<E.SubsidyPayoutStatus> = {
  PLANNED: ['计划', 'Planned'],
  DUE: ['到期待付', 'Due'],
  BATCHED: ['已入批', 'In a batch'],
  PAID: ['已支付', 'Paid'],
  UNKNOWN: ['结果不明待对账', 'Unknown: to reconcile'],
  CANCELLED: ['已取消', 'Cancelled'],
  HELD: ['暂缓（留任期内）', 'Held (retention period)'],
};
export const BATCH_STATUS: Labels<E.SubsidyPaymentBatchStatus> = {
  DRAFT: ['草稿', 'Draft'],
  SENT: ['已报送银行', 'Sent to the bank'],
  RECEIPTED: ['已回单', 'Receipted'],
  RECONCILE: ['待对账', 'To reconcile'],
};
export const RECEIPT_OUTCOME: Labels<E.SubsidyReceiptOutcome> = {
  PAID: ['成功', 'Paid'],
  FAILED: ['失败（下批重发）', 'Failed (next batch)'],
  UNKNOWN: ['不明（待对账）', 'Unknown (reconcile)'],
};
export const RECOVERY_STATUS: Labels<E.SubsidyRecoveryStatus> = {
  DUE: ['待追回', 'Due'],
  OFFSET: ['已从后续拨付中抵扣', 'Offset against a payout'],
  RECOVERED: ['已追回', 'Recovered'],
  WAIVED: ['免于追回', 'Waived'],
};
export const RECOVERY_OUTCOME: Labels<E.SubsidyRecoveryOutcome> = {
  RECOVERED: ['已追回', 'Recovered'],
  WAIVED: ['免于追回', 'Waived'],
};
export const RETENTION_RESULT: Labels<E.SubsidyRetentionResult> = {
  RETAINED: ['在职', 'Retained'],
  LEFT: ['已离职', 'Left'],
};
export const CLAIM_STATUS: Labels<E.SubsidyClaimStatus> = {
  DRAFT: ['草稿', 'Draft'],
  SUBMITTED: ['已提交', 'Submitted'],
  IN_REVIEW: ['审核中', 'In review'],
  RETURNED: ['退回补正', 'Returned for correction'],
  RECOMMENDED: ['初审通过', 'Recommended'],
  APPROVED: ['已批准', 'Approved'],
  PARTIALLY_APPROVED: ['部分批准', 'Partially approved'],
  REJECTED: ['不予批准', 'Rejected'],
  PUBLICITY: ['公示中', 'In publicity'],
  INVESTIGATING: ['异议核查中', 'Objection under investigation'],
  SCHEDULED: ['待支付', 'Scheduled'],
  PAID: ['已支付', 'Paid'],
  CLOSED: ['已办结', 'Closed'],
  WITHDRAWN: ['已撤回', 'Withdrawn'],
  SUSPENDED: ['已暂停', 'Suspended'],
};
export const LINE_STATUS: Labels<E.SubsidyLineStatus> = {
  OPEN: ['待审', 'Open'],
  APPROVED: ['批准', 'Approved'],
  REDUCED: ['核减', 'Reduced'],
  REJECTED: ['不予批准', 'Rejected'],
  WITHDRAWN: ['已撤回', 'Withdrawn'],
  OBJECTED: ['有异议', 'Objected'],
};
/** Coded reasons: returning a claim, reducing or rejecting a line or a claim, suspending. */
export const SUBSIDY_REASON: Labels<E.SubsidyReasonCode> = {
  EVIDENCE_MISSING: ['材料不全', 'Evidence missing'],
  EVIDENCE_UNREADABLE: ['材料无法辨认', 'Evidence unreadable'],
  FACTS_MISMATCH: ['材料与记录不符', 'Evidence does not match the records'],
  NOT_ELIGIBLE: ['不符合补贴条件', 'Not eligible'],
  DUPLICATE: ['重复申报', 'Duplicate claim'],
  AMOUNT_REDUCED: ['核减金额', 'Amount reduced'],
  CONTRACT_ENDED: ['劳动合同已解除', 'Contract ended'],
  CATEGORY_NOT_VERIFIED: ['人员类别未经核实', 'Category not verified'],
  BUDGET_EXHAUSTED: ['预算不足', 'Budget exhausted'],
  OBJECTION_UPHELD: ['公示异议成立', 'Objection upheld'],
  SUSPECTED_FRAUD: ['涉嫌骗取补贴', 'Suspected fraud'],
  OTHER: ['其他', 'Other'],
};
export const EVIDENCE_KIND: Labels<E.SubsidyEvidenceKind> = {
  CERTIFICATION: ['人社局认定文件', 'Bureau certification'],
  CONTRACT: ['劳动合同', 'Labour contract'],
  SOCIAL_INSURANCE: ['社保缴费证明', 'Social-insurance record'],
  PURCHASE_CONTRACT: ['购房合同', 'Purchase contract'],
  INVOICE: ['发票', 'Invoice'],
  BANK_ACCOUNT: ['银行账户', 'Bank account'],
  COOPERATION_AGREEMENT: ['合作协议', 'Cooperation agreement'],
  ENROLMENT_REGISTER: ['学籍 / 报名名册', 'Enrolment register'],
  OTHER: ['其他材料', 'Other'],
};
/** How a duplicate was found (SubsidyDuplicate.reason, a string in the schema). */
export const DUPLICATE_REASON: Labels<'SAME_PERSON' | 'SAME_HIRE' | 'NOT_COMBINABLE'> = {
  SAME_PERSON: ['同一人员', 'Same person'],
  SAME_HIRE: ['同一录用', 'Same hire'],
  NOT_COMBINABLE: ['不可同时享受的项目', 'Items not to be combined'],
};
