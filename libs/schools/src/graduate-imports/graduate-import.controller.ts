import { Actor, CurrentActor, Role, Roles } from '@app/core';
import { Controller, Get, HttpCode, Param, Post, Res, UploadedFile, UseFilters, UseInterceptors } from '@nestjs/common';
import { TEMPLATE_FILE_NAME } from '../imports';
import { HttpResponse, SchoolsHttpExceptionFilter } from '../schools-http.filter';
import { GraduateImportService } from './graduate-import.service';
import { fixFileName, GraduateUploadInterceptor, MulterUploadedFile } from './graduate-upload.interceptor';
import { GraduateImportModel } from './models/graduate-import.model';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function attachment(res: HttpResponse, fileName: string): void {
  res.setHeader('Content-Type', XLSX);
  res.setHeader('Content-Disposition', `attachment; filename="download.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`);
  res.setHeader('Cache-Control', 'no-store');
}

/** REST only where GraphQL is wrong: the upload itself and spreadsheet downloads. Progress and reports are GraphQL (graduateImport). */
@Controller('schools/graduate-imports')
@UseFilters(SchoolsHttpExceptionFilter)
export class GraduateImportController {
  constructor(private readonly imports: GraduateImportService) {}

  @Roles(Role.SCHOOL_ADMIN)
  @Post()
  @HttpCode(202)
  @UseInterceptors(GraduateUploadInterceptor)
  upload(@CurrentActor() actor: Actor, @UploadedFile() file: MulterUploadedFile | undefined): Promise<GraduateImportModel> {
    return this.imports.accept(actor, file && { path: file.path, originalName: fixFileName(file.originalname), size: file.size });
  }

  @Roles(Role.SCHOOL_ADMIN, Role.OPERATOR)
  @Get('template.xlsx')
  async template(@Res() res: HttpResponse): Promise<void> {
    attachment(res, TEMPLATE_FILE_NAME);
    await this.imports.writeTemplate(res);
  }

  @Roles(Role.SCHOOL_ADMIN)
  @Get(':id/rejected.xlsx')
  async rejected(@CurrentActor() actor: Actor, @Param('id') id: string, @Res() res: HttpResponse): Promise<void> {
    const name = await this.imports.reportFileName(actor, id); // 404 for another school's import, before any byte is sent
    attachment(res, name);
    await this.imports.writeRejectedReport(actor, id, res);
  }
}
