import { AppException, Public } from '@app/core';
import { Body, Controller, Get, Header, HttpCode, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { WallSubscriptionService } from './wall-subscription.service';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title><style>body{font:16px/1.6 system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;color:#1f2937}
button{font-size:1rem;padding:.6rem 1.2rem;border:0;border-radius:6px;background:#1d4ed8;color:#fff}</style></head>
<body><main><h1>${title}</h1>${body}</main></body></html>`;
}

/**
 * The unsubscribe link in the weekly wall message. GET only shows a confirmation (a link preview or a scanner
 * fetching the URL changes nothing); the button POSTs the token. The token proves the link came from us.
 */
@Controller('fair-wall')
export class WallUnsubscribeController {
  constructor(private readonly subscriptions: WallSubscriptionService) {}

  @Public()
  @Get('unsubscribe')
  @Header('Cache-Control', 'no-store')
  @Header('Content-Type', 'text/html; charset=utf-8')
  confirm(@Query('t') token: string): string {
    return page(
      '退订招聘会信息 / Unsubscribe',
      `<p>确认后将不再收到每周招聘会的岗位推送。</p><p lang="en">You will no longer get the weekly job fair postings.</p>
<form method="post" action="/fair-wall/unsubscribe"><input type="hidden" name="t" value="${esc(String(token ?? ''))}"><button type="submit">确认退订 / Unsubscribe</button></form>`,
    );
  }

  @Public()
  @Post('unsubscribe')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  async unsubscribe(@Body() body: { t?: string }, @Res() res: Response): Promise<void> {
    res.type('html');
    try {
      await this.subscriptions.unsubscribeWithToken(String(body?.t ?? ''));
      res.send(
        page('已退订 / Unsubscribed', '<p>您已退订每周招聘会岗位推送，可随时在“本周六招聘会”重新订阅。</p><p lang="en">You have been unsubscribed.</p>'),
      );
    } catch (e) {
      if (!(e instanceof AppException)) throw e;
      res.status(400).send(page('链接无效 / Invalid link', `<p>${esc(e.messageZh)}</p><p lang="en">${esc(e.messageEn)}</p>`));
    }
  }
}
