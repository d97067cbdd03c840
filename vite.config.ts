// Vite build of the Auscult PWA, its service worker, and the vitest configuration.
/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

export default defineConfig({
  plugins: [
    react(),
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['icons/*.png', 'icons/*.svg'],
      manifest: {
        name: 'Auscult — auscultation assistant (research use)',
        short_name: 'Auscult',
        description: 'Record heart and lung sounds and ask an on-device model about them. Research and education use only.',
        theme_color: '#0f4c5c',
        background_color: '#ffffff',
        display: 'standalone',
        start_url: '/',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // ORT's wasm binaries are 14-28 MB; they must be precached for offline use.
        maximumFileSizeToCacheInBytes: 64 * 1024 * 1024,
        globPatterns: ['**/*.{js,css,html,wasm,mjs,png,svg,webmanifest}'],
        navigateFallback: 'index.html',
      },
    }),
  ],
  worker: { format: 'es' },
  preview: { port: 4173, strictPort: true },
  test: {
    include: ['src/**/*.test.ts', 'training/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
