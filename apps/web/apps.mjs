// The page apps of apps/web and how they are built (issue 9 §3). One list for the build (build.mjs), Vite
// (vite.config.mts), GraphQL Code Generator (codegen.ts) and the budget tests.
// Each is a Vue 3 + Vite app: <html> at apps/web/<html>, code in apps/web/src/<name>/, typed GraphQL documents
// generated into apps/web/src/<name>/gql/ from the committed apps/api/schema.gql. Vant on the phone app (seeker),
// Element Plus on the PC consoles; the fair app serves the hall's info wall and the entrance's check-in phones.
// Budgets are gzipped JS+CSS of the first load (the entry and what it preloads).
export const WEB_APPS = [
  { name: 'seeker', html: 'index.html', vue: true, budgetGzip: 100 * 1024 },
  { name: 'hr', html: 'hr/index.html', vue: true, budgetGzip: 350 * 1024 },
  { name: 'staff', html: 'staff/index.html', vue: true, budgetGzip: 350 * 1024 },
  { name: 'bureau', html: 'bureau/index.html', vue: true, budgetGzip: 350 * 1024 },
  { name: 'fair', html: 'fair/index.html', vue: true, budgetGzip: 350 * 1024 },
];

export const vueApps = () => WEB_APPS.filter((a) => a.vue);
