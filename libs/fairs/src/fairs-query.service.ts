import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { FairBoothModel, FairPostingModel } from './booths/models/booth.model';
import { BoothService } from './booths/booth.service';
import { FairEntity, FairPostingEntity, FairTicketEntity } from './fairs.entities';
import { FairService } from './fairs/fair.service';
import { FairModel } from './fairs/models/fair.model';
import { FairPostingReader } from './results/fair-posting.reader';

/** A ticket as the live part sees it: whose and for which fair (no token echo, no personal data). */
export interface FairTicketRef {
  ticketId: string;
  fairId: string;
  seekerId: string;
  walkIn: boolean;
  cancelled: boolean;
}

/**
 * Reads of the fairs core for the live part (libs/fairs/src/live: info wall, booth queues, subscriptions): one fair,
 * its booths, its postings with the places left, and tickets by token.
 */
@Injectable()
export class FairsQueryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly fairs: FairService,
    private readonly booths: BoothService,
    private readonly reader: FairPostingReader,
  ) {}

  /** One fair (any status); NOT_FOUND for an unknown or malformed id. */
  fair(fairId: string): Promise<FairModel> {
    return this.fairs.get(fairId);
  }

  /** The raw fair row (status, times, series) for rules in the live part. */
  fairEntity(fairId: string): Promise<FairEntity> {
    return this.fairs.entity(fairId);
  }

  fairBooths(fairId: string): Promise<FairBoothModel[]> {
    return this.booths.booths(fairId);
  }

  /** Active postings at the fair (companies approved), with places left; `onlyOpen` drops those with none left. */
  async postingsAtFair(fairId: string, onlyOpen = true): Promise<FairPostingModel[]> {
    const fair = await this.fairs.entity(fairId);
    const fps = await this.dataSource
      .getRepository(FairPostingEntity)
      .createQueryBuilder('fp')
      .innerJoin('fair_booth_applications', 'a', `a.id = fp.booth_application_id AND a.status = 'APPROVED'`)
      .where(`fp.fair_id = :f AND fp.status = 'ACTIVE'`, { f: fairId })
      .orderBy('fp.created_at', 'ASC')
      .getMany();
    const models = await this.reader.models(fair, fps);
    return onlyOpen ? models.filter((p) => p.placesLeft > 0) : models;
  }

  /** Tickets by token (a scan at a booth or the queue desk); unknown tokens are left out. */
  async ticketsByToken(tokens: readonly string[]): Promise<Map<string, FairTicketRef>> {
    const uniq = [...new Set(tokens)].filter((t) => typeof t === 'string' && t.length <= 200);
    if (!uniq.length) return new Map();
    const rows = await this.dataSource.getRepository(FairTicketEntity).find({ where: { token: In(uniq) } });
    return new Map(rows.map((t) => [t.token, { ticketId: t.id, fairId: t.fairId, seekerId: t.seekerId, walkIn: t.walkIn, cancelled: !!t.cancelledAt }]));
  }

  async ticketByToken(token: string): Promise<FairTicketRef | null> {
    return (await this.ticketsByToken([token])).get(token) ?? null;
  }
}
