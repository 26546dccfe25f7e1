import { Clock } from '@app/core';
import { trainingError, TrainingExceptionCode } from '../training.exception';
import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { TrainingClassType } from '../classes/class-type';
import { CourseEntity } from './course.entity';
import { CreateCourseInput } from './dto/course.input';

/** The course catalogue; the plan's courses come from the migration, operators add more. */
@Injectable()
export class CourseService {
  constructor(
    @InjectRepository(CourseEntity) private readonly courses: Repository<CourseEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async create(input: CreateCourseInput): Promise<CourseEntity> {
    const name = input.name.trim();
    if (await this.courses.exists({ where: { name } })) {
      throw trainingError(TrainingExceptionCode.COURSE_TAKEN);
    }
    return this.courses.save(
      this.courses.create({
        name,
        audience: input.audience ?? null,
        module: input.module ?? null,
        fromPlan: false,
        createdAt: this.clock.now(),
      }),
    );
  }

  list(audience?: TrainingClassType): Promise<CourseEntity[]> {
    return this.courses.find({ where: audience ? { audience } : {}, order: { fromPlan: 'DESC', createdAt: 'ASC', name: 'ASC' } });
  }

  /** Courses of each class, in teaching order. */
  async coursesFor(classIds: readonly string[]): Promise<Map<string, CourseEntity[]>> {
    const map = new Map<string, CourseEntity[]>();
    if (!classIds.length) return map;
    const rows: Array<CourseEntity & { classId: string }> = await this.dataSource.query(
      `SELECT cc.class_id AS "classId", c.id, c.name, c.audience, c.module, c.from_plan AS "fromPlan", c.created_at AS "createdAt"
         FROM training_class_courses cc JOIN training_courses c ON c.id = cc.course_id
        WHERE cc.class_id = ANY($1::uuid[]) ORDER BY cc.class_id, cc.position`,
      [[...classIds]],
    );
    for (const { classId, ...c } of rows) map.set(classId, [...(map.get(classId) ?? []), c as CourseEntity]);
    return map;
  }
}
