import { Controller, Get, Header } from '@nestjs/common';

/**
 * What the interview pages ask their own origin before connecting: where the
 * media server is. Served here (pages on the media origin: same origin) and by
 * the API (libs/interviews, MEDIA_PUBLIC_URL). Never taken from the page's URL,
 * so a crafted link cannot send a camera stream to another server.
 */
@Controller('interview')
export class PagesConfigController {
  @Get('config.json')
  @Header('Cache-Control', 'no-store')
  config(): { mediaUrl: string | null } {
    return { mediaUrl: null };
  }
}
