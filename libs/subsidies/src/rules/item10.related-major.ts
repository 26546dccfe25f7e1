import { SubsidyEvidenceKind, SubsidyItem, SubsidyPartyKind } from '../subsidies.enums';
import { param, SubsidyRule } from './rule';

/** Item 10: a school opening a certified related major: 100,000 per 100 registered students, and so on. */
export interface Item10Facts {
  major: string;
  certifiedOn: string;
  registeredStudents: number;
}

export const item10: SubsidyRule<Item10Facts> = {
  item: SubsidyItem.ITEM_10,
  codeVersion: 1,
  parties: [SubsidyPartyKind.SCHOOL],
  requiredEvidence: [SubsidyEvidenceKind.CERTIFICATION, SubsidyEvidenceKind.ENROLMENT_REGISTER],
  notCombinableWith: [],
  factDate: (f) => f.certifiedOn,
  evaluate(f, p) {
    const block = p.num('item10.block_students');
    const per = p.num('item10.block_fen');
    const blocks = Math.floor(f.registeredStudents / block.value);
    return {
      eligible: blocks >= 1,
      amountFen: blocks * per.value,
      trace: [
        { code: 'CERTIFIED', ok: true, zh: `专业「${f.major}」经认定 ${f.certifiedOn}`, en: `Major "${f.major}" certified ${f.certifiedOn}` },
        {
          code: 'REGISTERED',
          ok: blocks >= 1,
          zh: `注册学籍 ${f.registeredStudents} 人，每 ${block.value} 人一档，共 ${blocks} 档`,
          en: `${f.registeredStudents} registered, ${blocks} block(s) of ${block.value}`,
          param: param(block),
        },
        { code: 'AMOUNT', ok: true, zh: `每档 ${per.value / 100} 元`, en: `${per.value / 100} per block`, param: param(per) },
      ],
    };
  },
};
