import { describe, expect, it } from 'vitest';
import { nextTheme, readThemePreference, resolveTheme, THEME_STORAGE_KEY, writeThemePreference } from '../../../src/renderer/lib/theme';

const memory = () => {
  const map = new Map<string, string>();
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), removeItem: (k: string) => void map.delete(k), map };
};

describe('theme preference', () => {
  it('follows the system until the user chooses, and remembers the choice', () => {
    const storage = memory();
    expect(readThemePreference(storage)).toBe('system');
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    writeThemePreference(storage, 'dark');
    expect(storage.map.get(THEME_STORAGE_KEY)).toBe('dark');
    expect(readThemePreference(storage)).toBe('dark');
    expect(resolveTheme('dark', false)).toBe('dark');
    writeThemePreference(storage, 'system');
    expect(storage.map.has(THEME_STORAGE_KEY)).toBe(false);
  });

  it('ignores junk and storage that throws', () => {
    const storage = memory();
    storage.setItem(THEME_STORAGE_KEY, 'purple');
    expect(readThemePreference(storage)).toBe('system');
    const broken = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('denied'); }, removeItem: () => undefined };
    expect(readThemePreference(broken)).toBe('system');
    expect(() => writeThemePreference(broken, 'light')).not.toThrow();
    expect(readThemePreference(null)).toBe('system');
  });

  it('toggles to the opposite of what is on screen', () => {
    expect(nextTheme('light')).toBe('dark');
    expect(nextTheme('dark')).toBe('light');
  });
});
