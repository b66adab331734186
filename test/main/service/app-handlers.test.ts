import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src-core/contract/api-error';
import { createAppHandlers } from '../../../src-main/service/app-handlers';

describe('app.pick-file outside the desktop app', () => {
  it('answers unavailable with a message a user can act on', () => {
    const handlers = createAppHandlers();
    let thrown: unknown;
    try {
      void handlers['app.pick-file']({ purpose: 'dataset' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ApiError);
    expect((thrown as ApiError).code).toBe('unavailable');
    expect((thrown as ApiError).message).toBe('Choosing a file by path is only available in the desktop app');
  });
});
