import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum SchoolLinkStatus {
  PENDING = 'PENDING',
  CONFIRMED = 'CONFIRMED',
  DECLINED = 'DECLINED',
}
registerEnumType(SchoolLinkStatus, { name: 'SchoolLinkStatus', description: '待本人确认 / 已确认 / 已拒绝 — pending / confirmed / declined' });

@ObjectType('SchoolLink', {
  description:
    '院校学籍记录（本人视角）：学校在名单中登记了我，确认后学校才能把我当作本校学生 / a school listed me; it treats me as its student only once I confirm',
})
export class SchoolLinkModel {
  @Field(() => ID) id: string;
  @Field({ description: '学校名称 / school' }) schoolName: string;
  @Field(() => SchoolLinkStatus) status: `${SchoolLinkStatus}`;
  @Field(() => String, { nullable: true, description: '学校登记的专业 / major as the school listed it' }) major: string | null;
  @Field(() => String, { nullable: true }) education: string | null;
  @Field(() => Int, { nullable: true }) graduationYear: number | null;
  @Field(() => String, { nullable: true }) className: string | null;
  @Field(() => String, { nullable: true }) studentNo: string | null;
  @Field({ description: '学校登记的时间 / when the school listed me' }) requestedAt: Date;
  @Field(() => Date, { nullable: true, description: '确认或拒绝的时间 / when it was answered' }) decidedAt: Date | null;
}
