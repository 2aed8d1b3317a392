/** The web app (src/web) is built by Vite into dist/web, which the server serves at `/`. */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * Vendor chunks, so an app release does not invalidate the libraries' long-lived cache entries:
 * React alone (the same for every page); ECharts and its renderer zrender (only the agency dashboard
 * loads them, each under the 500 kB warning); and antd split by which page groups use each part
 * (`entriesAware`), so the portal home page downloads only the antd components the shell and the home
 * page need, never the tables and forms of the console. Page groups themselves are split by the
 * lazy imports in src/web/routes.tsx.
 */
const VENDOR_GROUPS = [
  { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 4 },
  { name: 'zrender', test: /node_modules[\\/]zrender[\\/]/, priority: 3 },
  { name: 'echarts', test: /node_modules[\\/]echarts[\\/]/, priority: 2 },
  {
    name: 'antd',
    test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+|dayjs|@babel)[\\/]/,
    priority: 1,
    entriesAware: true,
  },
];

export default defineConfig({
  root: 'src/web',
  publicDir: 'public',
  plugins: [react()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        codeSplitting: { groups: VENDOR_GROUPS },
        // entriesAware names antd parts after every page group using them ("antd~index~PersonPages~…");
        // the content hash alone identifies them.
        chunkFileNames: (chunk) =>
          chunk.name.startsWith('antd~') ? 'assets/antd-[hash].js' : 'assets/[name]-[hash].js',
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:8080', '/docs': 'http://localhost:8080' } },
});
