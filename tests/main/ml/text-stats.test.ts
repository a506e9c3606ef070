import { describe, expect, it } from 'vitest';
import { textStat } from '../../../src/main/ml/text-stats';

describe('text statistics', () => {
  it('counts characters as code points, words as runs of non-space, and decimal digits', () => {
    const text = 'Late by 12 days —\tno call 📞 (order #4471)';
    expect(textStat(text, 'chars')).toBe([...text].length);
    expect(textStat(text, 'chars')).toBe(text.length - 1); // the emoji is one code point, two UTF-16 units
    expect(textStat(text, 'words')).toBe(10);
    expect(textStat(text, 'digits')).toBe(6);
    expect(textStat('', 'words')).toBe(0);
    expect(textStat('   \n ', 'words')).toBe(0);
    expect(textStat('٣ and 3', 'digits')).toBe(2); // Arabic-Indic three is a decimal digit too
  });
});
