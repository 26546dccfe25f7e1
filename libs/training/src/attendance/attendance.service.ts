import { Actor, AppConfig, Clock, CryptoService, isPgError, PgErrorCode } from '@app/core';
import { SeekerService } from '@app/talent';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import * as QRCode from 'qrcode';
import { DataSource, EntityManager } from 'typeorm';
import { SessionEntity } from '../classes/class.entity';
import { ClassService } from '../classes/class.service';
import { EnrolmentEntity } from '../enrolments/enrolment.entity';
import { TrainingException, trainingError, TrainingExceptionCode } from '../training.exception';
import { AttendanceEntity, AttendanceMethod } from './attendance.entity';
import { issueCheckInCode, verifyCheckInCode } from './checkin-code';
import { CheckInInput, MarkAttendanceInput } from './dto/attendance.input';
import { AttendanceMethodEnum, AttendanceModel, CheckInCodeModel } from './models/attendance.model';

/** Check-in opens this long before a session starts. */
export const CHECKIN_OPENS_BEFORE_MS = 30 * 60_000;

/**
 * Attendance 出勤. Trainees scan the rotating QR shown in the room, or the
 * instructor marks them present. The database refuses a second presence of
 * the same person at an overlapping time (exclusion constraint), also when
 * two check-ins race.
 */
@Injectable()
export class AttendanceService {
  private checkInKey?: Buffer;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly classes: ClassService,
    private readonly seekers: SeekerService,
    private readonly crypto: CryptoService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** Sub-key for check-in codes, derived from the data hash key; rotates with it. */
  private key(): Buffer {
    this.checkInKey ??= Buffer.from(this.crypto.hash('token', 'training-checkin-key/v1'), 'hex');
    return this.checkInKey;
  }

  /** The code and QR the instructor's page shows; the page fetches a new one every step. */
  async checkInCode(sessionId: string): Promise<CheckInCodeModel> {
    const session = await this.classes.sessionOrThrow(sessionId);
    const now = this.clock.now();
    if (now.getTime() < session.startsAt.getTime() - CHECKIN_OPENS_BEFORE_MS) {
      throw trainingError(TrainingExceptionCode.CHECKIN_NOT_OPEN);
    }
    if (now.getTime() >= session.endsAt.getTime()) {
      throw trainingError(TrainingExceptionCode.CHECKIN_CLOSED);
    }
    const issued = issueCheckInCode(this.key(), session.id, now.getTime());
    const url = this.checkInUrl(session.id, issued.code);
    return {
      sessionId: session.id,
      code: issued.code,
      url,
      expiresAt: issued.expiresAt,
      refreshAfterSeconds: Math.max(1, Math.ceil((issued.refreshAt.getTime() - now.getTime()) / 1000)),
      qrDataUrl: await QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 1, width: 360 }),
      qrPngPath: `/training/sessions/${session.id}/qr.png?token=${encodeURIComponent(issued.code)}`,
    };
  }

  /** PNG of a code that is current for the session; anything else is refused, so this is no open QR renderer. */
  async qrPng(sessionId: string, token: string): Promise<Buffer> {
    const session = await this.classes.sessionOrThrow(sessionId);
    this.verifyOrThrow(session, token ?? '');
    return QRCode.toBuffer(this.checkInUrl(session.id, token), { type: 'png', errorCorrectionLevel: 'M', margin: 1, width: 480 });
  }

  /** The signed-in seeker checks in with the code from the room's QR. */
  async checkIn(actor: Actor, input: CheckInInput): Promise<AttendanceModel> {
    const seeker = await this.seekers.findByUser(actor.userId);
    if (!seeker || seeker.erasedAt) throw trainingError(TrainingExceptionCode.NO_PROFILE);
    const session = await this.classes.sessionOrThrow(input.sessionId);
    this.verifyOrThrow(session, input.code);
    return this.record(session, seeker.id, 'QR', actor);
  }

  /** The instructor (OPERATOR for now) marks a trainee present; the actor is recorded. */
  async mark(actor: Actor, input: MarkAttendanceInput): Promise<AttendanceModel> {
    const session = await this.classes.sessionOrThrow(input.sessionId);
    if (this.clock.now().getTime() < session.startsAt.getTime() - CHECKIN_OPENS_BEFORE_MS) {
      throw trainingError(TrainingExceptionCode.SESSION_NOT_STARTED);
    }
    return this.record(session, input.seekerId, 'MANUAL', actor);
  }

  async forSession(sessionId: string): Promise<AttendanceModel[]> {
    const session = await this.classes.sessionOrThrow(sessionId);
    const rows = await this.dataSource.getRepository(AttendanceEntity).find({ where: { sessionId: session.id }, order: { checkedInAt: 'ASC' } });
    return rows.map((r) => toModel(r, false));
  }

  /**
   * What the QR encodes: the seeker app's own check-in screen. A hash route, like
   * a posting's QR (`/#/job/<id>`): the server only ever serves `/`, the app's
   * relative script path works, and the code stays out of server logs and Referer.
   */
  private checkInUrl(sessionId: string, code: string): string {
    return `${this.config.app.publicUrl.replace(/\/$/, '')}/#/check-in?s=${sessionId}&c=${encodeURIComponent(code)}`;
  }

  private verifyOrThrow(session: SessionEntity, code: string): void {
    const check = verifyCheckInCode(this.key(), session.id, code, this.clock.now().getTime());
    if (check.ok) return;
    if (check.reason === 'EXPIRED') {
      throw trainingError(TrainingExceptionCode.CHECKIN_CODE_EXPIRED);
    }
    throw trainingError(TrainingExceptionCode.CHECKIN_CODE_INVALID);
  }

  private async record(session: SessionEntity, seekerId: string, method: AttendanceMethod, actor: Actor): Promise<AttendanceModel> {
    try {
      return await this.dataSource.transaction(async (m) => {
        // One attendance write per person at a time: two racing inserts of the same person (QR and the instructor's
        // mark, or two overlapping sessions) would otherwise wait on each other's speculative insertion through the
        // exclusion constraint — a deadlock PostgreSQL breaks by failing one of them with an internal error.
        await m.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`training-attendance:${seekerId}`]);
        // FOR SHARE: a concurrent withdrawal waits for this check-in, and the other way round.
        const enrolment = await m.findOne(EnrolmentEntity, {
          where: [
            { classId: session.classId, seekerId, status: 'ENROLLED' },
            { classId: session.classId, seekerId, status: 'COMPLETED' },
          ],
          lock: { mode: 'pessimistic_read' },
        });
        if (!enrolment) {
          throw method === 'QR' ? trainingError(TrainingExceptionCode.NOT_ENROLLED) : trainingError(TrainingExceptionCode.TRAINEE_NOT_ENROLLED);
        }
        // Under the lock this look-up sees every committed check-in of the person; the exclusion constraint stays the guard.
        const [clash] = await m.query(
          `SELECT 1 FROM training_attendance WHERE seeker_id = $1 AND session_id <> $2 AND during && tstzrange($3, $4, '[)') LIMIT 1`,
          [enrolment.seekerId, session.id, session.startsAt, session.endsAt],
        );
        if (clash) throw overlap(method);
        return this.insert(m, session, enrolment, method, actor);
      });
    } catch (e) {
      if (isPgError(e, PgErrorCode.EXCLUSION_VIOLATION, 'training_attendance_no_overlap')) throw overlap(method);
      throw e;
    }
  }

  private async insert(m: EntityManager, session: SessionEntity, e: EnrolmentEntity, method: AttendanceMethod, actor: Actor): Promise<AttendanceModel> {
    const rows: Array<{ id: string }> = await m.query(
      `INSERT INTO training_attendance
         (session_id, class_id, enrolment_id, seeker_id, session_starts_at, session_ends_at, method, recorded_by, recorded_role, checked_in_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT ON CONSTRAINT training_attendance_once DO NOTHING
       RETURNING id`,
      [session.id, session.classId, e.id, e.seekerId, session.startsAt, session.endsAt, method, actor.userId, actor.role, this.clock.now()],
    );
    const row = await m.findOneOrFail(AttendanceEntity, { where: { sessionId: session.id, seekerId: e.seekerId } });
    return toModel(row, rows.length === 0);
  }
}

function overlap(method: AttendanceMethod): TrainingException {
  return method === 'QR' ? trainingError(TrainingExceptionCode.ATTENDANCE_OVERLAP) : trainingError(TrainingExceptionCode.TRAINEE_ATTENDANCE_OVERLAP);
}

function toModel(a: AttendanceEntity, alreadyCheckedIn: boolean): AttendanceModel {
  return {
    id: a.id,
    sessionId: a.sessionId,
    classId: a.classId,
    seekerId: a.seekerId,
    method: a.method as AttendanceMethodEnum,
    recordedRole: a.recordedRole,
    checkedInAt: a.checkedInAt,
    alreadyCheckedIn,
  };
}
