// What the graduate-import screens share.
export const IMPORTS_BASE = '/schools/graduate-imports';
export const running = (s: string): boolean => s === 'QUEUED' || s === 'PROCESSING';
