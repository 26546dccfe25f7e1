import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { inputError, InputExceptionCode } from '../errors/core-errors';
import { firstValidationError } from '../validation';

/** The data of a command: its own fields, without methods. */
export type CommandData<T> = { [K in keyof T as T[K] extends (...args: never[]) => unknown ? never : K]: T[K] };

/**
 * A use case's input (novu's BaseCommand): `XxxCommand.create({...})` checks
 * the class-validator rules of its fields and throws the same INVALID_FIELD
 * error (with `extensions.field`) as the GraphQL validation pipe, so a use
 * case called from a processor or a script gets input as clean as a
 * resolver's.
 */
export abstract class BaseCommand {
  static create<T extends BaseCommand>(this: new () => T, data: CommandData<T>): T {
    const command = plainToInstance(this, { ...data });
    const errors = validateSync(command as object, { forbidUnknownValues: false });
    if (errors.length) {
      const f = firstValidationError(errors) ?? { field: 'input', message: 'invalid' };
      throw inputError(InputExceptionCode.INVALID_FIELD, f, { field: f.field });
    }
    return command;
  }
}
