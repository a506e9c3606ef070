/**
 * Text statistics: free text becomes a few numbers a model can split on — its length in
 * characters (code points), its words (runs of non-space characters) and its digits. A review's
 * length, a description's word count or the digits in a note often carry signal that the text as
 * a category cannot (nearly every free-text value is unique). Computed the same way at import of
 * a run (ml/column-schema.ts) and at prediction time (deriveInputColumns), so the graph sees the
 * numbers it was trained on.
 */

export const TEXT_STATS = ['chars', 'words', 'digits'] as const;
export type TextStat = (typeof TEXT_STATS)[number];

/** Name of the numeric column holding `stat` of the text column `source`. */
export const textStatName = (source: string, stat: TextStat): string => `${source}.${stat}`;

const WORD = /\S+/gu;
const DIGIT = /\p{Nd}/gu;

/** One statistic of one text. */
export function textStat(text: string, stat: TextStat): number {
  switch (stat) {
    case 'chars': {
      let n = 0;
      for (const _ of text) n++;
      return n;
    }
    case 'words':
      return text.match(WORD)?.length ?? 0;
    case 'digits':
      return text.match(DIGIT)?.length ?? 0;
  }
}
