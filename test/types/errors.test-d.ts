/** Error codes are one union (src/errors/error-code.ts): an error class cannot make one up. */
import { describe, expectTypeOf, it } from 'vitest';
import { DockwrightError, UsageError, type ErrorCode, type QuoteErrorCode } from '../../src/errors/index.js';
import { QuoteError } from '../../src/render/quote/quote-error.js';
import { BuildFailedError } from '../../src/runner/build-error.js';

describe('ErrorCode', () => {
  it('is a union of literal codes, not any text', () => {
    expectTypeOf<DockwrightError['code']>().toEqualTypeOf<ErrorCode>();
    expectTypeOf<string>().not.toExtend<ErrorCode>();
    expectTypeOf<QuoteError['code']>().toEqualTypeOf<QuoteErrorCode>();
    expectTypeOf<QuoteErrorCode>().toExtend<ErrorCode>();
  });

  it('each class has its own code, wherever it lives', () => {
    expectTypeOf<UsageError['code']>().toEqualTypeOf<'DW_USAGE'>();
    expectTypeOf<BuildFailedError['code']>().toEqualTypeOf<'DW_BUILD_FAILED'>();
  });

  it('a code outside the union does not compile', () => {
    class Invented extends DockwrightError {
      // @ts-expect-error DW_INVENTED is not an ErrorCode
      readonly code = 'DW_INVENTED';
      readonly exitCode = 2 as const;
    }
    expectTypeOf<Invented>().toExtend<Error>();
  });
});
