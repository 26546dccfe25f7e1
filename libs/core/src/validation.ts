import { ValidationError, ValidationPipe } from '@nestjs/common';
import { InputException } from './errors/app.exception';

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
      return new InputException(f.field, `字段 ${f.field} 无效：${f.message}`, `Invalid field ${f.field}: ${f.message}`);
    },
  });
}
