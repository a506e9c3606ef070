import type { StateCreator } from 'zustand';
import type { DatasetDetail, DatasetSummary, ImportProgressEvent } from '../../../shared/domain';
import type { StudioState } from '../index';

export interface DatasetsSlice {
  /** null until first loaded. */
  datasetList: DatasetSummary[] | null;
  datasetDetails: Record<string, DatasetDetail>;
  setDatasetList(list: DatasetSummary[]): void;
  putDataset(detail: DatasetDetail): void;
  removeDataset(id: string): void;
  /** The running import's latest progress (null when none runs). */
  importProgress: ImportProgressEvent | null;
  setImportProgress(event: ImportProgressEvent | null): void;
}

const summaryOf = (d: DatasetDetail): DatasetSummary => ({
  id: d.id,
  name: d.name,
  rows: d.rows,
  columns: d.columns,
  suggestedTarget: d.suggestedTarget,
  suggestedTargetReason: d.suggestedTargetReason,
  createdAt: d.createdAt,
});

export const createDatasetsSlice: StateCreator<StudioState, [], [], DatasetsSlice> = (set) => ({
  datasetList: null,
  datasetDetails: {},
  importProgress: null,
  setImportProgress: (importProgress) => set({ importProgress }),
  setDatasetList: (datasetList) => set({ datasetList }),
  putDataset: (detail) =>
    set((s) => {
      const list = s.datasetList ?? [];
      const exists = list.some((d) => d.id === detail.id);
      const summary = summaryOf(detail);
      return {
        datasetDetails: { ...s.datasetDetails, [detail.id]: detail },
        datasetList: exists ? list.map((d) => (d.id === detail.id ? summary : d)) : [summary, ...list],
      };
    }),
  removeDataset: (id) =>
    set((s) => {
      const datasetDetails = { ...s.datasetDetails };
      delete datasetDetails[id];
      return { datasetDetails, datasetList: s.datasetList?.filter((d) => d.id !== id) ?? null };
    }),
});
