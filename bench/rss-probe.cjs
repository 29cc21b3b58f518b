// Preloaded into the measured Ferry process (`node --require bench/rss-probe.cjs bin/ferry.cjs …`):
// when that process exits, writes its own peak resident set size in KiB (getrusage maxrss,
// the kernel's high-water mark, so no sampling can miss a short peak) to the file named by
// FERRY_BENCH_RSS_FILE. Plain CommonJS because Node loads it before anything is bundled.
'use strict';
const fs = require('node:fs');

const target = process.env.FERRY_BENCH_RSS_FILE;
if (target) {
  process.on('exit', () => {
    fs.writeFileSync(target, `${process.resourceUsage().maxRSS}\n`);
  });
}
