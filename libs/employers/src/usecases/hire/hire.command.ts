import { Actor, BaseCommand } from '@app/core';
import { IsDateString, IsDefined, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

/** Hire an applicant at OFFER and record the employment contract. */
export class HireCommand extends BaseCommand {
  @IsDefined() actor: Actor;
  @IsUUID() applicationId: string;
  /** YYYY-MM-DD, Asia/Shanghai calendar date. */
  @IsDateString({ strict: true }) contractStart: string;
  @IsInt() @Min(1) @Max(120) contractMonths: number;
  @IsOptional() @IsDateString({ strict: true }) socialInsuranceStart?: string | null;
}
