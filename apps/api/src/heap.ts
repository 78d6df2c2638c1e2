import { setFlagsFromString } from 'node:v8';

/**
 * How the API's heap is sized (docs/benchmarks.md, RSS). Under 50 concurrent requests V8 lets
 * the old generation grow to several times what is live before a full collection (about 90 MB
 * live, 400 MB reached) and keeps a young generation of up to 3 x 32 MB: the process peaked at
 * 600-800 MB. With these two settings it peaks at about 300 MB; the price is more full
 * collections: on the worklist (bench case C) about 10% of requests/s and 20% more of the API's
 * CPU per request, measured on this 2-core machine. Memory was the target (issue 14); a
 * deployment that prefers throughput can drop the growth setting here.
 *
 * - `--max-semi-space-size=16` must be given to node itself (V8 sizes the young generation at
 *   start): `npm run start:api`, the Dockerfile, the demo, the bench and the drill pass
 *   API_NODE_FLAGS; NODE_OPTIONS accepts it too.
 * - the old generation's growth factor after each full collection (1.5 instead of up to 4)
 *   is read by V8 at every collection, so the process sets it itself, at start.
 */
export const API_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=16'];

export function tuneHeap(): void {
  setFlagsFromString('--heap-growing-percent=50');
}
