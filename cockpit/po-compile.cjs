// Compiles PO files into the scripts Cockpit serves as po.js: one
// po.LANG.js per language, a cockpit.locale() call with the header
// (language, direction, the plural rule as a function written into the
// file: Cockpit's CSP forbids making one at run time) and every
// translated message as "[context\u0004]msgid": [null, msgstr...].
"use strict";
const fs = require("fs");
const path = require("path");
const { po } = require("gettext-parser");

const RTL = ["ar", "fa", "he", "ur"];

function pluralRule(header) {
    const match = /plural\s*=\s*([^;]+);?/.exec(header["Plural-Forms"] || "");
    const expression = match ? match[1] : "n != 1";
    // The expression is C: only n, digits, operators and parentheses.
    if (!/^[n0-9\s!=<>&|?:%()+-]+$/.test(expression))
        throw new Error(`unexpected plural expression ${expression}`);
    return `n => Number(${expression})`;
}

// po/LANG.po also holds georepctl's messages (po/meson.build), whose
// references all name its C sources (clients/…): the page leaves those
// out, as Cockpit's po plugin keeps only its page's messages.
function isPageMessage(entry) {
    const references = (entry.comments?.reference || "").split(/\s+/).filter(Boolean);
    return references.length === 0 || references.some(r => !r.startsWith("clients/"));
}

function messages(parsed) {
    const out = {};
    for (const [context, entries] of Object.entries(parsed.translations)) {
        for (const [msgid, entry] of Object.entries(entries)) {
            if (!msgid || entry.comments?.flag?.includes("fuzzy") || !entry.msgstr.some(Boolean))
                continue;
            if (!isPageMessage(entry))
                continue;
            const key = context ? `${context}\u0004${msgid}` : msgid;
            out[key] = [null, ...entry.msgstr];
        }
    }
    return out;
}

function compile(file) {
    const parsed = po.parse(fs.readFileSync(file));
    const language = path.basename(file, ".po");
    const head = {
        language,
        "language-direction": RTL.includes(language.split("_")[0]) ? "rtl" : "ltr",
    };
    const body = JSON.stringify(messages(parsed), null, 1);
    const header = JSON.stringify(head).replace(/^\{/, `{"plural-forms": ${pluralRule(parsed.headers)},`);
    return `cockpit.locale({"": ${header},\n${body.slice(1, -1)}});\n`;
}

// Writes OUTDIR/po.LANG.js for every PODIR/LANG.po.
module.exports = function compileAll(podir, outdir) {
    for (const name of fs.readdirSync(podir).filter(n => n.endsWith(".po")).sort())
        fs.writeFileSync(path.join(outdir, `po.${path.basename(name, ".po")}.js`), compile(path.join(podir, name)));
};
