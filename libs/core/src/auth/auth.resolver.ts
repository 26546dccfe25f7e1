import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { maskPhone } from '../identity/resident-id';
import { AccountService } from './account.service';
import { CurrentActor, Public, Roles } from './auth.decorators';
import { CreateStaffUserInput, SignInWithPasswordInput, SignInWithSmsInput } from './dto/auth.input';
import { AuthPayloadModel, SmsCodeRequestModel, UserModel } from './models/auth.model';
import { Actor, Role } from './roles';
import { TokenService } from './token.service';
import { UserEntity } from './user.entity';

const ALL_ROLES = Object.values(Role);

@Resolver(() => UserModel)
export class AuthResolver {
  constructor(
    private readonly accounts: AccountService,
    private readonly tokens: TokenService,
  ) {}

  private toModel(user: UserEntity): UserModel {
    const phone = this.accounts.decryptPhone(user);
    return {
      id: user.id,
      role: user.role,
      displayName: user.displayName,
      username: user.username,
      phoneMasked: phone ? maskPhone(phone) : null,
      tenantId: user.tenantId,
      schoolId: user.schoolId,
    };
  }

  @Public()
  @Mutation(() => SmsCodeRequestModel, { description: '发送登录验证码 / send a sign-in code' })
  requestSmsCode(@Args('phone') phone: string, @Context() ctx: { req: { ip?: string } }) {
    return this.accounts.requestSmsCode(phone, ctx.req.ip ?? 'unknown');
  }

  @Public()
  @Mutation(() => AuthPayloadModel, { description: '求职者手机验证码登录 / seeker sign-in' })
  async signInWithSms(@Args('input') input: SignInWithSmsInput): Promise<AuthPayloadModel> {
    const { user, tokens, isNew } = await this.accounts.signInWithSms(input.phone, input.code);
    return { ...tokens, user: this.toModel(user), isNew };
  }

  @Public()
  @Mutation(() => AuthPayloadModel, { description: '工作人员密码登录 / staff sign-in' })
  async signInWithPassword(@Args('input') input: SignInWithPasswordInput): Promise<AuthPayloadModel> {
    const { user, tokens } = await this.accounts.signInWithPassword(input.username, input.password);
    return { ...tokens, user: this.toModel(user), isNew: false };
  }

  @Public()
  @Mutation(() => AuthPayloadModel, { description: '刷新登录（令牌轮换）/ rotate the refresh token' })
  async refreshSession(@Args('refreshToken') refreshToken: string): Promise<AuthPayloadModel> {
    const { user, tokens } = await this.tokens.rotate(refreshToken);
    return { ...tokens, user: this.toModel(user), isNew: false };
  }

  @Public()
  @Mutation(() => Boolean, { description: '退出登录 / sign out' })
  async signOut(@Args('refreshToken') refreshToken: string): Promise<boolean> {
    await this.tokens.revoke(refreshToken);
    return true;
  }

  @Roles(...ALL_ROLES)
  @Query(() => UserModel, { description: '当前账号 / the signed-in account' })
  async me(@CurrentActor() actor: Actor): Promise<UserModel> {
    return this.toModel((await this.accounts.findUser(actor.userId))!);
  }

  @Roles(Role.OPERATOR)
  @Mutation(() => UserModel, { description: '运营方创建工作人员账号 / operator creates a staff account' })
  async createStaffUser(@Args('input') input: CreateStaffUserInput): Promise<UserModel> {
    return this.toModel(await this.accounts.createStaffUser(input));
  }
}
