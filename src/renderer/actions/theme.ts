/** Applies the remembered theme at start, follows the system while on 'system', and switches it. */
import { nextTheme, readThemePreference, resolveTheme, writeThemePreference, type ThemePreference } from '../lib/theme';
import { useStudio } from '../store';

let current: { win: Window; media: MediaQueryList | null } | null = null;

const storageOf = (win: Window): Storage | null => {
  try {
    return win.localStorage;
  } catch {
    return null;
  }
};

function apply(win: Window, preference: ThemePreference): void {
  const theme = resolveTheme(preference, current?.media?.matches ?? false);
  win.document.documentElement.dataset.theme = theme;
  useStudio.getState().setTheme(preference, theme);
}

/** Sets the theme from storage and follows prefers-color-scheme; returns the unsubscribe. */
export function startTheme(win: Window): () => void {
  const media = win.matchMedia?.('(prefers-color-scheme: dark)') ?? null;
  current = { win, media };
  apply(win, readThemePreference(storageOf(win)));
  const onChange = () => apply(win, useStudio.getState().themePreference);
  media?.addEventListener('change', onChange);
  return () => {
    media?.removeEventListener('change', onChange);
    current = null;
  };
}

/** Chooses a theme (remembered); 'system' forgets the choice. */
export function setThemePreference(preference: ThemePreference): void {
  if (!current) return;
  writeThemePreference(storageOf(current.win), preference);
  apply(current.win, preference);
}

/** The sidebar's toggle: light ↔ dark. */
export const toggleTheme = (): void => setThemePreference(nextTheme(useStudio.getState().theme));
