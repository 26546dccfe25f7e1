import 'reflect-metadata';
import { Actor, CoreModule, Role } from '@app/core';
import { DynamicModule, ForwardReference, Type } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { DataSource } from 'typeorm';

/**
 * Service-level ("medium") tests, immich style: a Nest testing module with the real TypeORM connection to this run's
 * test database (DATABASE_URL from the jest globalSetup) and real Redis, the context modules given, no HTTP and no
 * GraphQL. `init()` runs the lifecycle hooks, so contributors and ports register as in the apps.
 */
export async function createServiceModule(
  imports: Array<Type<unknown> | DynamicModule | ForwardReference>,
): Promise<{ module: TestingModule; db: DataSource }> {
  const module = await Test.createTestingModule({ imports: [CoreModule, ...imports] }).compile();
  await module.init();
  return { module, db: module.get(DataSource) };
}

/** An actor as the auth guard would build it. */
export function actorOf(userId: string, role: Role, extra: Partial<Actor> = {}): Actor {
  return { userId, role, tenantId: null, schoolId: null, ...extra } as Actor;
}
