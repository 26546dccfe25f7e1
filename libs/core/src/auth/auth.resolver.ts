import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { maskPhone } from '../identity/resident-id';
import { AccountService } from './account.service';
import { CurrentActor, Public, Roles } from './auth.decorators';
import { CreateStaffUserInput, SignInWithPasswordInput, SignInWithSmsInput } from './dto/auth.input';
import { AuthPayloadModel, SmsCodeRequestModel, UserModel } from './models/auth.model';
import { Actor, Role } from './roles';
import { AppConfig } from '../config/config';
import { authError, AuthExceptionCode } from '../errors/core-errors';
import { clearRefreshCookie, readRefreshCookie, requireAppHeader, setRefreshCookie } from './session-cookie';
import { TokenPair, TokenService } from './token.service';
import { UserEntity } from './user.entity';

const ALL_ROLES = Object.values(Role);

type GqlCtx = { req: { ip?: string; headers: Record<string, string | string[] | undefined>; cookies?: Record<string, string>; actor?: Actor; res?: any } };

@Resolver(() => UserModel)
export class AuthResolver {
  constructor(
    private readonly accounts: AccountService,
    private readonly tokens: TokenService,
    private readonly config: AppConfig,
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
  @Mutation(() => AuthPayloadModel, {
    description: '求职者手机验证码登录（刷新令牌写入 HttpOnly Cookie）/ seeker sign-in (refresh token set as an HttpOnly cookie)',
  })
  async signInWithSms(@Args('input') input: SignInWithSmsInput, @Context() ctx: GqlCtx): Promise<AuthPayloadModel> {
    const { user, tokens, isNew } = await this.accounts.signInWithSms(input.phone, input.code);
    return this.payload(ctx, user, tokens, isNew);
  }

  @Public()
  @Mutation(() => AuthPayloadModel, {
    description: '工作人员密码登录（刷新令牌写入 HttpOnly Cookie）/ staff sign-in (refresh token set as an HttpOnly cookie)',
  })
  async signInWithPassword(@Args('input') input: SignInWithPasswordInput, @Context() ctx: GqlCtx): Promise<AuthPayloadModel> {
    const { user, tokens } = await this.accounts.signInWithPassword(input.username, input.password, ctx.req.ip ?? 'unknown');
    return this.payload(ctx, user, tokens, false);
  }

  @Public()
  @Mutation(() => AuthPayloadModel, {
    description:
      '刷新登录：读取 HttpOnly Cookie 中的刷新令牌并轮换，需带 X-TC-App 请求头 / rotate the refresh token from the HttpOnly cookie (needs the X-TC-App header)',
  })
  async refreshSession(@Context() ctx: GqlCtx): Promise<AuthPayloadModel> {
    requireAppHeader(ctx.req);
    const refreshToken = readRefreshCookie(ctx.req);
    if (!refreshToken) throw authError(AuthExceptionCode.INVALID_REFRESH_TOKEN);
    try {
      const { user, tokens } = await this.tokens.rotate(refreshToken);
      return this.payload(ctx, user, tokens, false);
    } catch (e) {
      clearRefreshCookie(ctx.req, this.config);
      throw e;
    }
  }

  @Public()
  @Mutation(() => Boolean, {
    description: "退出登录：撤销 Cookie 中的会话，该会话的访问令牌随即失效 / sign out: revokes the cookie's session; its access tokens stop working at once",
  })
  async signOut(@Context() ctx: GqlCtx): Promise<boolean> {
    const refreshToken = readRefreshCookie(ctx.req);
    // Revoking the refresh-token family also ends every access token issued in it (their `ses` claim).
    if (refreshToken) await this.tokens.revoke(refreshToken);
    clearRefreshCookie(ctx.req, this.config);
    return true;
  }

  @Roles(...ALL_ROLES)
  @Query(() => UserModel, { description: '当前账号 / the signed-in account' })
  async me(@CurrentActor() actor: Actor): Promise<UserModel> {
    const user = await this.accounts.findUser(actor.userId);
    if (!user) throw authError(AuthExceptionCode.UNAUTHENTICATED);
    return this.toModel(user);
  }

  private payload(ctx: GqlCtx, user: UserEntity, tokens: TokenPair, isNew: boolean): AuthPayloadModel {
    setRefreshCookie(ctx.req, this.config, tokens.refreshToken);
    return { accessToken: tokens.accessToken, expiresIn: tokens.expiresIn, user: this.toModel(user), isNew };
  }

  @Roles(Role.OPERATOR)
  @Mutation(() => UserModel, { description: '运营方创建工作人员账号 / operator creates a staff account' })
  async createStaffUser(@Args('input') input: CreateStaffUserInput): Promise<UserModel> {
    return this.toModel(await this.accounts.createStaffUser(input));
  }
}
