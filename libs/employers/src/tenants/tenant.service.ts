import { Actor, CryptoService, isValidCreditCode, normalizeMobile, PageArgs, Role, toPage } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { TenantEntity } from '../employers.entities';
import { employersError, EmployersExceptionCode } from '../employers.exception';
import { CreateTenantInput } from './dto/tenant.input';

@Injectable()
export class TenantService {
  constructor(
    @InjectRepository(TenantEntity) private readonly tenants: Repository<TenantEntity>,
    private readonly crypto: CryptoService,
  ) {}

  async create(input: CreateTenantInput): Promise<TenantEntity> {
    const code = input.creditCode.trim().toUpperCase();
    if (!isValidCreditCode(code)) {
      throw employersError(EmployersExceptionCode.CREDIT_CODE_INVALID);
    }
    if (await this.tenants.exists({ where: { creditCode: code } })) {
      throw employersError(EmployersExceptionCode.CREDIT_CODE_TAKEN);
    }
    let phoneEnc: string | null = null;
    if (input.contactPhone) {
      const phone = normalizeMobile(input.contactPhone);
      if (!phone) throw employersError(EmployersExceptionCode.CONTACT_PHONE_INVALID);
      phoneEnc = this.crypto.encrypt(phone);
    }
    return this.tenants.save(
      this.tenants.create({ name: input.name.trim(), creditCode: code, seats: input.seats, contactName: input.contactName ?? null, contactPhoneEnc: phoneEnc }),
    );
  }

  async list(page: PageArgs) {
    const [rows, total] = await this.tenants.findAndCount({ order: { createdAt: 'DESC', id: 'ASC' }, skip: page.offset, take: page.first });
    return toPage(rows, total, page);
  }

  async mine(actor: Actor): Promise<TenantEntity> {
    const t = actor.tenantId ? await this.tenants.findOne({ where: { id: actor.tenantId } }) : null;
    if (!t) throw employersError(EmployersExceptionCode.TENANT_NOT_FOUND);
    return t;
  }

  async get(actor: Actor, id: string): Promise<TenantEntity> {
    if (actor.role === Role.HR && actor.tenantId !== id) throw employersError(EmployersExceptionCode.TENANT_NOT_FOUND, { field: 'id' });
    const t = await this.tenants.findOne({ where: { id } });
    if (!t) throw employersError(EmployersExceptionCode.TENANT_NOT_FOUND, { field: 'id' });
    return t;
  }

  /** A contact person's name is personal data: never for seekers, anonymous callers or other tenants' HR. */
  contactNameFor(actor: Actor | undefined, tenant: { id: string; contactName: string | null }): string | null {
    if (!actor) return null;
    const allowed =
      actor.role === Role.OPERATOR ||
      actor.role === Role.AUDITOR ||
      actor.role === Role.SCHOOL_ADMIN ||
      (actor.role === Role.HR && actor.tenantId === tenant.id);
    return allowed ? tenant.contactName : null;
  }

  async findByIds(ids: readonly string[]): Promise<Map<string, TenantEntity>> {
    const rows = ids.length ? await this.tenants.find({ where: { id: In([...ids]) } }) : [];
    return new Map(rows.map((r) => [r.id, r]));
  }
}
