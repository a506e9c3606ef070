import type { StateCreator } from 'zustand';
import type { Route } from '../../lib/route';
import type { StudioState } from '../index';

export interface RouteSlice {
  route: Route;
  setRoute(route: Route): void;
}

export const createRouteSlice: StateCreator<StudioState, [], [], RouteSlice> = (set) => ({
  route: { name: 'home' },
  setRoute: (route) => set({ route }),
});
