// Toast notifications slice: short messages, errors that stay until dismissed, and an optional action (Undo).
import type { StateCreator } from 'zustand';
import type { AppState } from './store';

export interface Toast {
  id: number;
  /** 'warning': done, but something needs the user's attention; stays until dismissed like an error. */
  kind: 'info' | 'warning' | 'error';
  text: string;
  action?: { label: string; run: () => void };
}

export interface ToastsSlice {
  toasts: Toast[];
  pushToast(t: Omit<Toast, 'id'>): number;
  dismissToast(id: number): void;
}

let nextId = 1;

export const createToastsSlice: StateCreator<AppState, [], [], ToastsSlice> = (set) => ({
  toasts: [],
  pushToast(t) {
    const id = nextId++;
    set((s) => ({ toasts: [...s.toasts, { ...t, id }] }));
    return id;
  },
  dismissToast(id) {
    set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
  },
});
