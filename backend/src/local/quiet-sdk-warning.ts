/**
 * The AWS SDK warns once per process that Node.js < 22 will lose support. The deployed functions run
 * Node.js 22; the local tools may run on 20, so that one warning is dropped (every other warning stays).
 */
export function dropSdkNodeVersionWarning(): void {
  const emit = process.emitWarning.bind(process) as (...args: unknown[]) => void;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const text = typeof warning === 'string' ? warning : warning?.message;
    if (typeof text === 'string' && text.includes('NodeVersionSupportWarning')) return;
    emit(warning, ...rest);
  }) as typeof process.emitWarning;
}
