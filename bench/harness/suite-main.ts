/**
 * Runs one suite in its own process: `tsx bench/harness/suite-main.ts bench/suites/NAME.ts`.
 * A suite exports `async function run(): Promise<{ title: string; markdown: string }>`; this prints `RESULT {json}`.
 */
import { pathToFileURL } from 'node:url';

interface SuiteModule {
  run?: () => Promise<{ title: string; markdown: string }>;
}

const file = process.argv[2];
if (!file) throw new Error('suite-main: missing the suite file');
const suite = (await import(pathToFileURL(file).href)) as SuiteModule;
if (typeof suite.run !== 'function') throw new Error(`${file}: exports no run() function`);
const result = await suite.run();
if (typeof result?.title !== 'string' || typeof result.markdown !== 'string') {
  throw new Error(`${file}: run() must resolve to { title: string, markdown: string }`);
}
process.stdout.write(`RESULT ${JSON.stringify({ title: result.title, markdown: result.markdown })}\n`);
