import { Actor, CryptoService, InputException, isValidCreditCode, normalizeMobile, PageArgs, Role, toPage } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { TenantEntity } from '../employers.entities';
import { notFound } from '../employers.exception';
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
      throw new InputException('creditCode', '统一社会信用代码无效（18位，校验位错误或含非法字符）', 'Unified social credit code is invalid', 'BAD_USER_INPUT');
    }
    if (await this.tenants.exists({ where: { creditCode: code } })) {
      throw new InputException('creditCode', '该统一社会信用代码的企业已入驻', 'A tenant with this credit code already exists', 'CONFLICT');
    }
    let phoneEnc: string | null = null;
    if (input.contactPhone) {
      const phone = normalizeMobile(input.contactPhone);
      if (!phone) throw new InputException('contactPhone', '联系电话格式不正确', 'Contact phone is invalid');
      phoneEnc = this.crypto.encrypt(phone);
    }
    return this.tenants.save(this.tenants.create({ name: input.name.trim(), creditCode: code, seats: input.seats, contactName: input.contactName ?? null, contactPhoneEnc: phoneEnc }));
  }

  async list(page: PageArgs) {
    const [rows, total] = await this.tenants.findAndCount({ order: { createdAt: 'DESC', id: 'ASC' }, skip: page.offset, take: page.first });
    return toPage(rows, total, page);
  }

  async mine(actor: Actor): Promise<TenantEntity> {
    const t = actor.tenantId ? await this.tenants.findOne({ where: { id: actor.tenantId } }) : null;
    if (!t) throw notFound('企业', 'Tenant');
    return t;
  }

  async get(actor: Actor, id: string): Promise<TenantEntity> {
    if (actor.role === Role.HR && actor.tenantId !== id) throw notFound('企业', 'Tenant', 'id');
    const t = await this.tenants.findOne({ where: { id } });
    if (!t) throw notFound('企业', 'Tenant', 'id');
    return t;
  }

  /** A contact person's name is personal data: never for seekers, anonymous callers or other tenants' HR. */
  contactNameFor(actor: Actor | undefined, tenant: { id: string; contactName: string | null }): string | null {
    if (!actor) return null;
    const allowed =
      actor.role === Role.OPERATOR || actor.role === Role.AUDITOR || actor.role === Role.SCHOOL_ADMIN || (actor.role === Role.HR && actor.tenantId === tenant.id);
    return allowed ? tenant.contactName : null;
  }

  async findByIds(ids: readonly string[]): Promise<Map<string, TenantEntity>> {
    const rows = ids.length ? await this.tenants.find({ where: { id: In([...ids]) } }) : [];
    return new Map(rows.map((r) => [r.id, r]));
  }
}
