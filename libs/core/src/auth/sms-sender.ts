import { Injectable, Logger } from '@nestjs/common';
import { maskPhone } from '../identity/resident-id';

/** Port to the SMS gateway (outside the platform). */
export abstract class SmsSender {
  abstract send(phone: string, text: string): Promise<void>;
}

/** Development only: writes the message to the log with the phone masked. Refused in production by config. */
@Injectable()
export class LogSmsSender extends SmsSender {
  private readonly logger = new Logger('SMS');
  async send(phone: string, text: string): Promise<void> {
    this.logger.log(`[dev SMS to ${maskPhone(phone)}] ${text}`);
  }
}

/** No gateway configured: sending fails loudly instead of silently. */
@Injectable()
export class UnconfiguredSmsSender extends SmsSender {
  async send(): Promise<void> {
    throw new Error('No SMS gateway configured (SMS_DRIVER)');
  }
}
