import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';
import { wasmSupport } from './src-core/nn/kernels/wasm-kernels';

/** Unit and integration tests under test/, mirroring the source tree. Playwright owns test/e2e. */
export default defineConfig({
  // Compiles runes in the renderer's `*.svelte.ts` stores so their tests run as the app does.
  plugins: [svelte()],
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Node 20 has relaxed SIMD only behind a flag; Electron has it. With the flag the kernel tests cover the fused
    // kernels the app runs as well as plain SIMD and the TypeScript reference.
    execArgv: wasmSupport().relaxedSimd ? [] : ['--experimental-wasm-relaxed-simd'],
    // CI also writes a JSON report; .ci/run turns it into the closing 'N passed, N failed' line.
    reporters: process.env.CI ? ['default', ['json', { outputFile: 'reports/vitest.json' }]] : ['default'],
  },
});
