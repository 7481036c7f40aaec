import { describe, expect, it } from 'vitest';
import { changeCount, forgetApproval, wakeApproval, watchApproval } from './waiters.ts';

describe('approval wake-ups', () => {
  it('counts wake-ups only while a call watches, and forgets them after', () => {
    wakeApproval('nobody-waits');
    watchApproval('nobody-waits');
    expect(changeCount('nobody-waits')).toBe(0);

    watchApproval('waited-on');
    wakeApproval('waited-on');
    wakeApproval('waited-on');
    watchApproval('waited-on');
    expect(changeCount('waited-on')).toBe(2);
    forgetApproval('waited-on');
    wakeApproval('waited-on');
    expect(changeCount('waited-on')).toBe(0);
    forgetApproval('nobody-waits');
  });
});
