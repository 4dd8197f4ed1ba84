import { describe, expect, it } from '@jest/globals';
import { summarySeconds, tableCsv, waitingSeconds } from './report-csv.js';

describe('tableCsv', () => {
  it('puts the unit of duration statistics in the header and leaves counts and names alone', () => {
    // given an activity row with a duration summary
    const rows = [{ elementId: 'Task_A', count: 2, queue: { n: 2, mean: 30, median: 30, p90: 40, total: 60 } }];
    // when it is written with the seconds of its summaries
    const [header, line] = tableCsv(rows, summarySeconds).trim().split('\n');
    // then the statistics say seconds, the sample size does not
    expect(header).toBe('elementId,count,queue.n,queue.mean_s,queue.median_s,queue.p90_s,queue.total_s');
    expect(line).toBe('Task_A,2,2,30,30,40,60');
  });

  it('marks the waiting figures of the bottleneck table, and nothing without a unit function', () => {
    // when / then
    expect(tableCsv([{ rank: 1, meanWaiting: 5, totalWaiting: 10, share: 0.5 }], waitingSeconds).split('\n')[0]).toBe('rank,meanWaiting_s,totalWaiting_s,share');
    expect(tableCsv([{ key: 'fcr', value: 0.5 }]).split('\n')[0]).toBe('key,value');
  });
});
