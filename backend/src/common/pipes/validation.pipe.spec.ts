import { ArgumentMetadata } from '@nestjs/common';
import { IsEmail, IsString, MaxLength, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { ValidationFailedError } from '../errors/domain-error';
import { toProblem } from '../errors/to-problem';
import { createValidationPipe } from './validation.pipe';

class AddressDto {
  @IsString()
  @MaxLength(10)
  city!: string;
}

class SampleDto {
  @IsEmail()
  email!: string;

  @ValidateNested()
  @Type(() => AddressDto)
  address!: AddressDto;
}

const metadata: ArgumentMetadata = { type: 'body', metatype: SampleDto };

async function failureOf(value: unknown): Promise<ValidationFailedError> {
  try {
    await createValidationPipe().transform(value, metadata);
  } catch (error) {
    if (error instanceof ValidationFailedError) return error;
    throw error;
  }
  throw new Error('expected validation to fail');
}

describe('ValidationPipe', () => {
  it('should pass a valid body through as a DTO instance', async () => {
    const value = await createValidationPipe().transform({ email: 'a@b.edu', address: { city: 'Leeds' } }, metadata);
    expect(value).toBeInstanceOf(SampleDto);
  });

  it('should reject unknown fields by name instead of dropping them', async () => {
    const error = await failureOf({ email: 'a@b.edu', address: { city: 'Leeds' }, role: 'admin' });
    expect(error.errors).toEqual([{ field: 'role', message: 'role is not an accepted field' }]);
  });

  it('should list nested field errors with their path', async () => {
    const error = await failureOf({ email: 'nope', address: { city: 'x'.repeat(11), extra: 1 } });
    expect(error.errors.map((e) => e.field).sort()).toEqual(['address.city', 'address.extra', 'email']);
  });

  it('should become a VALIDATION_FAILED problem listing {field, message}', async () => {
    const { problem } = toProblem(await failureOf({}));
    expect(problem).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect(problem['errors']).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'email', message: expect.any(String) })]),
    );
  });
});
