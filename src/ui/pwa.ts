// Service worker registration (workbox-window, prompting before an update takes over) and the install prompt.
import { useEffect, useState } from 'react';
import { Workbox } from 'workbox-window';

/** Chromium's install prompt event (not in TypeScript's DOM lib). */
interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

export interface PwaState {
  /** A new version is waiting; calling it activates the new service worker and reloads. */
  applyUpdate: (() => void) | null;
  /** The browser offered installation; calling it shows the browser's install dialog. */
  install: (() => void) | null;
  offlineReady: boolean;
}

function useServiceWorker() {
  const [applyUpdate, setApplyUpdate] = useState<(() => void) | null>(null);
  const [offlineReady, setOfflineReady] = useState(false);
  useEffect(() => {
    if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
    const wb = new Workbox(`${import.meta.env.BASE_URL}sw.js`, { scope: import.meta.env.BASE_URL });
    wb.addEventListener('waiting', () => {
      setApplyUpdate(() => () => {
        wb.addEventListener('controlling', () => window.location.reload());
        wb.messageSkipWaiting();
      });
    });
    wb.addEventListener('activated', (e) => {
      if (!e.isUpdate) setOfflineReady(true);
    });
    wb.register().catch((e: unknown) =>
      console.warn('Service worker registration failed; offline use is unavailable.', e),
    );
  }, []);
  return { applyUpdate, offlineReady };
}

function useInstallPrompt() {
  const [install, setInstall] = useState<(() => void) | null>(null);
  useEffect(() => {
    const onPrompt = (e: Event) => {
      e.preventDefault(); // show our own button instead of the mini-infobar
      const evt = e as BeforeInstallPromptEvent;
      setInstall(() => () => {
        void evt.prompt();
        setInstall(null);
      });
    };
    const onInstalled = () => setInstall(null);
    window.addEventListener('beforeinstallprompt', onPrompt);
    window.addEventListener('appinstalled', onInstalled);
    return () => {
      window.removeEventListener('beforeinstallprompt', onPrompt);
      window.removeEventListener('appinstalled', onInstalled);
    };
  }, []);
  return install;
}

export function usePwa(): PwaState {
  const sw = useServiceWorker();
  const install = useInstallPrompt();
  return { ...sw, install };
}
