import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { SeekerCategory } from '../../seekers/seeker.enums';

/**
 * One uploaded version of the bureau's list of a category. Counts of the file's rows only: nothing about who is on
 * the list, and nothing about whether listed people have a profile here (not even a count).
 */
@ObjectType('CategoryList', { description: '人社局人员类别名单的一个版本 / one version of a bureau category list' })
export class CategoryListModel {
  @Field(() => ID) id: string;
  @Field(() => SeekerCategory) category: SeekerCategory;
  @Field(() => Int, { description: '该类别的第几版 / version number within the category' }) version: number;
  @Field({ description: '名单日期 YYYY-MM-DD / date of the list' }) listDate: string;
  @Field({ description: '上传的文件名 / uploaded file name' }) fileName: string;
  @Field(() => Date) uploadedAt: Date;
  @Field(() => String, { nullable: true, description: '上传人 / uploaded by' }) uploadedByName: string | null;
  @Field(() => Int, { description: '导入的人数（去重后）/ people on the list' }) rowsAccepted: number;
  @Field({ description: '当前有效版本；新版本上传后旧版本失效 / the active version' }) active: boolean;
  @Field(() => Date, { nullable: true, description: '被新版本取代的时间 / when a newer version replaced it' }) supersededAt: Date | null;
}
