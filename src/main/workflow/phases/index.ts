import type { Phase } from '../phase';
import { ensemblePhase } from './ensemble';
import { foundationPhase } from './foundation';
import { refinementPhase } from './refinement';
import { searchPhase } from './search';
import { validationPhase } from './validation';

/** The five phases in execution order (DESIGN.md §2). */
export const DEFAULT_PHASES: readonly Phase[] = [searchPhase, foundationPhase, refinementPhase, ensemblePhase, validationPhase];
