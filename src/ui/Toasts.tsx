// Toast area: announced politely (errors assertively), each with a dismiss button and an optional action such as Undo.
import { useEffect } from 'react';
import { useApp } from '../state/app-store';
import type { Toast } from '../state/toasts';

const INFO_MS = 8000;

function ToastItem({ toast }: { toast: Toast }) {
  const dismiss = useApp((s) => s.dismissToast);
  useEffect(() => {
    if (toast.kind !== 'info' || toast.action) return; // errors and undo toasts stay until handled
    const t = setTimeout(() => dismiss(toast.id), INFO_MS);
    return () => clearTimeout(t);
  }, [toast, dismiss]);
  return (
    <div className={`toast toast-${toast.kind}`} role={toast.kind === 'info' ? 'status' : 'alert'}>
      <span>{toast.text}</span>
      {toast.action && (
        <button type="button" onClick={toast.action.run}>
          {toast.action.label}
        </button>
      )}
      <button type="button" aria-label="Dismiss" onClick={() => dismiss(toast.id)}>
        ×
      </button>
    </div>
  );
}

export function Toasts() {
  const toasts = useApp((s) => s.toasts);
  return (
    <section className="toasts" aria-label="Notifications" aria-live="polite">
      {toasts.map((t) => (
        <ToastItem key={t.id} toast={t} />
      ))}
    </section>
  );
}
