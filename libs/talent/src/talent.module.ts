import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConsentEntity } from './consent/consent.entity';
import { ProfileAccessLogEntity, SeekerEntity } from './seekers/seeker.entity';
import { SeekerService } from './seekers/seeker.service';

@Module({
  imports: [TypeOrmModule.forFeature([SeekerEntity, ConsentEntity, ProfileAccessLogEntity])],
  providers: [SeekerService],
  exports: [SeekerService, TypeOrmModule],
})
export class TalentModule {}
