import { CLASS_TYPE_ZH } from './class-type';
import { SessionEntity, TrainingClassEntity } from './class.entity';
import { SessionModel, TrainingClassModel } from './models/class.model';
import { shanghaiDateTime } from '@app/core';

export function toClassModel(c: TrainingClassEntity): TrainingClassModel {
  return {
    id: c.id,
    name: c.name,
    type: c.type,
    typeZh: CLASS_TYPE_ZH[c.type],
    institutionId: c.institutionId,
    sponsorTenantId: c.sponsorTenantId,
    capacity: c.capacity,
    enrolledCount: c.enrolledCount,
    seatsLeft: Math.max(0, c.capacity - c.enrolledCount),
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    minAttendancePercent: c.minAttendancePct,
    requiresAssessment: c.requiresAssessment,
    passScore: c.passScore,
    status: c.status,
    createdAt: c.createdAt,
  };
}

export function toSessionModel(s: SessionEntity): SessionModel {
  return {
    id: s.id,
    classId: s.classId,
    courseId: s.courseId,
    title: s.title,
    room: s.room,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    startsAtLocal: shanghaiDateTime(s.startsAt),
    endsAtLocal: shanghaiDateTime(s.endsAt),
  };
}
