import { Actor, CurrentActor, httpErrorBody, httpStatusOf, Role, Roles } from '@app/core';
import {
  ArgumentsHost,
  Body,
  CallHandler,
  Catch,
  Controller,
  ExceptionFilter,
  ExecutionContext,
  HttpException,
  Injectable,
  NestInterceptor,
  PayloadTooLargeException,
  Post,
  UploadedFile,
  UseFilters,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { Observable } from 'rxjs';
import { talentError, TalentException, TalentExceptionCode } from '../../talent.exception';
import { CategoryListModel } from './category-list.model';
import { CATEGORY_LIST_MAX_BYTES, CategoryListService } from './category-list.service';

interface MemoryFile {
  originalname: string;
  buffer: Buffer;
  size: number;
}

interface HttpResponse {
  headersSent: boolean;
  status(code: number): HttpResponse;
  json(body: unknown): void;
}

const MulterList = FileInterceptor('file', { limits: { fileSize: CATEGORY_LIST_MAX_BYTES, files: 1, fields: 5 } });

/** multipart: `file` (≤ 20 MB, in memory), `category`, `listDate`; multer's errors become TalentExceptions (zh/en). */
@Injectable()
export class CategoryListUploadInterceptor extends MulterList implements NestInterceptor {
  override async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    try {
      return await super.intercept(context, next);
    } catch (e) {
      if (e instanceof PayloadTooLargeException) throw talentError(TalentExceptionCode.CATEGORY_LIST_FILE_TOO_LARGE, { mb: CATEGORY_LIST_MAX_BYTES / 1048576 });
      if (e instanceof HttpException) throw talentError(TalentExceptionCode.CATEGORY_LIST_FILE_REQUIRED);
      throw e;
    }
  }
}

/** The global filter's JSON and status, plus `details` (a refused list's bad rows, the reader's error code). */
@Catch(TalentException)
export class TalentHttpExceptionFilter implements ExceptionFilter {
  catch(e: TalentException, host: ArgumentsHost) {
    const res = host.switchToHttp().getResponse<HttpResponse>();
    if (res.headersSent) return;
    res.status(httpStatusOf(e)).json({ ...httpErrorBody(e), details: e.details });
  }
}

/** busboy hands over UTF-8 file names decoded as latin1; undo that when it is what happened. */
function fixName(name: string): string {
  // eslint-disable-next-line no-control-regex -- "every character is latin1"
  if (!/[\u0080-\u00ff]/.test(name) || /[^\u0000-\u00ff]/.test(name)) return name;
  const utf8 = Buffer.from(name, 'latin1').toString('utf8');
  return utf8.includes('\ufffd') ? name : utf8;
}

/** REST only for the bytes: the bureau uploads a category list. The versions are GraphQL (categoryLists). */
@Controller('talent/category-lists')
@UseFilters(TalentHttpExceptionFilter)
export class CategoryListController {
  constructor(private readonly lists: CategoryListService) {}

  @Roles(Role.AUDITOR)
  @Post()
  @UseInterceptors(CategoryListUploadInterceptor)
  upload(
    @CurrentActor() actor: Actor,
    @Body('category') category: string,
    @Body('listDate') listDate: string,
    @UploadedFile() file: MemoryFile | undefined,
  ): Promise<CategoryListModel> {
    return this.lists.upload(actor, { category, listDate, file: file && { ...file, originalname: fixName(file.originalname) } });
  }
}
