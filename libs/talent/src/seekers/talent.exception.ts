/** Moved to the context's root (libs/talent/src/talent.exception.ts); kept so imports from here still work. */
export * from '../talent.exception';
