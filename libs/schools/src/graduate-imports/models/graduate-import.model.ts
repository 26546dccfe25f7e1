import { Paginated } from '@app/core';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum GraduateImportStatus {
  QUEUED = 'QUEUED',
  PROCESSING = 'PROCESSING',
  DONE = 'DONE',
  FAILED = 'FAILED',
}
registerEnumType(GraduateImportStatus, { name: 'GraduateImportStatus', description: '排队中 / 处理中 / 已完成 / 失败' });

@ObjectType('GraduateImport', { description: '毕业生名单导入 / graduate-list import (poll for progress)' })
export class GraduateImportModel {
  @Field(() => ID) id: string;
  @Field() fileName: string;
  @Field(() => Float, { description: 'bytes' }) fileSize: number;
  @Field({ description: 'SHA-256 of the uploaded file' }) fileSha256: string;
  @Field() format: string;
  @Field(() => String, { nullable: true, description: 'CSV encoding: utf-8, utf-8-bom, gbk, utf-16le/be' }) encoding: string | null;
  @Field(() => String, { nullable: true }) sheetName: string | null;
  @Field(() => Int, { nullable: true, description: '表头所在行 / header row number' }) headerRow: number | null;
  @Field(() => GraduateImportStatus) status: `${GraduateImportStatus}`;
  @Field(() => Int, { description: '已处理行数 / rows processed' }) rowsProcessed: number;
  @Field(() => Int, { nullable: true, description: '总行数（完成前为估计值）/ total rows (an estimate until DONE)' }) rowsTotal: number | null;
  @Field(() => Int) progressPercent: number;
  @Field(() => Int, {
    description:
      '已接收的行（不区分新建或已有档案：已在平台上的人需本人确认后才会成为本校学生）/ rows accepted; deliberately not split into new vs existing profiles, so the report does not tell whether someone is in the talent pool (people already in the pool become students only once they confirm)',
  })
  accepted: number;
  @Field(() => Int, { description: '问题行 / rejected rows' }) rejected: number;
  @Field(() => Int, { description: '提示（如性别与身份证号不一致）/ warnings' }) warnings: number;
  @Field(() => String, { nullable: true }) errorCode: string | null;
  @Field(() => String, { nullable: true, description: '失败原因 / why the import failed (zh)' }) errorMessage: string | null;
  @Field(() => String, { nullable: true }) errorMessageEn: string | null;
  @Field() createdAt: Date;
  @Field(() => Date, { nullable: true }) startedAt: Date | null;
  @Field(() => Date, { nullable: true }) finishedAt: Date | null;
}

@ObjectType('GraduateImportPage')
export class GraduateImportPage extends Paginated(GraduateImportModel) {}

@ObjectType('GraduateRowProblem')
export class GraduateRowProblemModel {
  @Field({ description: '列字母，如 C（整列缺失时为空）/ column letter' }) column: string;
  @Field({ description: '表头文字 / header text' }) header: string;
  @Field() field: string;
  @Field() code: string;
  @Field({ description: '原因（证件号、手机号已脱敏）/ reason in Chinese, numbers masked' }) reason: string;
  @Field() reasonEn: string;
}

@ObjectType('GraduateImportRejection', { description: '问题行 / a rejected row' })
export class GraduateImportRejectionModel {
  @Field(() => Int, { description: '文件中的行号 / row number in the file' }) row: number;
  @Field(() => [GraduateRowProblemModel]) errors: GraduateRowProblemModel[];
}

@ObjectType('GraduateImportRejectionPage')
export class GraduateImportRejectionPage extends Paginated(GraduateImportRejectionModel) {}
