/** Colours the chart builders use; the window reads them from its CSS variables. */
export interface ChartTheme {
  text: string;
  muted: string;
  grid: string;
  accent: string;
  /** One colour per series, in order. */
  palette: string[];
}

export const defaultChartTheme: ChartTheme = {
  text: '#1f2430',
  muted: '#6b7280',
  grid: '#e5e7eb',
  accent: '#4f46e5',
  palette: ['#4f46e5', '#0ea5e9', '#10b981', '#f59e0b', '#ef4444', '#8b5cf6', '#14b8a6', '#ec4899'],
};
