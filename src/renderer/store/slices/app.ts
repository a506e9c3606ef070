import type { StateCreator } from 'zustand';
import type { AppInfo } from '../../../shared/domain';
import type { ConnectionState } from '../../api/wsApi';
import type { StudioState } from '../index';

export interface Notice {
  id: number;
  code: string;
  message: string;
  /** How many times this same message was raised (shown as ×n instead of repeating). */
  count: number;
  /** A way out the banner offers (e.g. "Skip those rows and import"); dismisses the notice when used. */
  action?: NoticeAction;
}

export interface NoticeAction {
  label: string;
  run: () => void;
}

export interface AppSlice {
  info: AppInfo | null;
  bridge: 'electron' | 'websocket' | null;
  connection: ConnectionState;
  notices: Notice[];
  /** Long actions in flight, by key (e.g. 'import', 'start', 'cancel:<runId>'), with a label. */
  busy: Record<string, string>;
  /** Loads that failed, by key ('dataset:<id>', 'run:<id>'), with the reason: views show it instead of a spinner. */
  failedLoads: Record<string, string>;
  setInfo(info: AppInfo): void;
  setBridge(kind: 'electron' | 'websocket'): void;
  setConnection(state: ConnectionState): void;
  pushNotice(code: string, message: string, action?: NoticeAction): void;
  dismissNotice(id: number): void;
  setBusy(key: string, label: string | null): void;
  setFailedLoad(key: string, message: string | null): void;
}

let nextNoticeId = 1;
const MAX_NOTICES = 5;

export const createAppSlice: StateCreator<StudioState, [], [], AppSlice> = (set) => ({
  info: null,
  bridge: null,
  connection: 'connecting',
  notices: [],
  busy: {},
  failedLoads: {},
  setInfo: (info) => set({ info }),
  setBridge: (bridge) => set({ bridge }),
  setConnection: (connection) => set({ connection }),
  pushNotice: (code, message, action) =>
    set((s) => {
      const same = s.notices.find((n) => n.message === message);
      if (same) {
        return { notices: s.notices.map((n) => (n === same ? { ...n, count: n.count + 1 } : n)) };
      }
      return { notices: [...s.notices, { id: nextNoticeId++, code, message, count: 1, ...(action ? { action } : {}) }].slice(-MAX_NOTICES) };
    }),
  dismissNotice: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
  setBusy: (key, label) =>
    set((s) => {
      const busy = { ...s.busy };
      if (label === null) delete busy[key];
      else busy[key] = label;
      return { busy };
    }),
  setFailedLoad: (key, message) =>
    set((s) => {
      if (message === null && !(key in s.failedLoads)) return {};
      const failedLoads = { ...s.failedLoads };
      if (message === null) delete failedLoads[key];
      else failedLoads[key] = message;
      return { failedLoads };
    }),
});
