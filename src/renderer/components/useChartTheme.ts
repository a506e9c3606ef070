import { useEffect, useState } from 'react';
import { defaultChartTheme, type ChartTheme } from '../charts/theme';

/** Chart colours from the CSS variables (--chart-*), following the light/dark scheme. */
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
    const media = window.matchMedia?.('(prefers-color-scheme: dark)');
    if (!media) return;
    const onChange = () => setTheme(readTheme());
    media.addEventListener('change', onChange);
    return () => media.removeEventListener('change', onChange);
  }, []);
  return theme;
}
