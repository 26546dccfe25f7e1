// GraphQL Code Generator: typed documents for each Vue app from the committed apps/api/schema.gql (issue 9 §3).
// A page whose query no longer matches the schema fails `npm run web:build` (codegen validates every document,
// vue-tsc checks the types). One output per app keeps each bundle to its own documents; src/shared/gql/schema-enums.ts has
// the schema's enums for the label tables. Generated folders are not committed.
import type { CodegenConfig } from '@graphql-codegen/cli';
import { vueApps } from './apps.mjs';

const schema = 'apps/api/schema.gql';
const preset = {
  preset: 'client' as const,
  presetConfig: { fragmentMasking: false },
  config: {
    documentMode: 'string' as const,
    enumsAsTypes: true,
    useTypeImports: true,
    skipTypename: true,
    scalars: { DateTime: 'string', ID: 'string' },
  },
};

const generates: CodegenConfig['generates'] = {
  // Every enum of the schema as a string union: the label tables (src/shared/labels.ts) are typed by them, so a new
  // enum value without a zh/en label fails the build.
  'apps/web/src/shared/gql/schema-enums.ts': { plugins: ['typescript'], config: { enumsAsTypes: true, onlyEnums: true } },
};
for (const app of vueApps().filter((a) => a.gql !== false)) {
  generates[`apps/web/src/${app.name}/gql/`] = {
    ...preset,
    documents: [`apps/web/src/${app.name}/**/*.{ts,vue}`, `!apps/web/src/${app.name}/gql/**`],
  };
}

const config: CodegenConfig = { schema, generates, ignoreNoDocuments: true, silent: true };
export default config;
