import { BadRequestException, NotFoundException } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { toProblem } from './to-problem';

describe(toProblem.name, () => {
  it('should turn a lost database into a retryable 503, not a 500', () => {
    for (const error of [
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3306'), { code: 'ECONNREFUSED' }),
      { driverError: { code: 'PROTOCOL_CONNECTION_LOST' }, message: 'x' },
      Object.assign(new Error('Pool is closed.'), {}),
    ]) {
      const result = toProblem(error);
      expect(result.problem).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE' });
      expect(result.headers['Retry-After']).toBe('5');
    }
  });

  it('should hide the details of unexpected errors', () => {
    const result = toProblem(new Error('secret detail at /srv/app.js:1'));
    expect(result).toMatchObject({ unexpected: true, problem: { status: 500, code: 'INTERNAL_ERROR' } });
    expect(JSON.stringify(result.problem)).not.toContain('secret');
  });

  it('should map framework errors to stable codes', () => {
    expect(toProblem(new ThrottlerException()).problem.code).toBe('RATE_LIMITED');
    expect(toProblem(new NotFoundException('Cannot GET /x')).problem).toMatchObject({
      code: 'NOT_FOUND',
      detail: 'There is nothing at this address.',
    });
    expect(toProblem(new BadRequestException('bad')).problem.code).toBe('BAD_REQUEST');
    expect(
      toProblem(new BadRequestException('x', { cause: { statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' } }))
        .problem.code,
    ).toBe('PAYLOAD_TOO_LARGE');
  });
});
