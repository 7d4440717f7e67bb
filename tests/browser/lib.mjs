// Helpers of the browser tests: the sandbox's gluster (volumes grsb*,
// sessions made and removed with the gluster CLI), and a headless
// chromium (playwright-core, from the build tree) on the page served by
// the sandbox's cockpit-ws.
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import assert from "node:assert/strict";

const run = promisify(execFile);

export function env(name) {
    const value = process.env[name];
    assert.ok(value, `${name} is not set: is the sandbox up (scripts/sandbox up) with cockpit?`);
    return value;
}

export const HOST = "127.0.0.1";
const GLUSTER = () => env("GEOREP_GLUSTER");

// glusterd's hook scripts run gluster commands of their own; a command of
// ours meanwhile stalls glusterd (see scripts/sandbox).
async function waitForHooks() {
    const deadline = Date.now() + 300000;
    for (;;) {
        try {
            await run("pgrep", ["-f", "/var/lib/glusterd/hooks/"]);
        } catch {
            return;
        }
        assert.ok(Date.now() < deadline, "glusterd's hooks still run after 300 s");
        await sleep(200);
    }
}

export function sleep(ms) { return new Promise(resolve => setTimeout(resolve, ms)) }

// Runs gluster; resolves to its stdout, rejects when it fails (unless
// `mayFail`, then resolves to null).
export async function gluster(args, mayFail) {
    await waitForHooks();
    try {
        const { stdout } = await run(GLUSTER(), ["--mode=script", ...args], { timeout: 240000 });
        return stdout;
    } catch (error) {
        if (mayFail)
            return null;
        throw new Error(`gluster ${args.join(" ")}: ${error.stderr || error.stdout || error.message}`);
    }
}

// An XPath over gluster's --xml output, with xmllint.
export async function xpath(xml, expression) {
    const child = execFile("xmllint", ["--xpath", expression, "-"]);
    child.stdin.end(xml);
    let out = "";
    child.stdout.on("data", d => { out += d });
    await new Promise(resolve => child.on("close", resolve));
    return out;
}

const bricks = () => path.join(env("GEOREP_SANDBOX_DIR"), "bricks");

// Every volume gets a brick path never used before (see
// tests/gr-test-gluster.c).
export async function volumeCreate(name) {
    assert.ok(name.startsWith("grsb"), "sandbox volumes are named grsb*");
    await volumeDestroy(name);
    const brick = `${hostname()}:${bricks()}/${name}.${Date.now()}`;
    await gluster(["volume", "create", name, brick, "force"]);
    await gluster(["volume", "start", name]);
}

export async function volumeDestroy(name) {
    await gluster(["volume", "stop", name, "force"], true);
    await gluster(["volume", "delete", name], true);
    for (const entry of readdirSync(bricks(), { withFileTypes: true }))
        if (entry.name.startsWith(`${name}.`))
            rmSync(path.join(bricks(), entry.name), { recursive: true, force: true });
}

// A session made with the gluster CLI, the port kept in its config
// (glusterfs#2819, see tests/test-sessions.c).
export async function sessionCreate(primary, secondary) {
    const url = `${HOST}::${secondary}`;
    const port = env("GEOREP_SSH_PORT");
    await gluster(["system::", "execute", "gsec_create"]);
    await gluster(["volume", "geo-replication", primary, url, "create", "ssh-port", port, "push-pem"]);
    await gluster(["volume", "geo-replication", primary, url, "config", "ssh-port", port]);
}

export async function sessionDestroy(primary, secondary) {
    const url = `${HOST}::${secondary}`;
    await gluster(["volume", "geo-replication", primary, url, "stop", "force"], true);
    await gluster(["volume", "geo-replication", primary, url, "delete"], true);
    const name = `${primary}_${HOST}_${secondary}`;
    rmSync(`/var/lib/misc/gluster/gsyncd/${name}`, { recursive: true, force: true });
    rmSync(`/var/log/glusterfs/geo-replication/${name}`, { recursive: true, force: true });
}

// The worker states gluster reports for a session, e.g. ["Active"].
export async function glusterWorkerStates(primary, secondary) {
    const xml = await gluster(["--xml", "volume", "geo-replication", primary, `${HOST}::${secondary}`, "status"]);
    const out = await xpath(xml, "//pair/status/text()");
    return out.split("\n").map(s => s.trim()).filter(Boolean);
}

// "PRIMARY HOST::SECONDARY" of every session gluster lists.
export async function glusterSessions() {
    // With no session at all, gluster fails ("geo-replication command
    // failed") rather than list none.
    const xml = await gluster(["--xml", "volume", "geo-replication", "status"], true);
    if (xml === null)
        return [];
    const names = (await xpath(xml, "//geoRep/volume/name/text()")).split("\n").map(s => s.trim()).filter(Boolean);
    const sessions = new Set();
    for (const name of names) {
        const urls = await xpath(xml, `//geoRep/volume[name='${name}']/sessions/session/session_secondary/text()`);
        for (const url of urls.split("\n").map(s => s.trim()).filter(Boolean)) {
            // NODE-UUID:ssh://[USER@]HOST::VOLUME:VOLUME-UUID
            const match = /ssh:\/\/(.+::[^:]+):/.exec(url);
            assert.ok(match, `unexpected session_secondary ${url}`);
            sessions.add(`${name} ${match[1]}`);
        }
    }
    return [...sessions].sort();
}

export async function glusterConfig(primary, secondary, key) {
    const out = await gluster(["volume", "geo-replication", primary, `${HOST}::${secondary}`, "config", key]);
    return out.trim();
}

// --- the browser ---------------------------------------------------------

const require = createRequire(path.join(env("GEOREP_BROWSER_MODULES"), "/"));
const { chromium } = require("playwright-core");

export function screenshotDir() {
    const dir = path.join(env("GEOREP_BUILD_ROOT"), "browser-screenshots");
    mkdirSync(dir, { recursive: true });
    return dir;
}

// cockpit-ws --local-session serves one session, which ends 15 s after
// its last WebSocket closed: restart it (scripts/sandbox) unless a page
// closed moments ago.
let lastClose = 0;

async function freshCockpit() {
    if (Date.now() - lastClose < 5000)
        return;
    await run(path.join(env("GEOREP_REPO"), "scripts", "sandbox"), ["restart-cockpit"], { timeout: 60000 });
}

// Opens the page (as root, or as the plain user with `plain`) at HASH and
// records console errors and page errors; `close()` asserts there were
// none.
// `locale` is the browser's language (Cockpit picks po.js by it),
// `style` Cockpit's style setting as the shell stores it.
export async function openPage(hash, { plain = false, width = 1280, height = 900, locale = "en-US", style = null } = {}) {
    const base = env(plain ? "GEOREP_COCKPIT_PLAIN_URL" : "GEOREP_COCKPIT_URL");
    await freshCockpit();
    const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
    const context = await browser.newContext({ viewport: { width, height }, locale });
    if (style)
        await context.addInitScript(value => localStorage.setItem("shell:style", value), style);
    const page = await context.newPage();
    const errors = [];
    page.on("console", message => { if (message.type() === "error") errors.push(message.text()) });
    page.on("pageerror", error => errors.push(error.message));
    try {
        await page.goto(`${base}${env("GEOREP_COCKPIT_PAGE")}#${hash || "/"}`);
        await page.waitForSelector("body[data-loaded=true]", { timeout: 30000 });
    } catch (error) {
        await browser.close(); // a browser left open keeps node running
        throw error;
    }
    return {
        page,
        errors,
        async screenshot(name) {
            await page.screenshot({ path: path.join(screenshotDir(), `${name}.png`), fullPage: true });
        },
        async close() {
            await browser.close();
            lastClose = Date.now();
            assert.deepEqual(errors, [], "console errors on the page");
        },
    };
}

// Opens Cockpit's shell on the page (its menu, its frame), as root, in
// LOCALE; returns { page, frame, close } like openPage.
export async function openShell({ locale = "en-US" } = {}) {
    await freshCockpit();
    const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale })).newPage();
    const errors = [];
    page.on("console", message => { if (message.type() === "error") errors.push(message.text()) });
    let frame = null;
    try {
        await page.goto(`${env("GEOREP_COCKPIT_URL")}gluster-georeplication`);
        const deadline = Date.now() + 30000;
        while (!(frame = page.frames().find(f => f.url().includes("/gluster-georeplication/index.html")))) {
            assert.ok(Date.now() < deadline, "the shell did not open the page's frame");
            await sleep(100);
        }
        await frame.waitForSelector("body[data-loaded=true]", { timeout: 30000 });
    } catch (error) {
        await browser.close();
        throw error;
    }
    return {
        page,
        frame,
        async screenshot(name) {
            await page.screenshot({ path: path.join(screenshotDir(), `${name}.png`) });
        },
        async close() {
            await browser.close();
            lastClose = Date.now();
            assert.deepEqual(errors, [], "console errors in the shell or the page");
        },
    };
}

// Waits until FN (run in the page) returns true.
export async function until(page, fn, arg, timeout = 60000) {
    await page.waitForFunction(fn, arg, { timeout, polling: "raf" });
}

// The rows the overview shows, as "PRIMARY [USER@]HOST::SECONDARY".
export async function overviewRows(page) {
    return (await page.$$eval("tr[data-session]", rows => rows.map(r => r.dataset.session))).sort();
}

// The create wizard's primary button: Next, and Create on the last step.
export async function wizardNext(page) {
    await page.click(".pf-c-wizard__footer button[type=submit]:not([disabled])");
}

// Opens the detail of a session by its row in the overview.
export async function openSession(page, primary, secondary) {
    await page.click(`tr[data-session="${primary} ${HOST}::${secondary}"] a`);
    await page.waitForSelector("body[data-view=session] .gr-session-title [data-status]");
}
export function readText(file) { return readFileSync(file, "utf8") }

// --- destinations and mounts ----------------------------------------------

// TEXT as the last element of an object path (the label encoding of
// common/gr-label.c): every byte but [A-Za-z0-9] as _XX.
export function objectLabel(text) {
    return [...Buffer.from(text)]
            .map(b => /[A-Za-z0-9]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `_${b.toString(16).padStart(2, "0")}`)
            .join("");
}

// The object path georepd gives the destination USER@HOST.
export function destinationPath(user, host) {
    return `/org/gluster/GeoReplication1/destinations/${objectLabel(`${user}@${host}`)}`;
}

// Adds the destination USER@HOST on the sandbox's sshd with busctl, the
// host key confirmed, and tests it (which lists its remote volumes).
export async function destinationAdd(user, host) {
    const manager = ["org.gluster.GeoReplication1", "/org/gluster/GeoReplication1", "org.gluster.GeoReplication1.Manager"];
    await run("busctl", ["--system", "call", ...manager, "AddDestination", "sqssa{sv}",
        host, env("GEOREP_SSH_PORT"), user, await sandboxFingerprint(), "0"], { timeout: 120000 });
    await run("busctl", ["--system", "call", "org.gluster.GeoReplication1", destinationPath(user, host),
        "org.gluster.GeoReplication1.Destination", "Test", "a{sv}", "0"], { timeout: 120000 });
}

// Removes a destination with busctl (NotFound is fine); REVOKE deletes
// the key line it installed remotely.
export async function destinationRemove(user, host, revoke) {
    try {
        await run("busctl", ["--system", "call", "org.gluster.GeoReplication1", destinationPath(user, host),
            "org.gluster.GeoReplication1.Destination", "Remove", "a{sv}", "2",
            "revoke-key", "b", revoke ? "true" : "false", "force", "b", "true"], { timeout: 120000 });
    } catch (error) {
        // GDBus answers a call to a path it does not export with "Object
        // does not exist at path …" (or "No such interface …").
        if (!/NotFound|No such interface|Unknown object|Object does not exist/i.test(String(error.stderr)))
            throw new Error(`removing ${user}@${host}: ${error.stderr || error.message}`);
    }
}

// The SHA256 fingerprint of the sandbox sshd's host key, as ssh-keygen
// prints it.
export async function sandboxFingerprint() {
    const { stdout } = await run("ssh-keygen", ["-lf", env("GEOREP_SSH_HOST_KEY")]);
    return stdout.split(" ")[1];
}

export async function mount(volume) {
    const dir = path.join(env("GEOREP_SANDBOX_DIR"), "mnt", `browser-${volume}`);
    mkdirSync(dir, { recursive: true });
    await run("mount", ["-t", "glusterfs", `${HOST}:/${volume}`, dir]);
    return dir;
}

export async function unmount(dir) {
    await run("umount", ["-l", dir]).catch(() => {});
}

// Asks georepd to re-read gluster now (Manager.Refresh, allowed to
// anyone), so that volumes just made with the CLI are listed.
export async function refresh() {
    await run("busctl", ["--system", "call", "org.gluster.GeoReplication1", "/org/gluster/GeoReplication1",
        "org.gluster.GeoReplication1.Manager", "Refresh", "a{sv}", "0"], { timeout: 300000 });
}
