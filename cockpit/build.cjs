// Bundles the page with esbuild: src/index.js (with the CSS it imports,
// PatternFly's fonts and images as files) into OUTDIR, plus the HTML and
// the manifest. Run by build-page; esbuild comes from NODE_PATH.
"use strict";
const path = require("path");
const fs = require("fs");
const esbuild = require("esbuild");

const [srcdir, outdir, nodeModules] = process.argv.slice(2);
const assets = [".woff", ".woff2", ".ttf", ".eot", ".svg", ".png", ".jpg", ".gif"];

fs.rmSync(outdir, { recursive: true, force: true });
fs.mkdirSync(outdir, { recursive: true });

esbuild.buildSync({
    entryPoints: [path.join(srcdir, "src", "index.js")],
    bundle: true,
    outdir,
    format: "iife",
    target: ["es2020"],
    minify: true,
    sourcemap: false,
    nodePaths: [nodeModules],
    loader: Object.fromEntries(assets.map(ext => [ext, "file"])),
    assetNames: "assets/[name]-[hash]",
    logLevel: "warning",
});

for (const file of ["index.html", "manifest.json"])
    fs.copyFileSync(path.join(srcdir, "src", file), path.join(outdir, file));
