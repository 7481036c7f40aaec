/** The stream emulator's rule for a key's secret (test fixtures, not secrets). */
export function emulatorSecret(keyId: string): string {
  return `stream-secret-${keyId}`;
}
