import { schoolsError, SchoolsExceptionCode } from '../schools.exception';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { SchoolEntity } from './school.entity';

@Injectable()
export class SchoolService {
  constructor(@InjectRepository(SchoolEntity) private readonly schools: Repository<SchoolEntity>) {}

  async create(name: string, kind: string, regionCode?: string): Promise<SchoolEntity> {
    if (await this.schools.exists({ where: { name: name.trim() } })) {
      throw schoolsError(SchoolsExceptionCode.SCHOOL_TAKEN);
    }
    return this.schools.save(this.schools.create({ name: name.trim(), kind, regionCode: regionCode ?? null }));
  }

  list(): Promise<SchoolEntity[]> {
    return this.schools.find({ order: { name: 'ASC' } });
  }
}
