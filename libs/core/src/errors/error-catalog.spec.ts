import { checkErrorCatalog } from '@app/testing';
import * as path from 'path';
import * as ts from 'typescript';
import { AppException } from './app.exception';
import {
  AUTH_ERRORS,
  authError,
  AuthExceptionCode,
  CORE_ERRORS,
  coreError,
  CoreExceptionCode,
  INPUT_ERRORS,
  inputError,
  InputExceptionCode,
} from './core-errors';
import { CommonCode, ErrorCatalog, exceptionFactory } from './error-catalog';

describe('core error catalogs', () => {
  describe('AuthExceptionCode', () =>
    checkErrorCatalog(AuthExceptionCode, AUTH_ERRORS, authError, { [AuthExceptionCode.CSRF_HEADER_REQUIRED]: { header: 'x-tc-app' } }));
  describe('InputExceptionCode', () =>
    checkErrorCatalog(InputExceptionCode, INPUT_ERRORS, inputError, { [InputExceptionCode.INVALID_FIELD]: { field: 'name', message: 'too long' } }));
  describe('CoreExceptionCode', () => checkErrorCatalog(CoreExceptionCode, CORE_ERRORS, coreError, { [CoreExceptionCode.RATE_LIMITED]: { seconds: 30 } }));
});

describe('exceptionFactory', () => {
  enum DemoCode {
    THING_NOT_FOUND = 'THING_NOT_FOUND',
    TOO_MANY = 'TOO_MANY',
    TOO_MANY_TODAY = 'TOO_MANY_TODAY',
  }
  const DEMO = {
    [DemoCode.THING_NOT_FOUND]: { kind: 'NOT_FOUND', as: CommonCode.NOT_FOUND, field: 'thingId', zh: '东西不存在', en: 'Thing not found' },
    [DemoCode.TOO_MANY]: { kind: 'CONFLICT', zh: (p: { n: number }) => `超过 ${p.n} 个`, en: (p: { n: number }) => `More than ${p.n}` },
    [DemoCode.TOO_MANY_TODAY]: { kind: 'RATE_LIMITED', as: DemoCode.TOO_MANY, zh: '今天太多了', en: 'Too many today' },
  } satisfies ErrorCatalog<DemoCode>;
  class DemoException extends AppException<DemoCode> {}
  const demoError = exceptionFactory(DemoException, DEMO);

  it('builds the context exception with the public code, the context code as reason, messages, kind and field', () => {
    const e = demoError(DemoCode.THING_NOT_FOUND);
    expect(e).toBeInstanceOf(DemoException);
    expect([e.code, e.reason, e.messageZh, e.messageEn, e.kind, e.field]).toEqual([
      'NOT_FOUND',
      'THING_NOT_FOUND',
      '东西不存在',
      'Thing not found',
      'NOT_FOUND',
      'thingId',
    ]);
    expect(demoError(DemoCode.THING_NOT_FOUND, { field: 'id' }).field).toBe('id');
  });

  it('renders messages with parameters and keeps the details', () => {
    const e = demoError(DemoCode.TOO_MANY, { n: 3 }, { field: 'items.2', details: { n: 3 } });
    expect([e.code, e.messageZh, e.messageEn, e.field, e.details]).toEqual(['TOO_MANY', '超过 3 个', 'More than 3', 'items.2', { n: 3 }]);
    expect(demoError(DemoCode.TOO_MANY_TODAY).code).toBe('TOO_MANY');
  });

  it('refuses at compile time a code without parameters its messages need', () => {
    const typeOnly = () => {
      // @ts-expect-error — TOO_MANY's messages take { n }
      demoError(DemoCode.TOO_MANY);
      // @ts-expect-error — not a member of the enum
      demoError('TOO_MANY');
    };
    expect(typeof typeOnly).toBe('function');
  });
});

/** Compiles `body` (after an import of the catalog types) and returns the error messages. */
function compileErrors(body: string): string[] {
  const file = path.join(__dirname, '__catalog_check__.ts');
  const source = `import { CommonCode, ErrorCatalog } from './error-catalog';\n${body}\n`;
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    skipLibCheck: true,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host);
  const exists = host.fileExists.bind(host);
  host.readFile = (f) => (path.resolve(f) === file ? source : read(f));
  host.fileExists = (f) => path.resolve(f) === file || exists(f);
  const getSource = host.getSourceFile.bind(host);
  host.getSourceFile = (f, v, ...rest) => (path.resolve(f) === file ? ts.createSourceFile(f, source, v) : getSource(f, v, ...rest));
  const program = ts.createProgram([file], options, host);
  return ts.getPreEmitDiagnostics(program, program.getSourceFile(file)).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('the type-level check (a new code without zh/en messages does not compile)', () => {
  const header = `enum K { A = 'A', B = 'B' }\n`;
  const a = `[K.A]: { kind: 'INPUT', zh: '甲', en: 'A' }`;
  const b = `[K.B]: { kind: 'NOT_FOUND', as: CommonCode.NOT_FOUND, zh: '乙不存在', en: 'B not found' }`;

  it('a complete catalog compiles', () => {
    expect(compileErrors(`${header}export const c = { ${a}, ${b} } satisfies ErrorCatalog<K>;`)).toEqual([]);
  }, 30_000);

  it('a catalog missing a code, a spec without en, or a foreign `as` does not', () => {
    const missing = compileErrors(`${header}export const c = { ${a} } satisfies ErrorCatalog<K>;`);
    expect(missing.join('\n')).toMatch(/Property '(\[K\.B\]|B)' is missing/);
    const noEn = compileErrors(`${header}export const c = { ${a}, [K.B]: { kind: 'INPUT', zh: '乙' } } satisfies ErrorCatalog<K>;`);
    expect(noEn.join('\n')).toMatch(/'en' is missing/);
    const foreign = compileErrors(
      `${header}export const c = { ${a}, [K.B]: { kind: 'INPUT', as: 'ELSEWHERE', zh: '乙', en: 'B' } } satisfies ErrorCatalog<K>;`,
    );
    expect(foreign.length).toBeGreaterThan(0);
  }, 30_000);
});
