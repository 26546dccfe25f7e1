import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { AccountService } from '../auth/account.service';
import { SmsSender } from '../auth/sms-sender';
import { Clock } from '../clock/clock';
import { EventBus, notificationChannel } from '../events/pubsub';
import { OutboxJob } from '../outbox/outbox.entity';
import { NotificationEntity, NotifyPayload } from './notification.entity';

/** Delivers notify.* events: an in-app message, and an SMS when asked. Idempotent per event. */
@Injectable()
export class NotificationService {
  constructor(
    @InjectRepository(NotificationEntity) private readonly notifications: Repository<NotificationEntity>,
    private readonly accounts: AccountService,
    private readonly sms: SmsSender,
    private readonly clock: Clock,
    private readonly events: EventBus,
  ) {}

  async deliver(job: OutboxJob<NotifyPayload>): Promise<void> {
    const p = job.payload;
    const inserted = await this.notifications
      .createQueryBuilder()
      .insert()
      .values({ userId: p.userId, eventId: job.eventId, kind: p.kind, title: p.title, body: p.body })
      .orIgnore()
      .returning('id')
      .execute();
    const row = await this.notifications.findOneOrFail({ where: { eventId: job.eventId, userId: p.userId } });
    if (inserted.raw.length) await this.events.publish(notificationChannel(p.userId), row);
    if (!p.sms) return;
    if (row.smsSentAt) return;
    const user = await this.accounts.findUser(p.userId);
    const phone = user && this.accounts.decryptPhone(user);
    if (phone) {
      await this.sms.send(phone, `【乌兰察布云人才】${p.title}：${p.body}`);
      await this.notifications.update({ id: row.id, smsSentAt: IsNull() }, { smsSentAt: this.clock.now() });
    }
  }

  list(userId: string, limit: number): Promise<NotificationEntity[]> {
    return this.notifications.find({ where: { userId }, order: { createdAt: 'DESC' }, take: limit });
  }
}
