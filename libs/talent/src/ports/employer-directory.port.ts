import { Injectable } from '@nestjs/common';

/**
 * What the talent pool needs to know from the employers context: tenant names (for "who viewed me") and whether a
 * person has an active application with a tenant (the masking rule of talentProfile). Employers imports talent, so
 * talent cannot import employers: talent declares this port and the employers module provides it when it starts
 * (libs/employers/src/read/talent-links.provider.ts), like PersonalDataExportRegistry.
 */
export interface EmployerDirectory {
  tenantNames(tenantIds: readonly string[]): Promise<Map<string, string>>;
  hasActiveApplication(seekerId: string, tenantId: string): Promise<boolean>;
}

@Injectable()
export class EmployerDirectoryPort implements EmployerDirectory {
  private impl: EmployerDirectory | null = null;

  provide(impl: EmployerDirectory): void {
    if (this.impl) throw new Error('EmployerDirectoryPort provided twice');
    this.impl = impl;
  }

  private get(): EmployerDirectory {
    if (!this.impl) throw new Error('EmployerDirectoryPort: the employers module is not loaded');
    return this.impl;
  }

  tenantNames(tenantIds: readonly string[]): Promise<Map<string, string>> {
    return tenantIds.length ? this.get().tenantNames(tenantIds) : Promise.resolve(new Map());
  }

  hasActiveApplication(seekerId: string, tenantId: string): Promise<boolean> {
    return this.get().hasActiveApplication(seekerId, tenantId);
  }
}
