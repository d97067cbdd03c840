// Storage error classification and messages.
import { describe, expect, it } from 'vitest';
import { isQuotaError, storageErrorMessage } from './errors';

describe('storage errors', () => {
  it('recognises quota errors by name', () => {
    expect(isQuotaError({ name: 'QuotaExceededError' })).toBe(true);
    expect(isQuotaError(new Error('x'))).toBe(false);
    expect(isQuotaError(null)).toBe(false);
  });
  it('says what to do and that saved data is kept', () => {
    expect(storageErrorMessage({ name: 'QuotaExceededError' })).toMatch(
      /Storage is full.*already saved are kept/,
    );
    expect(storageErrorMessage(new Error('boom'))).toContain('boom');
  });
});
