/**
 * The window's state: one zustand store built from typed slices (app, datasets, runs, route).
 * Slices hold data and synchronous setters; the async work (API calls, pushed events) lives in
 * module-level actions under ../actions, which is where events land.
 */
import { create } from 'zustand';
import { createAppSlice, type AppSlice } from './slices/app';
import { createDatasetsSlice, type DatasetsSlice } from './slices/datasets';
import { createRouteSlice, type RouteSlice } from './slices/route';
import { createRunsSlice, type RunsSlice } from './slices/runs';
import { createTrialsSlice, type TrialsSlice } from './slices/trials';
import { createRunTableSlice, type RunTableSlice } from './slices/runTable';
import { createThemeSlice, type ThemeSlice } from './slices/theme';

export type StudioState = AppSlice & DatasetsSlice & RunsSlice & RouteSlice & TrialsSlice & RunTableSlice & ThemeSlice;

export const useStudio = create<StudioState>()((...a) => ({
  ...createAppSlice(...a),
  ...createDatasetsSlice(...a),
  ...createRunsSlice(...a),
  ...createRouteSlice(...a),
  ...createTrialsSlice(...a),
  ...createRunTableSlice(...a),
  ...createThemeSlice(...a),
}));

const initialState = useStudio.getState();

/** Back to a fresh store (tests). */
export const resetStudio = (): void => useStudio.setState(initialState, true);
