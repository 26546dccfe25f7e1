// What the 实习实训 screens share: the placement's fields, the years to choose from, days in a month.
import { today } from '../shared/format';
import { t } from '../shared/i18n';
import { graphql } from './gql';

export const InternshipFields = graphql(`
  fragment StaffInternship on Internship {
    id
    tenantName
    seekerId
    studentName
    position
    startDate
    endDate
    months {
      month
      attendanceDays
      evaluation
      comment
      recordedRole
    }
  }
`);

export const thisYear = (): number => +today().slice(0, 4);
/** Next year, this year and the three before. */
export const years = (): Array<{ value: string; label: string }> =>
  [1, 0, -1, -2, -3].map((d) => String(thisYear() + d)).map((y) => ({ value: y, label: t(`${y}年`, y) }));
/** Days in a month "2026-04" (30). */
export const daysIn = (ym: string): number => new Date(Date.UTC(+ym.slice(0, 4), +ym.slice(5, 7), 0)).getUTCDate();
