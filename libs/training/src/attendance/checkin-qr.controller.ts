import { Public } from '@app/core';
import { Controller, Get, Header, Param, Query, StreamableFile } from '@nestjs/common';
import { AttendanceService } from './attendance.service';

/**
 * The QR as a PNG for the room's screen (an <img> cannot send a bearer token).
 * Public, but it only renders a code that is current for that session, which
 * whoever asks already holds.
 */
@Controller('training/sessions')
export class CheckInQrController {
  constructor(private readonly attendance: AttendanceService) {}

  @Public()
  @Get(':id/qr.png')
  @Header('Content-Type', 'image/png')
  @Header('Cache-Control', 'no-store')
  async qr(@Param('id') id: string, @Query('token') token: string): Promise<StreamableFile> {
    return new StreamableFile(await this.attendance.qrPng(id, typeof token === 'string' ? token : ''));
  }
}
