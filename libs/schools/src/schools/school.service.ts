import { InputException } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { SchoolEntity } from './school.entity';

@Injectable()
export class SchoolService {
  constructor(@InjectRepository(SchoolEntity) private readonly schools: Repository<SchoolEntity>) {}

  async create(name: string, kind: string, regionCode?: string): Promise<SchoolEntity> {
    if (await this.schools.exists({ where: { name: name.trim() } })) {
      throw new InputException('name', '该院校已登记', 'This school is already registered', 'CONFLICT');
    }
    return this.schools.save(this.schools.create({ name: name.trim(), kind, regionCode: regionCode ?? null }));
  }

  list(): Promise<SchoolEntity[]> {
    return this.schools.find({ order: { name: 'ASC' } });
  }
}
