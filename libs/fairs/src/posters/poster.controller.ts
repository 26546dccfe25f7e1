import { Public } from '@app/core';
import { Controller, Get, Header, Param, StreamableFile } from '@nestjs/common';
import { PosterService } from './poster.service';

/**
 * Images and print pages an <img> or a printer asks for without a bearer token. Public: a posting QR carries a link
 * anyone at the fair may scan; a ticket QR renders only the token its holder already has; a poster shows an approved
 * booth's public postings.
 */
@Controller('fairs')
export class PosterController {
  constructor(private readonly posters: PosterService) {}

  @Public()
  @Get('qr/:code.png')
  @Header('Content-Type', 'image/png')
  @Header('Cache-Control', 'public, max-age=3600')
  async postingQr(@Param('code') code: string): Promise<StreamableFile> {
    return new StreamableFile(await this.posters.postingQrPng(code));
  }

  @Public()
  @Get('tickets/:token.png')
  @Header('Content-Type', 'image/png')
  @Header('Cache-Control', 'no-store')
  async ticketQr(@Param('token') token: string): Promise<StreamableFile> {
    return new StreamableFile(await this.posters.ticketQrPng(token));
  }

  @Public()
  @Get(':fairId/posters/:applicationId')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  poster(@Param('fairId') fairId: string, @Param('applicationId') applicationId: string): Promise<string> {
    return this.posters.posterHtml(fairId, applicationId);
  }
}
