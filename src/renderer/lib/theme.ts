/**
 * Light and dark themes: the user's choice ('system' follows the operating system's
 * prefers-color-scheme) is remembered in localStorage, and the resolved theme is set as
 * `data-theme` on <html>, which the stylesheet's variables and the charts (useChartTheme) follow.
 */
export type ThemePreference = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

export const THEME_STORAGE_KEY = 'mlestar.theme';
const PREFERENCES: readonly ThemePreference[] = ['system', 'light', 'dark'];

/** The stored choice; 'system' when none (or storage is unavailable or holds something else). */
export function readThemePreference(storage: Pick<Storage, 'getItem'> | null | undefined): ThemePreference {
  try {
    const value = storage?.getItem(THEME_STORAGE_KEY);
    return PREFERENCES.includes(value as ThemePreference) ? (value as ThemePreference) : 'system';
  } catch {
    return 'system';
  }
}

export function writeThemePreference(storage: Pick<Storage, 'setItem' | 'removeItem'> | null | undefined, preference: ThemePreference): void {
  try {
    if (preference === 'system') storage?.removeItem(THEME_STORAGE_KEY);
    else storage?.setItem(THEME_STORAGE_KEY, preference);
  } catch {
    // Storage can be off (private mode, policies): the choice then lasts until the window closes.
  }
}

export const resolveTheme = (preference: ThemePreference, systemPrefersDark: boolean): Theme =>
  preference === 'system' ? (systemPrefersDark ? 'dark' : 'light') : preference;

/** The theme the toggle switches to: the opposite of the one on screen. */
export const nextTheme = (current: Theme): ThemePreference => (current === 'dark' ? 'light' : 'dark');
