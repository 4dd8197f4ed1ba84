import { describe, expect, it } from '@jest/globals';
import { tableCsv } from './report-csv.js';

describe('tableCsv', () => {
  it('flattens nested figures into dotted columns and joins sequences', () => {
    const sut = tableCsv([
      { elementId: 'Fix', queue: { n: 2, mean: 3600, median: null }, sequence: ['Review', 'Fix', 'Review'] },
      { elementId: 'Check, final', queue: { n: 1, mean: 60, median: 60 }, sequence: [] },
    ]);

    expect(sut.trim().split('\n')).toEqual(['elementId,queue.n,queue.mean,queue.median,sequence', 'Fix,2,3600,,Review > Fix > Review', '"Check, final",1,60,60,']);
  });
});
