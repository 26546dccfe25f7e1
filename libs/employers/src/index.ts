export * from './applications/application.service';
export * from './applications/stage-machine';
export * from './employers.entities';
export * from './employers.exception';
export * from './employers.module';
export * from './hires/hire.service';
export * from './postings/posting.service';
export * from './tenants/tenant.service';
