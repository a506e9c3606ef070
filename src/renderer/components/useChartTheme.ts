import { useEffect, useState } from 'react';
import { defaultChartTheme, type ChartTheme } from '../charts/theme';

/** Chart colours from the CSS variables (--chart-*), following the light/dark theme. */
function readTheme(): ChartTheme {
  if (typeof document === 'undefined') return defaultChartTheme;
  const css = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  const palette = v('--chart-palette', '')
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);
  return {
    text: v('--chart-text', defaultChartTheme.text),
    muted: v('--chart-muted', defaultChartTheme.muted),
    grid: v('--chart-grid', defaultChartTheme.grid),
    accent: v('--chart-accent', defaultChartTheme.accent),
    palette: palette.length ? palette : defaultChartTheme.palette,
  };
}

export function useChartTheme(): ChartTheme {
  const [theme, setTheme] = useState(readTheme);
  useEffect(() => {
    // The theme is <html data-theme> (actions/theme.ts): re-read the colours when it changes.
    const onChange = () => setTheme(readTheme());
    const observer = new MutationObserver(onChange);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => observer.disconnect();
  }, []);
  return theme;
}
