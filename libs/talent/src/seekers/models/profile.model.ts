import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { Paginated } from '@app/core';
import { Education, Gender, MandarinLevel, ProfileSource, SeekerCategory, Shift } from '../seeker.enums';

@ObjectType('SeekerProfile', { description: '人才档案（敏感信息按角色与授权脱敏）/ talent profile, masked by role and consent' })
export class SeekerProfileModel {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => Gender, { nullable: true }) gender: Gender | null;
  @Field(() => Int, { nullable: true }) age: number | null;
  @Field(() => String, { nullable: true, description: '身份证号（脱敏）/ masked ID number' }) idNumberMasked: string | null;
  @Field(() => String, { nullable: true, description: '手机号（脱敏）/ masked phone' }) phoneMasked: string | null;
  @Field(() => String, { nullable: true, description: '完整手机号，仅在授权允许时返回 / full phone, only when allowed' }) phone: string | null;
  @Field(() => String, { nullable: true }) regionCode: string | null;
  @Field(() => String, { nullable: true, description: '居住地 / residence' }) regionName: string | null;
  @Field(() => Float, { nullable: true, description: '到基地距离（公里）/ distance to the base, km' }) distanceKm: number | null;
  @Field(() => Education, { nullable: true }) education: Education | null;
  @Field(() => String, { nullable: true }) schoolName: string | null;
  @Field(() => String, { nullable: true }) major: string | null;
  @Field(() => Int, { nullable: true }) graduationYear: number | null;
  @Field(() => MandarinLevel, { nullable: true }) mandarinLevel: MandarinLevel | null;
  @Field(() => Int, { nullable: true }) typingSpeed: number | null;
  @Field(() => Int, { nullable: true }) callCenterMonths: number | null;
  @Field(() => [String]) languages: string[];
  @Field(() => [Shift]) shifts: Shift[];
  @Field(() => [SeekerCategory], {
    description: '人员类别；企业仅在单独授权后可见贫困家庭、残疾人 / categories; tenants see the sensitive ones only with separate consent',
  })
  categories: SeekerCategory[];
  @Field(() => Int, { description: '资料完整度 0-100' }) completeness: number;
  @Field(() => ProfileSource) source: ProfileSource;
  @Field({ description: '已授权向基地企业共享 / consent to share with tenants is active' }) sharedWithTenants: boolean;
  @Field({ description: '已单独授权企业查看敏感类别（贫困家庭、残疾人）/ separate consent to show sensitive categories to tenants' }) sensitiveConsent: boolean;
  @Field() updatedAt: Date;
}

@ObjectType('SeekerProfilePage')
export class SeekerProfilePage extends Paginated(SeekerProfileModel) {}

@ObjectType('ProfileView', { description: '谁看过我 / who viewed my profile' })
export class ProfileViewModel {
  @Field() viewer: string;
  @Field() action: string;
  @Field() viewedAt: Date;
}

@ObjectType('Consent')
export class ConsentModel {
  @Field() scope: string;
  @Field() policyVersion: string;
  @Field() grantedAt: Date;
  @Field(() => Date, { nullable: true }) withdrawnAt: Date | null;
}
