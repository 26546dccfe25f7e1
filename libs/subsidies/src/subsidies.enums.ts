import { registerEnumType } from '@nestjs/graphql';

/** Items 8–17 of the plan's 五、政策支持建议 (the talent items the HR bureau audits). */
export enum SubsidyItem {
  ITEM_08 = 'ITEM_08',
  ITEM_09 = 'ITEM_09',
  ITEM_10 = 'ITEM_10',
  ITEM_11 = 'ITEM_11',
  ITEM_12 = 'ITEM_12',
  ITEM_13 = 'ITEM_13',
  ITEM_14 = 'ITEM_14',
  ITEM_15 = 'ITEM_15',
  ITEM_16 = 'ITEM_16',
  ITEM_17 = 'ITEM_17',
}
registerEnumType(SubsidyItem, { name: 'SubsidyItem', description: '政策支持建议第8–17条 / policy items 8–17' });

export const ITEM_LABEL: Record<SubsidyItem, { zh: string; en: string }> = {
  ITEM_08: { zh: '第8条 校企实训基地奖励', en: 'Item 8 school–company training base award' },
  ITEM_09: { zh: '第9条 培训后待业生活补贴', en: 'Item 9 living allowance after training' },
  ITEM_10: { zh: '第10条 开设相关专业奖励', en: 'Item 10 award for a related major' },
  ITEM_11: { zh: '第11条 委托培养奖励', en: 'Item 11 commissioned-training award' },
  ITEM_12: { zh: '第12条 技能提升培训补贴', en: 'Item 12 skill-upgrade subsidy' },
  ITEM_13: { zh: '第13条 购房补贴', en: 'Item 13 housing subsidy' },
  ITEM_14: { zh: '第14条 贫困家庭学生生活补贴', en: 'Item 14 poor-household student allowance' },
  ITEM_15: { zh: '第15条 贫困家庭子女免费培训补贴', en: 'Item 15 free training of poor-household trainees' },
  ITEM_16: { zh: '第16条 吸纳就业一次性奖励', en: 'Item 16 one-time hiring reward' },
  ITEM_17: { zh: '第17条 就业见习补贴', en: 'Item 17 graduate internship subsidy' },
};

export enum SubsidyPartyKind {
  COMPANY = 'COMPANY',
  SCHOOL = 'SCHOOL',
  TRAINING_INSTITUTION = 'TRAINING_INSTITUTION',
  TRAINING_BASE = 'TRAINING_BASE',
  PERSON = 'PERSON',
}
registerEnumType(SubsidyPartyKind, { name: 'SubsidyPartyKind', description: '申报主体：企业 / 院校 / 培训机构 / 实训基地 / 个人' });

export enum SubsidyClaimStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  IN_REVIEW = 'IN_REVIEW',
  RETURNED = 'RETURNED',
  RECOMMENDED = 'RECOMMENDED',
  APPROVED = 'APPROVED',
  PARTIALLY_APPROVED = 'PARTIALLY_APPROVED',
  REJECTED = 'REJECTED',
  PUBLICITY = 'PUBLICITY',
  INVESTIGATING = 'INVESTIGATING',
  SCHEDULED = 'SCHEDULED',
  PAID = 'PAID',
  CLOSED = 'CLOSED',
  WITHDRAWN = 'WITHDRAWN',
  SUSPENDED = 'SUSPENDED',
}
registerEnumType(SubsidyClaimStatus, { name: 'SubsidyClaimStatus', description: '申报状态 / claim status (issue 10 §2)' });

/** Party kinds in Chinese, for files (bank file, exports). */
export const PARTY_KIND_ZH: Record<SubsidyPartyKind, string> = {
  COMPANY: '企业',
  SCHOOL: '院校',
  TRAINING_INSTITUTION: '培训机构',
  TRAINING_BASE: '实训基地',
  PERSON: '个人',
};

export const STATUS_ZH: Record<SubsidyClaimStatus, string> = {
  DRAFT: '草稿',
  SUBMITTED: '已提交',
  IN_REVIEW: '审核中',
  RETURNED: '退回补正',
  RECOMMENDED: '初审通过',
  APPROVED: '已批准',
  PARTIALLY_APPROVED: '部分批准',
  REJECTED: '不予批准',
  PUBLICITY: '公示中',
  INVESTIGATING: '异议核查中',
  SCHEDULED: '待支付',
  PAID: '已支付',
  CLOSED: '已办结',
  WITHDRAWN: '已撤回',
  SUSPENDED: '已暂停',
};

export enum SubsidyLineStatus {
  OPEN = 'OPEN',
  APPROVED = 'APPROVED',
  REDUCED = 'REDUCED',
  REJECTED = 'REJECTED',
  WITHDRAWN = 'WITHDRAWN',
  OBJECTED = 'OBJECTED',
}
registerEnumType(SubsidyLineStatus, { name: 'SubsidyLineStatus' });

/** Coded reasons: returning a claim for correction, reducing or rejecting a line, rejecting a claim, suspending. */
export enum SubsidyReasonCode {
  EVIDENCE_MISSING = 'EVIDENCE_MISSING',
  EVIDENCE_UNREADABLE = 'EVIDENCE_UNREADABLE',
  FACTS_MISMATCH = 'FACTS_MISMATCH',
  NOT_ELIGIBLE = 'NOT_ELIGIBLE',
  DUPLICATE = 'DUPLICATE',
  AMOUNT_REDUCED = 'AMOUNT_REDUCED',
  CONTRACT_ENDED = 'CONTRACT_ENDED',
  CATEGORY_NOT_VERIFIED = 'CATEGORY_NOT_VERIFIED',
  BUDGET_EXHAUSTED = 'BUDGET_EXHAUSTED',
  OBJECTION_UPHELD = 'OBJECTION_UPHELD',
  SUSPECTED_FRAUD = 'SUSPECTED_FRAUD',
  OTHER = 'OTHER',
}
registerEnumType(SubsidyReasonCode, { name: 'SubsidyReasonCode', description: '审核原因代码 / coded review reasons' });

export const REASON_ZH: Record<SubsidyReasonCode, string> = {
  EVIDENCE_MISSING: '材料不全',
  EVIDENCE_UNREADABLE: '材料无法辨认',
  FACTS_MISMATCH: '材料与记录不符',
  NOT_ELIGIBLE: '不符合补贴条件',
  DUPLICATE: '重复申报',
  AMOUNT_REDUCED: '核减金额',
  CONTRACT_ENDED: '劳动合同已解除',
  CATEGORY_NOT_VERIFIED: '人员类别未经核实',
  BUDGET_EXHAUSTED: '预算不足',
  OBJECTION_UPHELD: '公示异议成立',
  SUSPECTED_FRAUD: '涉嫌骗取补贴',
  OTHER: '其他',
};

/** Evidence kinds a party uploads. */
export enum SubsidyEvidenceKind {
  CERTIFICATION = 'CERTIFICATION',
  CONTRACT = 'CONTRACT',
  SOCIAL_INSURANCE = 'SOCIAL_INSURANCE',
  PURCHASE_CONTRACT = 'PURCHASE_CONTRACT',
  INVOICE = 'INVOICE',
  BANK_ACCOUNT = 'BANK_ACCOUNT',
  COOPERATION_AGREEMENT = 'COOPERATION_AGREEMENT',
  ENROLMENT_REGISTER = 'ENROLMENT_REGISTER',
  OTHER = 'OTHER',
}
registerEnumType(SubsidyEvidenceKind, { name: 'SubsidyEvidenceKind', description: '申报材料类别 / evidence kind' });

/** Statuses whose lines count as money committed (budget, dashboards). */
export const APPROVED_STATUSES: readonly SubsidyClaimStatus[] = [
  SubsidyClaimStatus.APPROVED,
  SubsidyClaimStatus.PARTIALLY_APPROVED,
  SubsidyClaimStatus.PUBLICITY,
  SubsidyClaimStatus.INVESTIGATING,
  SubsidyClaimStatus.SCHEDULED,
  SubsidyClaimStatus.PAID,
  SubsidyClaimStatus.CLOSED,
];
