// The page apps of apps/web and how they are built (issue 9 §3). One list for the build (build.mjs), Vite
// (vite.config.mts), GraphQL Code Generator (codegen.ts) and the budget tests.
// Each is a Vue 3 + Vite app: <html> at apps/web/<html>, code in apps/web/src/<name>/, typed GraphQL documents
// generated into apps/web/src/<name>/gql/ from the committed apps/api/schema.gql. Vant on the phone app (seeker),
// Element Plus on the PC consoles; the fair app serves the hall's info wall and the entrance's check-in phones.
// The two video-interview pages are apps of their own (html under interview/, code in src/interview-seeker/ and
// src/interview-hr/, the media session they share in src/interview/): the seeker's on Vant for the phone, HR's on
// Element Plus beside the scorecard. Their media code (mediasoup-client) loads after the first paint, while the page
// checks the camera, so it is not part of the first load.
// Budgets are gzipped JS+CSS of the first load (the entry and what it preloads).
export const WEB_APPS = [
  { name: 'seeker', html: 'index.html', vue: true, budgetGzip: 100 * 1024 },
  { name: 'hr', html: 'hr/index.html', vue: true, budgetGzip: 350 * 1024 },
  { name: 'staff', html: 'staff/index.html', vue: true, budgetGzip: 350 * 1024 },
  { name: 'bureau', html: 'bureau/index.html', vue: true, budgetGzip: 350 * 1024 },
  { name: 'fair', html: 'fair/index.html', vue: true, budgetGzip: 350 * 1024 },
  // No GraphQL on the seeker's interview page (it talks to the media server only): no gql/ folder to generate.
  { name: 'interview-seeker', html: 'interview/seeker.html', vue: true, gql: false, budgetGzip: 80 * 1024 },
  { name: 'interview-hr', html: 'interview/hr.html', vue: true, budgetGzip: 350 * 1024 },
];

export const vueApps = () => WEB_APPS.filter((a) => a.vue);
