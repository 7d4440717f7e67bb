// Writes the page's message template: node po-extract.cjs OUT.pot SRCDIR.
// xgettext reads JavaScript but not JSX, so each source is first turned
// into plain JavaScript by esbuild (JSX only, nothing else changed); the
// manifest's menu label and docs labels are added, as Cockpit's shell
// translates them with the page's po.js. Keywords: _, N_, ngettext.
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { execFileSync } = require("child_process");
const esbuild = require("esbuild");

const [out, srcdir] = process.argv.slice(2).map(p => path.resolve(p));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "gr-po-"));

function manifestStrings() {
    const manifest = JSON.parse(fs.readFileSync(path.join(srcdir, "manifest.json"), "utf8"));
    const labels = [];
    for (const item of Object.values(manifest.menu || {}))
        labels.push(item.label, ...(item.docs || []).map(d => d.label));
    return labels.map(l => `_(${JSON.stringify(l)});`).join("\n") + "\n";
}

try {
    const names = fs.readdirSync(srcdir).filter(n => /\.jsx?$/.test(n)).sort();
    for (const name of names) {
        const code = fs.readFileSync(path.join(srcdir, name), "utf8");
        const { code: plain } = esbuild.transformSync(code, { loader: "jsx", jsx: "transform" });
        fs.writeFileSync(path.join(tmp, name), plain);
    }
    fs.writeFileSync(path.join(tmp, "manifest.json"), manifestStrings());
    execFileSync("xgettext", ["--language=JavaScript", "--from-code=UTF-8", "--keyword=_", "--keyword=N_",
        "--keyword=ngettext:1,2", "--add-location=file", "--sort-by-file", "--package-name=georepd",
        "--msgid-bugs-address=georepd", "-o", out, ...names, "manifest.json"], { cwd: tmp, stdio: "inherit" });
} finally {
    fs.rmSync(tmp, { recursive: true, force: true });
}
