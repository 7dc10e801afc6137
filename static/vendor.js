// Copies the browser files that the Go binary embeds out of node_modules.
// CI runs `npm ci && npm run vendor` and fails when the result differs from
// what is committed, so vendored files are only ever written by this script.
"use strict";

const fs = require("node:fs");
const path = require("node:path");

const files = [
  {
    from: path.join("node_modules", "htmx.org", "dist", "htmx.min.js"),
    to: path.join("js", "htmx.min.js"),
  },
];

for (const { from, to } of files) {
  const src = path.join(__dirname, from);
  const dst = path.join(__dirname, to);
  fs.mkdirSync(path.dirname(dst), { recursive: true });
  fs.copyFileSync(src, dst);
  console.log(`vendored ${from} -> ${to}`);
}
