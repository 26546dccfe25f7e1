export * from './graduate-columns';
export * from './graduate-file-error';
export * from './graduate-file-reader';
export * from './graduate-row-validator';
export * from './graduate-template';
export * from './bad-rows-report';
