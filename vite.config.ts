// Vite build of the Auscult PWA, its service worker, and the vitest configuration.
/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { cpSync, createReadStream, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { Connect, Plugin } from 'vite';

/** ORT's asyncify build, which only the WebGPU backend loads (src/engine/runtime-web.ts ORT_BUILDS): 27 MB. */
const ORT_WEBGPU_BUILD = 'ort-wasm-simd-threaded.asyncify';

// models/<id>/ is served read-only at /models/<id>/ by `vite` and `vite preview` (not bundled, not precached: the
// app keeps verified model files in its own Cache Storage bucket).
function serveModels(): Plugin {
  const root = resolve(import.meta.dirname, 'models');
  const types: Record<string, string> = { json: 'application/json', onnx: 'application/octet-stream' };
  const handler: Connect.NextHandleFunction = (req, res, next) => {
    const path = decodeURIComponent((req.url ?? '').split('?')[0]);
    if (!path.startsWith('/models/') || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    const file = resolve(root, path.slice('/models/'.length));
    const stat = file.startsWith(root + sep) ? statSync(file, { throwIfNoEntry: false }) : undefined;
    if (!stat?.isFile()) return next();
    res.setHeader('content-type', types[file.split('.').pop() ?? ''] ?? 'application/octet-stream');
    res.setHeader('content-length', String(stat.size));
    res.setHeader('cache-control', 'no-cache');
    if (req.method === 'HEAD') return void res.end();
    createReadStream(file).pipe(res);
  };
  return {
    name: 'auscult-serve-models',
    configureServer: (server) => void server.middlewares.use(handler),
    configurePreviewServer: (server) => void server.middlewares.use(handler),
  };
}

// The build carries models/ as dist/models/, so dist/ alone runs on any static host (fetched on demand, not
// precached: the app keeps the verified files in its own Cache Storage bucket).
function copyModels(): Plugin {
  let outDir = 'dist';
  return {
    name: 'auscult-copy-models',
    apply: 'build',
    configResolved: (config) => void (outDir = resolve(config.root, config.build.outDir)),
    writeBundle: () =>
      cpSync(resolve(import.meta.dirname, 'models'), join(outDir, 'models'), { recursive: true }),
  };
}

/**
 * Content-Security-Policy: this origin only (no remote origin anywhere), plus 'wasm-unsafe-eval' for ORT's WebAssembly.
 * Inline styles stay allowed (React style props, wavesurfer's shadow-DOM styles); inline scripts do not.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  // blob: = same-origin blobs only: transformers.js imports ORT's (local) wasm factory through a blob URL it makes.
  "script-src 'self' 'wasm-unsafe-eval' blob:",
  "worker-src 'self' blob:",
  // blob: = same-origin blobs: the waveform viewer and transformers.js fetch blob URLs the app itself made.
  "connect-src 'self' blob:",
  "img-src 'self' data: blob:",
  "media-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

// In the built index.html as a meta tag (works on any static host); not in dev, whose inline React-refresh
// preamble it would block. `vite preview` also sends it as a header, which covers the worker scripts too.
function contentSecurityPolicy(): Plugin {
  return {
    name: 'auscult-csp',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ],
  };
}

export default defineConfig({
  // Relative: the same dist/ works at a host's root or under any sub-path (https://host/auscult/); the service
  // worker's scope is the folder it is served from, and the model folder is found beside the page (inferenceWeb.ts).
  base: './',
  plugins: [
    react(),
    serveModels(),
    copyModels(),
    contentSecurityPolicy(),
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['icons/*.png', 'icons/*.svg'],
      manifest: {
        name: 'Auscult — auscultation assistant (research use)',
        short_name: 'Auscult',
        description:
          'Record heart and lung sounds and ask an on-device model about them. Research and education use only.',
        theme_color: '#0f4c5c',
        background_color: '#ffffff',
        display: 'standalone',
        // relative to the manifest: the folder the app is served from
        start_url: './',
        scope: './',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // ORT's plain WASM build (14 MB) is precached: every backend can fall back to it offline.
        maximumFileSizeToCacheInBytes: 64 * 1024 * 1024,
        globPatterns: ['**/*.{js,css,html,wasm,mjs,png,svg,webmanifest}'],
        globIgnores: [
          'bench.html', // the speed-harness page is not part of the offline app
          'assets/bench-*.js',
          `assets/${ORT_WEBGPU_BUILD}-*`, // fetched when WebGPU is chosen, then kept by the rule below
        ],
        runtimeCaching: [
          {
            // a RegExp, not a function: workbox copies a function into sw.js without the constant it reads
            urlPattern: new RegExp(`/assets/${ORT_WEBGPU_BUILD.replaceAll('.', '\\.')}-[^/]+$`),
            handler: 'CacheFirst',
            // Hashed names: a new build's files are new entries; keep the last two builds' .wasm and .mjs.
            options: {
              cacheName: 'auscult-ort-webgpu',
              expiration: { maxEntries: 4 },
              cacheableResponse: { statuses: [200] },
            },
          },
        ],
        // The first visit's page (and the inference worker it starts) use the precache as soon as it is complete,
        // so the worker does not download ORT's build a second time. Updates still wait for the user (pwa.ts).
        clientsClaim: true,
        navigateFallback: 'index.html',
      },
    }),
  ],
  worker: { format: 'es' },
  // bench.html: the page the speed harness drives (npm run bench -- speed); built beside the app, never linked.
  build: { rolldownOptions: { input: { main: 'index.html', bench: 'bench.html' } } },
  preview: {
    port: 4173,
    strictPort: true,
    headers: { 'Content-Security-Policy': `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'` },
  },
  test: {
    include: ['src/**/*.test.ts', 'training/**/*.test.ts', 'e2e/**/*.test.ts', 'eslint.config.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
