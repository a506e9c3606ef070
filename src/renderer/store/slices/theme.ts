import type { StateCreator } from 'zustand';
import type { Theme, ThemePreference } from '../../lib/theme';
import type { StudioState } from '../index';

export interface ThemeSlice {
  /** What the user chose ('system' follows the operating system). */
  themePreference: ThemePreference;
  /** The theme on screen. */
  theme: Theme;
  setTheme(preference: ThemePreference, theme: Theme): void;
}

export const createThemeSlice: StateCreator<StudioState, [], [], ThemeSlice> = (set) => ({
  themePreference: 'system',
  theme: 'light',
  setTheme: (themePreference, theme) => set({ themePreference, theme }),
});
