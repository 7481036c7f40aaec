/**
 * Writes a scenario's figures as JSON under `bench/results/` (git-ignored), so runs can be compared
 * or collected by CI without parsing the printed table.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const resultsFolder = fileURLToPath(new URL('../results/', import.meta.url));

/** Returns the path written. */
export async function writeResult(scenario: string, result: unknown): Promise<string> {
  await mkdir(resultsFolder, { recursive: true });
  const path = `${resultsFolder}${scenario}.json`;
  await writeFile(path, `${JSON.stringify(result, null, 2)}\n`);
  return path;
}
