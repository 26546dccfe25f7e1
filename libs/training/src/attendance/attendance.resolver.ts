import { Actor, CurrentActor, Role, Roles } from '@app/core';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AttendanceService } from './attendance.service';
import { CheckInInput, MarkAttendanceInput } from './dto/attendance.input';
import { AttendanceModel, CheckInCodeModel } from './models/attendance.model';

@Resolver(() => AttendanceModel)
export class AttendanceResolver {
  constructor(private readonly attendance: AttendanceService) {}

  @Roles(Role.OPERATOR)
  @Query(() => CheckInCodeModel, { description: '课次签到二维码（每30秒轮换，签发后至多60秒有效）/ rotating check-in QR for a session' })
  sessionCheckInCode(@Args('sessionId', { type: () => ID }) sessionId: string) {
    return this.attendance.checkInCode(sessionId);
  }

  @Roles(Role.SEEKER)
  @Mutation(() => AttendanceModel, { description: '扫码签到 / check in by scanning the room’s QR' })
  checkIn(@CurrentActor() actor: Actor, @Args('input') input: CheckInInput) {
    return this.attendance.checkIn(actor, input);
  }

  @Roles(Role.OPERATOR)
  @Mutation(() => AttendanceModel, { description: '讲师登记出勤 / instructor marks a trainee present' })
  markAttendance(@CurrentActor() actor: Actor, @Args('input') input: MarkAttendanceInput) {
    return this.attendance.mark(actor, input);
  }

  @Roles(Role.OPERATOR)
  @Query(() => [AttendanceModel], { description: '课次出勤名单 / attendance of a session' })
  sessionAttendance(@Args('sessionId', { type: () => ID }) sessionId: string) {
    return this.attendance.forSession(sessionId);
  }
}
