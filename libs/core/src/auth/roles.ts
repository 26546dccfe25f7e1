import { registerEnumType } from '@nestjs/graphql';

export enum Role {
  SEEKER = 'SEEKER',
  HR = 'HR',
  SCHOOL_ADMIN = 'SCHOOL_ADMIN',
  AUDITOR = 'AUDITOR',
  OPERATOR = 'OPERATOR',
}
registerEnumType(Role, { name: 'Role', description: '求职者 / 企业HR / 院校管理员 / 人社局审核员 / 运营方' });

/** Who is calling: taken from the verified access token, never from input. */
export interface Actor {
  userId: string;
  role: Role;
  tenantId: string | null;
  schoolId: string | null;
  /** The sign-in session (refresh-token family) of the access token, for signOut. */
  sessionId?: string;
}
