import { describe, expect, it } from 'vitest';
import { restoreRow, rowOfSeq, streamPosition } from './stream-position.ts';

const seqs = [3, 5, 8, 13, 21];
const seqAt = (row: number) => seqs[row];

describe('stream position', () => {
  it('finds the row of a seq, or the next one when it is filtered out', () => {
    expect(rowOfSeq(3, seqs.length, seqAt)).toBe(0);
    expect(rowOfSeq(13, seqs.length, seqAt)).toBe(3);
    expect(rowOfSeq(9, seqs.length, seqAt)).toBe(3);
    expect(rowOfSeq(1, seqs.length, seqAt)).toBe(0);
    expect(rowOfSeq(99, seqs.length, seqAt)).toBe(4);
  });

  it('restores to the newest row while following, to the anchor otherwise', () => {
    expect(restoreRow({ follow: true, anchorSeq: 5 }, seqs.length, seqAt)).toEqual({ row: 4, align: 'end' });
    expect(restoreRow({ follow: false, anchorSeq: 8 }, seqs.length, seqAt)).toEqual({
      row: 2,
      align: 'start',
    });
    expect(restoreRow({ follow: false, anchorSeq: null }, seqs.length, seqAt)).toBeNull();
    expect(restoreRow({ follow: true, anchorSeq: null }, 0, seqAt)).toBeNull();
  });

  it('keeps one position per orchestrator across remounts', () => {
    const first = streamPosition('o-1');
    first.follow = false;
    first.anchorSeq = 42;
    expect(streamPosition('o-1')).toBe(first);
    expect(streamPosition('o-1').anchorSeq).toBe(42);
    expect(streamPosition('o-2')).toEqual({ follow: true, anchorSeq: null });
  });
});
