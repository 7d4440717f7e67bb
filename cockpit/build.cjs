// Bundles the page with esbuild: src/index.jsx (React and PatternFly)
// into OUTDIR/index.js; then OUTDIR/index.css from src/index.css and the
// CSS of exactly the PatternFly components the bundle uses (fonts and
// images as files); plus the HTML, the manifest and po.LANG.js from
// PODIR's translations. Run by build-page; esbuild and the packages come
// from NODE_PATH.
//
// Two passes, because esbuild keeps the CSS that a module imports even
// when it drops the module itself: every PatternFly component imports
// its CSS, so one pass would ship the CSS of all ~90 components.
"use strict";
const path = require("path");
const fs = require("fs");
const esbuild = require("esbuild");
const compilePo = require("./po-compile.cjs");

const [srcdir, outdir, nodeModules, podir] = process.argv.slice(2).map(p => path.resolve(p));
const assets = [".woff", ".woff2", ".ttf", ".eot", ".svg", ".png", ".jpg", ".gif"];
const STYLES = `${path.sep}@patternfly${path.sep}react-styles${path.sep}css${path.sep}`;

const common = {
    bundle: true,
    outdir,
    target: ["es2020"],
    minify: true,
    nodePaths: [nodeModules],
    loader: Object.fromEntries(assets.map(ext => [ext, "file"])),
    assetNames: "assets/[name]-[hash]",
    logLevel: "warning",
};

function bundleScript() {
    const result = esbuild.buildSync({
        ...common,
        entryPoints: { index: path.join(srcdir, "src", "index.jsx") },
        format: "iife",
        jsx: "automatic",
        legalComments: "external",
        define: { "process.env.NODE_ENV": '"production"' },
        // Pass 1 leaves every CSS file out; pass 2 bundles what it used.
        loader: { ...common.loader, ".css": "empty" },
        metafile: true,
    });
    const script = Object.entries(result.metafile.outputs).find(([name]) => name.endsWith("index.js"))[1];
    return Object.keys(script.inputs).map(p => path.resolve(p)).filter(p => p.includes(STYLES));
}

// The CSS of each react-styles module in the bundle (x.mjs → x.css).
function bundleStyles(styleModules) {
    const sheets = [...new Set(styleModules.map(p => p.replace(/\.m?js$/, ".css")))].filter(p => fs.existsSync(p)).sort();
    const imports = [path.join(srcdir, "src", "index.css"), ...sheets].map(p => `@import ${JSON.stringify(p)};`);
    esbuild.buildSync({
        ...common,
        stdin: { contents: imports.join("\n"), loader: "css", resolveDir: path.join(srcdir, "src"), sourcefile: "bundled-styles.css" },
        outfile: path.join(outdir, "index.css"),
        outdir: undefined,
    });
}

fs.rmSync(outdir, { recursive: true, force: true });
fs.mkdirSync(outdir, { recursive: true });
bundleStyles(bundleScript());
for (const file of ["index.html", "manifest.json"])
    fs.copyFileSync(path.join(srcdir, "src", file), path.join(outdir, file));
compilePo(podir, outdir);
