// The page's figures, in headless chromium (playwright-core from the
// build tree):
//   node page-bench.mjs load URL N
//     page load → the overview showing N sessions (cold first, then warm)
//   node page-bench.mjs freshness URL PRIMARY HOST SECONDARY
//     a worker's status file renamed on disk (as gsyncd writes it) → the
//     change visible in the session's workers table
import { createRequire } from "node:module";
import { readdirSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";

const require = createRequire(path.join(process.env.GEOREP_BROWSER_MODULES, "/"));
const { chromium } = require("playwright-core");
const PAGE = "cockpit/@localhost/gluster-georeplication/index.html";

function figures(samples) {
    const sorted = [...samples].sort((a, b) => a - b);
    const at = q => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
    return `median ${at(0.5).toFixed(1)} ms  p95 ${at(0.95).toFixed(1)} ms  max ${sorted[sorted.length - 1].toFixed(1)} ms`;
}

async function launch() {
    return chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
}

const hasRows = n => document.querySelectorAll("tr[data-session]").length >= n;

// From the navigation's start (the page's own clock) to N rows shown.
async function shownAfter(frame, count) {
    await frame.waitForFunction(hasRows, count, { polling: "raf", timeout: 30000 });
    return frame.evaluate(() => performance.now());
}

function pageFrame(page) {
    return page.frames().find(f => f.url().includes("/gluster-georeplication/index.html"));
}

// The page's frame in the shell once it holds a new document.
async function newFrame(page, oldOrigin) {
    for (;;) {
        const frame = pageFrame(page);
        const origin = frame ? await frame.evaluate(() => performance.timeOrigin).catch(() => oldOrigin) : oldOrigin;
        if (origin !== oldOrigin)
            return frame;
        await page.waitForTimeout(5);
    }
}

// Standalone loads open a WebSocket each, for which cockpit-ws starts a
// new bridge; in Cockpit's shell the page's frame uses the shell's
// running bridge, as an admin sees it: both are measured.
async function load(url, count) {
    const browser = await launch();
    const standalone = [];
    for (let i = 0; i < 5; i++) {
        const page = await browser.newPage();
        await page.goto(`${url}${PAGE}#/`);
        standalone.push(await shownAfter(page.mainFrame(), count));
        await page.close();
    }
    const page = await browser.newPage();
    await page.goto(`${url}gluster-georeplication`);
    let frame = await newFrame(page, null);
    await shownAfter(frame, count);
    const shell = [];
    for (let i = 0; i < 10; i++) {
        const origin = await frame.evaluate(() => performance.timeOrigin);
        await frame.evaluate(() => setTimeout(() => location.reload(), 0));
        frame = await newFrame(page, origin);
        shell.push(await shownAfter(frame, count));
    }
    await browser.close();
    console.log(`page load (navigation start) → overview showing ${count} sessions`);
    console.log(`  in Cockpit's shell (10 reloads of the page's frame): ${figures(shell)}`);
    console.log(`  standalone, a new bridge each (5 loads): ${figures(standalone)}`);
}

function brickFile(primary, host, secondary) {
    const dir = `/var/lib/glusterd/geo-replication/${primary}_${host}_${secondary}`;
    const name = readdirSync(dir).find(n => n.startsWith("brick_") && n.endsWith(".status"));
    if (!name)
        throw new Error(`no brick status file in ${dir}`);
    return path.join(dir, name);
}

// As gsyncd writes it: a new file renamed over the old one; each round
// differs in the entry count the page shows.
function writeStatus(file, round) {
    const json = JSON.stringify({
        secondary_node: "", worker_status: "Active", last_synced: 0,
        crawl_status: round % 2 ? "Changelog Crawl" : "History Crawl",
        entry: 2000000 + round, data: 0, meta: 0, failures: 0,
        checkpoint_completed: "No", checkpoint_time: 0, checkpoint_completion_time: 0,
    });
    writeFileSync(`${file}.pagebench`, json);
    renameSync(`${file}.pagebench`, file);
}

async function freshness(url, primary, host, secondary) {
    const file = brickFile(primary, host, secondary);
    const browser = await launch();
    const page = await browser.newPage();
    await page.goto(`${url}${PAGE}#/`);
    const row = `tr[data-session="${primary} ${host}::${secondary}"] a`;
    await page.waitForSelector(row, { timeout: 60000 });
    await page.click(row);
    await page.waitForSelector("tr[data-worker]", { timeout: 60000 });
    const samples = [];
    for (let round = 0; round < 25; round++) {
        const wanted = `${2000000 + round} /`;
        const seen = page.waitForFunction(w => [...document.querySelectorAll("tr[data-worker]")].some(r => r.textContent.includes(w)),
                                          wanted, { polling: "raf", timeout: 5000 });
        const start = performance.now();
        writeStatus(file, round);
        await seen;
        samples.push(performance.now() - start);
    }
    await browser.close();
    console.log(`page freshness (session ${primary} → ${host}::${secondary}, 25 status file renames → workers table)`);
    console.log(`  ${figures(samples)}`);
}

const [mode, ...args] = process.argv.slice(2);
if (mode === "load")
    await load(args[0], Number(args[1]));
else if (mode === "freshness")
    await freshness(...args);
else {
    console.error("usage: page-bench.mjs load URL N | freshness URL PRIMARY HOST SECONDARY");
    process.exit(2);
}
