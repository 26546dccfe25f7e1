import { AppConfig, shanghaiDateTime } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import * as QRCode from 'qrcode';
import { BoothService } from '../booths/booth.service';
import { FairPostingModel } from '../booths/models/booth.model';
import { FairBoothApplicationEntity, FairPostingEntity, FairTicketEntity } from '../fairs.entities';
import { assertFairId, fairsError, FairsExceptionCode } from '../fairs.exception';
import { FairService } from '../fairs/fair.service';
import { postingLink } from '../results/fair-posting.reader';

const SHIFT_ZH: Record<string, string> = { DAY: '白班', TWO_SHIFT: '两班倒', THREE_SHIFT: '三班倒', NIGHT: '夜班' };

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** 月薪 "3,500–5,000 元" from fen. */
export function payZh(minFen: number, maxFen: number): string {
  const yuan = (f: number) => Math.round(f / 100).toLocaleString('en-US');
  return minFen === maxFen ? `${yuan(minFen)} 元/月` : `${yuan(minFen)}–${yuan(maxFen)} 元/月`;
}

/**
 * QR images and the printable A4 booth poster. A posting's QR encodes the seeker app's job page with the fair code
 * as source; a ticket's QR encodes only its random token.
 */
@Injectable()
export class PosterService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly fairs: FairService,
    private readonly booths: BoothService,
  ) {}

  private png(text: string): Promise<Buffer> {
    return QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 480 });
  }

  async postingQrPng(code: string): Promise<Buffer> {
    const fp = await this.dataSource.getRepository(FairPostingEntity).findOne({ where: { code } });
    if (!fp) throw fairsError(FairsExceptionCode.FAIR_POSTING_NOT_FOUND);
    return this.png(postingLink(this.config.app.publicUrl, fp.postingId, fp.code));
  }

  async ticketQrPng(token: string): Promise<Buffer> {
    const t = await this.dataSource.getRepository(FairTicketEntity).findOne({ where: { token } });
    if (!t || t.cancelledAt) throw fairsError(FairsExceptionCode.TICKET_INVALID);
    return this.png(t.token);
  }

  /** The A4 poster of an approved booth: company, booth, each posting with pay, shifts, headcount and its QR. */
  async posterHtml(fairId: string, applicationId: string): Promise<string> {
    assertFairId(fairId);
    assertFairId(applicationId, FairsExceptionCode.BOOTH_APPLICATION_NOT_FOUND);
    const app = await this.dataSource.getRepository(FairBoothApplicationEntity).findOne({ where: { id: applicationId, fairId } });
    if (!app || app.status !== 'APPROVED') throw fairsError(FairsExceptionCode.BOOTH_APPLICATION_NOT_FOUND);
    const fair = await this.fairs.entity(fairId);
    const model = await this.booths.model(app.id);
    const items = await Promise.all(
      model.postings
        .filter((p) => p.status === 'ACTIVE')
        .map(async (p) => ({ p, qr: await QRCode.toDataURL(p.link, { errorCorrectionLevel: 'M', margin: 1, width: 240 }) })),
    );
    const row = ({ p, qr }: { p: FairPostingModel; qr: string }) => `
      <section class="job">
        <div class="info">
          <h2>${esc(p.title)}</h2>
          <p class="pay">${esc(payZh(p.salaryMinFen, p.salaryMaxFen))}</p>
          <p>班次：${esc(p.shifts.map((s) => SHIFT_ZH[s] ?? s).join('、') || '面议')}</p>
          <p>现场招聘 <b>${p.headcount}</b> 人</p>
        </div>
        <figure><img src="${qr}" alt="${esc(`${p.title} 岗位二维码`)}" width="120" height="120"><figcaption>扫码查看并投递</figcaption></figure>
      </section>`;
    return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(`${model.companyName} · ${fair.title}`)}</title>
<style>
@page { size: A4; margin: 14mm; }
body { font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; color: #111; margin: 0; }
header { border-bottom: 3px solid #c00; padding-bottom: 6mm; margin-bottom: 6mm; }
h1 { font-size: 30pt; margin: 0 0 2mm; }
.booth { font-size: 20pt; color: #c00; font-weight: 700; }
.fair { font-size: 12pt; color: #333; }
.job { display: flex; justify-content: space-between; align-items: center; border-bottom: 1px solid #999; padding: 4mm 0; break-inside: avoid; }
.job h2 { font-size: 18pt; margin: 0 0 2mm; }
.pay { font-size: 16pt; color: #c00; font-weight: 700; margin: 0 0 1mm; }
.job p { margin: 0 0 1mm; font-size: 12pt; }
figure { margin: 0; text-align: center; font-size: 10pt; }
footer { margin-top: 6mm; font-size: 10pt; color: #333; }
</style></head>
<body><main>
<header>
  <h1>${esc(model.companyName)}</h1>
  <div class="booth">展位 ${esc(model.booth?.number ?? '待分配')}</div>
  <div class="fair">${esc(fair.title)} · ${esc(shanghaiDateTime(fair.startsAt))}${fair.venue ? ` · ${esc(fair.venue)}` : ''}</div>
</header>
${items.map(row).join('\n')}
<footer>手机扫码即可查看岗位并投递（未登录可短信验证码登录）。乌兰察布云人才</footer>
</main></body></html>`;
  }
}
