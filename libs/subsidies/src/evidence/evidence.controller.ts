import { Actor, CurrentActor, Role, Roles } from '@app/core';
import {
  Body,
  CallHandler,
  Controller,
  ExecutionContext,
  Get,
  HttpException,
  Injectable,
  NestInterceptor,
  Param,
  PayloadTooLargeException,
  Post,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { Observable } from 'rxjs';
import { SubsidyEvidenceModel } from '../graphql/subsidy.models';
import { subsidiesError, SubsidiesExceptionCode } from '../subsidies.exception';
import { EvidenceService, MAX_EVIDENCE_BYTES } from './evidence.service';

/** What multer hands the controller with its default (memory) storage; files are ≤ 10 MB. */
interface MemoryFile {
  originalname: string;
  buffer: Buffer;
  size: number;
}

interface HttpResponse {
  setHeader(name: string, value: string): void;
  end(body: Buffer): void;
}

const MulterEvidence = FileInterceptor('file', { limits: { fileSize: MAX_EVIDENCE_BYTES, files: 1, fields: 5 } });

/** multipart field `file` (and `kind`), ≤ 10 MB in memory; multer's errors become SubsidiesExceptions (zh/en). */
@Injectable()
export class EvidenceUploadInterceptor extends MulterEvidence implements NestInterceptor {
  override async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    try {
      return await super.intercept(context, next);
    } catch (e) {
      if (e instanceof PayloadTooLargeException) throw subsidiesError(SubsidiesExceptionCode.FILE_TOO_LARGE);
      if (e instanceof HttpException) throw subsidiesError(SubsidiesExceptionCode.FILE_TYPE);
      throw e;
    }
  }
}

/** busboy hands over UTF-8 file names decoded as latin1; undo that when it is what happened. */
function fixName(name: string): string {
  // eslint-disable-next-line no-control-regex -- "every character is latin1"
  if (!/[\u0080-\u00ff]/.test(name) || /[^\u0000-\u00ff]/.test(name)) return name;
  const utf8 = Buffer.from(name, 'latin1').toString('utf8');
  return utf8.includes('\ufffd') ? name : utf8;
}

/** REST only for the bytes: uploading evidence to a claim, and reading one back (the bureau's in-page preview). The list is GraphQL (SubsidyClaim.evidence). */
@Controller('subsidies')
export class EvidenceController {
  constructor(private readonly evidence: EvidenceService) {}

  @Roles(Role.HR, Role.SEEKER, Role.SCHOOL_ADMIN, Role.OPERATOR)
  @Post('claims/:id/evidence')
  @UseInterceptors(EvidenceUploadInterceptor)
  upload(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body('kind') kind: string,
    @UploadedFile() file: MemoryFile | undefined,
  ): Promise<SubsidyEvidenceModel> {
    return this.evidence.add(actor, id, kind, file && { ...file, originalname: fixName(file.originalname) });
  }

  @Roles(Role.HR, Role.SEEKER, Role.SCHOOL_ADMIN, Role.AUDITOR, Role.OPERATOR)
  @Get('evidence/:id')
  async download(@CurrentActor() actor: Actor, @Param('id') id: string, @Res() res: HttpResponse): Promise<void> {
    const f = await this.evidence.read(actor, id);
    res.setHeader('Content-Type', f.mime);
    res.setHeader('Content-Disposition', `inline; filename="evidence"; filename*=UTF-8''${encodeURIComponent(f.fileName)}`);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.end(f.content);
  }
}
