import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../libs/core/src/config/config';
import { dataSourceOptions } from '../libs/core/src/database/data-source-options';

/** CLI data source: `npm run migration:run` / `migration:revert`. */
export default new DataSource(dataSourceOptions(loadConfig()));
