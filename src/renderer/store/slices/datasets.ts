import type { StateCreator } from 'zustand';
import type { ColumnProfile, DatasetDetail, DatasetSummary, ImportProgressEvent, TargetAnalysis } from '../../../shared/domain';
import type { StudioState } from '../index';

/** Where saving one column's settings is: shown as a small note on its card. */
export type ColumnSaveState = 'saving' | 'saved' | 'error';

/** The analysis of the target picked in the run form (another target than the suggested one). */
export interface TargetAnalysisState {
  target: string;
  /** The latest answer for `target` (null while it loads or when it failed). */
  analysis: TargetAnalysis | null;
  loading: boolean;
  error: string | null;
}

/** What the window shows while an upload is read and sent (before the importer reports). */
export interface LocalImportStep {
  fileName: string;
  step: 'reading' | 'encoding' | 'uploading';
  bytes: number;
}

export interface DatasetsSlice {
  /** null until first loaded. */
  datasetList: DatasetSummary[] | null;
  datasetDetails: Record<string, DatasetDetail>;
  setDatasetList(list: DatasetSummary[]): void;
  putDataset(detail: DatasetDetail): void;
  removeDataset(id: string): void;
  /** Change one column of a loaded dataset in place (optimistic edits and their rollback). */
  patchColumn(id: string, index: number, patch: Partial<ColumnProfile>): void;
  /** Saving state per column, by `<datasetId>:<index>`. */
  columnSaves: Record<string, ColumnSaveState>;
  setColumnSave(key: string, state: ColumnSaveState | null): void;
  /** By dataset id. */
  targetAnalyses: Record<string, TargetAnalysisState>;
  setTargetAnalysis(id: string, state: TargetAnalysisState): void;
  /** The running import's latest progress (null when none runs). */
  importProgress: ImportProgressEvent | null;
  setImportProgress(event: ImportProgressEvent | null): void;
  /** The upload's step in the window before the importer takes over (null when none). */
  localImport: LocalImportStep | null;
  setLocalImport(step: LocalImportStep | null): void;
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
  localImport: null,
  columnSaves: {},
  targetAnalyses: {},
  setImportProgress: (importProgress) => set({ importProgress }),
  setLocalImport: (localImport) => set({ localImport }),
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
  patchColumn: (id, index, patch) =>
    set((s) => {
      const detail = s.datasetDetails[id];
      if (!detail) return {};
      const profile = detail.profile.map((c) => (c.index === index ? { ...c, ...patch } : c));
      return { datasetDetails: { ...s.datasetDetails, [id]: { ...detail, profile } } };
    }),
  setColumnSave: (key, state) =>
    set((s) => {
      const columnSaves = { ...s.columnSaves };
      if (state === null) delete columnSaves[key];
      else columnSaves[key] = state;
      return { columnSaves };
    }),
  setTargetAnalysis: (id, state) => set((s) => ({ targetAnalyses: { ...s.targetAnalyses, [id]: state } })),
  removeDataset: (id) =>
    set((s) => {
      const datasetDetails = { ...s.datasetDetails };
      delete datasetDetails[id];
      const targetAnalyses = { ...s.targetAnalyses };
      delete targetAnalyses[id];
      return { datasetDetails, targetAnalyses, datasetList: s.datasetList?.filter((d) => d.id !== id) ?? null };
    }),
});
