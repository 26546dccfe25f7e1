import { ValidationError, ValidationPipe } from '@nestjs/common';
import { inputError, InputExceptionCode } from './errors/core-errors';

function first(errors: ValidationError[], path = ''): { field: string; message: string } | null {
  for (const e of errors) {
    const field = path ? `${path}.${e.property}` : e.property;
    const constraints = Object.values(e.constraints ?? {});
    if (constraints.length) return { field, message: constraints.join('; ') };
    const inner = first(e.children ?? [], field);
    if (inner) return inner;
  }
  return null;
}

/** Global pipe: whitelist + transform; errors name the field in Chinese and English. */
export function appValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    transform: true,
    forbidUnknownValues: false,
    exceptionFactory: (errors) => {
      const f = first(errors) ?? { field: 'input', message: 'invalid' };
      return inputError(InputExceptionCode.INVALID_FIELD, f, { field: f.field });
    },
  });
}

/** The first failing field of class-validator errors (nested paths joined by dots), for other callers than the pipe. */
export { first as firstValidationError };
