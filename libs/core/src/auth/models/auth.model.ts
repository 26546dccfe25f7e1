import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Role } from '../roles';

@ObjectType('User', { description: '账号 / account' })
export class UserModel {
  @Field(() => ID) id: string;
  @Field(() => Role) role: Role;
  @Field() displayName: string;
  @Field(() => String, { nullable: true }) username: string | null;
  @Field(() => String, { nullable: true, description: '手机号（脱敏）/ masked phone' }) phoneMasked: string | null;
  @Field(() => ID, { nullable: true }) tenantId: string | null;
  @Field(() => ID, { nullable: true }) schoolId: string | null;
}

@ObjectType('AuthPayload', { description: '访问令牌；刷新令牌只在 HttpOnly Cookie 中 / access token; the refresh token is only in an HttpOnly cookie' })
export class AuthPayloadModel {
  @Field() accessToken: string;
  @Field(() => Int, { description: 'access token lifetime in seconds' }) expiresIn: number;
  @Field(() => UserModel) user: UserModel;
  @Field({ description: '首次登录 / first sign-in' }) isNew: boolean;
}

@ObjectType('SmsCodeRequest')
export class SmsCodeRequestModel {
  @Field(() => Int) resendAfterSeconds: number;
}
