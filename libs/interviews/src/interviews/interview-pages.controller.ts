import { AppConfig, Public } from '@app/core';
import { Controller, Get, Header } from '@nestjs/common';

/**
 * Where the interview pages the API serves (/interview/*.html) find the media
 * server: MEDIA_PUBLIC_URL, or null for the API's own origin. The pages read it
 * from their own origin and ignore any `media=` in their URL, so a crafted link
 * cannot send someone's camera to another server. (apps/media serves the same
 * path for the pages it serves itself, with null.)
 */
@Controller('interview')
export class InterviewPagesController {
  constructor(private readonly config: AppConfig) {}

  @Public()
  @Get('config.json')
  @Header('Cache-Control', 'no-store')
  pagesConfig(): { mediaUrl: string | null } {
    return { mediaUrl: this.config.app.mediaPublicUrl ?? null };
  }
}
