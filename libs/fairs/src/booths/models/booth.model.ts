import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { BoothApplicationStatusEnum } from '../../fair.enums';

@ObjectType('FairBooth', { description: '招聘席位 / a numbered booth' })
export class FairBoothModel {
  @Field(() => ID) id: string;
  @Field(() => ID) fairId: string;
  @Field() number: string;
  @Field(() => String, { nullable: true }) zone: string | null;
  @Field(() => ID, { nullable: true }) tenantId: string | null;
  @Field(() => String, { nullable: true, description: '企业名称 / company at the booth' }) companyName: string | null;
  @Field({ description: '是否空闲 / free' }) free: boolean;
}

@ObjectType('FairPosting', { description: '招聘会上的岗位 / a posting at a fair' })
export class FairPostingModel {
  @Field(() => ID) id: string;
  @Field(() => ID) fairId: string;
  @Field(() => ID) postingId: string;
  @Field(() => ID) tenantId: string;
  @Field() companyName: string;
  @Field() title: string;
  @Field(() => Int) salaryMinFen: number;
  @Field(() => Int) salaryMaxFen: number;
  @Field(() => [String]) shifts: string[];
  @Field(() => String, { nullable: true }) boothNumber: string | null;
  @Field(() => Int, { description: '现场招聘人数 / headcount offered at this fair' }) headcount: number;
  @Field(() => Int, { description: '剩余名额 / places left at this fair' }) placesLeft: number;
  @Field({ description: '二维码编码（不含个人信息）/ opaque QR code' }) code: string;
  @Field({ description: '岗位二维码图片地址 / QR PNG URL' }) qrUrl: string;
  @Field({ description: '二维码内容：岗位链接 / the link the QR encodes' }) link: string;
  @Field(() => Int, { description: '第几次参会（0=首次）/ carry-overs so far' }) carryGeneration: number;
  @Field() status: string;
}

@ObjectType('FairBoothApplication', { description: '企业展位申请 / a booth application' })
export class FairBoothApplicationModel {
  @Field(() => ID) id: string;
  @Field(() => ID) fairId: string;
  @Field(() => ID) tenantId: string;
  @Field() companyName: string;
  @Field(() => BoothApplicationStatusEnum) status: BoothApplicationStatusEnum;
  @Field(() => String, { nullable: true }) reason: string | null;
  @Field(() => FairBoothModel, { nullable: true }) booth: FairBoothModel | null;
  @Field({ description: '迟取消 / cancelled late' }) lateCancel: boolean;
  @Field({ description: '未到场 / no-show' }) noShow: boolean;
  @Field(() => [FairPostingModel]) postings: FairPostingModel[];
  @Field({ description: '海报页面地址 / printable A4 poster page' }) posterUrl: string;
  @Field() createdAt: Date;
}
