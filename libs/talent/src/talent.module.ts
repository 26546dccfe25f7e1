import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConsentEntity } from './consent/consent.entity';
import { ProfileAccessLogEntity, SeekerEntity } from './seekers/seeker.entity';
import { PersonalDataExportRegistry } from './privacy/personal-data-export';
import { SeekerService } from './seekers/seeker.service';

@Module({
  imports: [TypeOrmModule.forFeature([SeekerEntity, ConsentEntity, ProfileAccessLogEntity])],
  providers: [SeekerService, PersonalDataExportRegistry],
  exports: [SeekerService, PersonalDataExportRegistry, TypeOrmModule],
})
export class TalentModule {}
