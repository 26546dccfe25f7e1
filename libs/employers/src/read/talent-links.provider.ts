import { EmployerDirectoryPort } from '@app/talent';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { HiringReadModel } from './hiring-read-model';
import { TenantDirectory } from './tenant-directory';

/** Provides talent's EmployerDirectoryPort (talent cannot import employers: employers imports talent). */
@Injectable()
export class TalentLinksProvider implements OnModuleInit {
  constructor(
    private readonly port: EmployerDirectoryPort,
    private readonly tenants: TenantDirectory,
    private readonly hiring: HiringReadModel,
  ) {}

  onModuleInit(): void {
    this.port.provide({
      tenantNames: (ids) => this.tenants.names(ids),
      hasActiveApplication: (seekerId, tenantId) => this.hiring.hasActiveApplication(seekerId, tenantId),
    });
  }
}
