/** `npm run bench`: every benchmark in turn, each printing its own figures. */
import { benchChronicScreen } from './chronic-screen.ts';
import { benchClearing } from './clearing.ts';
import { benchCoreSettle } from './core-settle.ts';
import { benchCoreSplit } from './core-split.ts';
import { benchNationalSettle } from './national-settle.ts';

const started = Date.now();
console.log(`yibao benchmarks — node ${process.version}, ${new Date().toISOString()}`);
await benchCoreSplit();
await benchCoreSettle();
await benchNationalSettle();
await benchChronicScreen();
await benchClearing();
console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
