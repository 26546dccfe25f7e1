// Vite builds the Vue page apps (apps.mjs, vue: true) into apps/web/dist, which the API serves at /:
//   dist/index.html (seeker, Vant), dist/hr/index.html, dist/staff/index.html, dist/bureau/index.html,
//   dist/fair/index.html, dist/interview/hr.html (Element Plus), dist/interview/seeker.html (Vant),
//   dist/assets/<name>-<hash>.{js,css} (immutable, see apps/api bootstrap.ts).
// Vant and Element Plus components (and their CSS) are imported per use by unplugin-vue-components, so only what a
// page uses is shipped; routes are loaded lazily.
import { VantResolver } from '@vant/auto-import-resolver';
import vue from '@vitejs/plugin-vue';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Components from 'unplugin-vue-components/vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';
import { defineConfig } from 'vite';
import { vueApps } from './apps.mjs';

const here = dirname(fileURLToPath(import.meta.url));

export default defineConfig(() => {
  const only = process.env.WEB_APPS ? process.env.WEB_APPS.split(',') : null;
  const apps = vueApps().filter((a) => !only || only.includes(a.name));
  return {
    root: here,
    base: '/',
    publicDir: false,
    plugins: [
      vue(),
      Components({
        dts: false,
        dirs: [],
        resolvers: [VantResolver(), ElementPlusResolver({ importStyle: 'css' })],
      }),
    ],
    resolve: { alias: { '@web': join(here, 'src') } },
    // vue-i18n's feature flags: every app uses the Composition API (src/shared/vue/i18n.ts, legacy: false) and none of
    // its components (<i18n-t>) or the v-t directive, so both stay out of the bundles (~5 KB gzipped off every first load).
    define: { __VUE_I18N_FULL_INSTALL__: 'false', __VUE_I18N_LEGACY_API__: 'false', __INTLIFY_PROD_DEVTOOLS__: 'false' },
    build: {
      outDir: join(here, 'dist'),
      emptyOutDir: false,
      // Cheap Android phones with old WebViews: ES2017 syntax (Vue 3 itself needs ES2016 + Proxy).
      target: 'es2017',
      cssCodeSplit: true,
      reportCompressedSize: false,
      chunkSizeWarningLimit: 2048,
      rollupOptions: {
        input: Object.fromEntries(apps.map((a) => [a.name, join(here, a.html)])),
        // 10 hex digits: the API and nginx cache exactly these names for a year (HASHED_ASSET).
        output: {
          hashCharacters: 'hex',
          entryFileNames: 'assets/[name]-[hash:10].js',
          chunkFileNames: 'assets/[name]-[hash:10].js',
          assetFileNames: 'assets/[name]-[hash:10][extname]',
        },
      },
    },
  };
});
