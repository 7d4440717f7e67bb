// Start, pause, resume, checkpoint, stop, configure and delete a session
// from the page, and watch a killed gsyncd worker turn faulty; gluster's
// own view must agree.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { openPage, openSession, volumeCreate, volumeDestroy, sessionCreate, sessionDestroy, glusterWorkerStates, glusterConfig, glusterSessions, screenshotDir, until, sleep } from "./lib.mjs";

const PRIMARY = "grsb_bl_p";
const SECONDARY = "grsb_bl_s";

before(async () => {
    await sessionDestroy(PRIMARY, SECONDARY);
    await volumeCreate(PRIMARY);
    await volumeCreate(SECONDARY);
    await sessionCreate(PRIMARY, SECONDARY);
});

after(async () => {
    await sessionDestroy(PRIMARY, SECONDARY);
    await volumeDestroy(PRIMARY);
    await volumeDestroy(SECONDARY);
});

// Opens the session's detail from the overview once georepd lists it.
async function detail() {
    const view = await openPage("/");
    try {
        await until(view.page, r => !!document.querySelector(`tr[data-session="${r}"]`), `${PRIMARY} 127.0.0.1::${SECONDARY}`, 90000);
        await openSession(view.page, PRIMARY, SECONDARY);
        return view;
    } catch (error) {
        await view.close().catch(() => {});
        throw error;
    }
}

const titleStatus = page => page.getAttribute(".gr-session-title [data-status]", "data-status");

async function waitStatus(page, states, timeout) {
    await until(page, wanted => wanted.includes(document.querySelector(".gr-session-title [data-status]")?.dataset.status), states, timeout);
}

test("start from the page: gluster reports the session running", async () => {
    const view = await detail();
    try {
        assert.equal(await titleStatus(view.page), "created");
        await view.screenshot("session-created");
        await view.page.click("button[data-action=start]");
        await waitStatus(view.page, ["active"], 240000);
        const states = await glusterWorkerStates(PRIMARY, SECONDARY);
        assert.deepEqual(states, ["Active"]);
        await until(view.page, () => document.querySelectorAll("tr[data-worker] [data-status=active]").length === 1, null, 30000);
        await view.screenshot("session-active");
    } finally {
        await view.close();
    }
});

test("a running, synced session shows no lag, a chart of its history and the lag in the overview", async () => {
    // The sandbox samples the history every 2 s (scripts/sandbox).
    await sleep(6000);
    const view = await detail();
    try {
        await waitStatus(view.page, ["active"], 240000);
        await until(view.page, () => document.querySelector("[data-test=lag]")?.dataset.lag === "0", null, 120000);
        await until(view.page, () => !!document.querySelector("[data-test=lag-chart] polyline"), null, 30000);
        await view.screenshot("session-lag");
        await view.page.locator(".gr-card[aria-label=Lag]").screenshot({ path: path.join(screenshotDir(), "session-lag-card.png") });
        await view.page.click(".pf-c-breadcrumb a");
        await until(view.page, r => document.querySelector(`tr[data-session="${r}"] [data-test=session-lag]`)?.textContent === "0 s",
                    `${PRIMARY} 127.0.0.1::${SECONDARY}`, 30000);
    } finally {
        await view.close();
    }
});

// The pid of this session's gsyncd worker on this node.
function workerPid() {
    for (const pid of readdirSync("/proc").filter(p => /^\d+$/.test(p))) {
        let cmdline;
        try {
            cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
        } catch {
            continue;
        }
        if (cmdline.some(a => a.includes("gsyncd")) && cmdline.includes("worker") && cmdline.includes(PRIMARY))
            return Number(pid);
    }
    return null;
}

test("a killed gsyncd worker shows as faulty without reloading", async () => {
    const view = await detail();
    try {
        await waitStatus(view.page, ["active"], 240000);
        const pid = workerPid();
        assert.ok(pid, "no gsyncd worker runs for the session");
        const seen = view.page.waitForSelector("tr[data-worker] [data-status=faulty]", { timeout: 90000, state: "attached" });
        // gsyncd exits 1 on SIGTERM, which its monitor reports as Faulty
        // (a worker killed by a signal it does not handle is restarted
        // without that).
        execFileSync("kill", ["-TERM", String(pid)]);
        await seen;
        await view.screenshot("session-faulty");
        // gsyncd's monitor restarts the worker.
        await waitStatus(view.page, ["active"], 240000);
    } finally {
        await view.close();
    }
});

test("pause and resume from the page: gluster reports each", async () => {
    const view = await detail();
    try {
        await waitStatus(view.page, ["active"], 240000);
        await view.page.click("button[data-action=pause]");
        await waitStatus(view.page, ["paused"], 120000);
        assert.deepEqual(await glusterWorkerStates(PRIMARY, SECONDARY), ["Paused"]);
        // Paused, it cannot be deleted: the page says so by disabling it.
        assert.equal(await view.page.isDisabled("button[data-action=delete]"), true);
        await view.page.click("button[data-action=resume]");
        await waitStatus(view.page, ["active"], 240000);
        assert.deepEqual(await glusterWorkerStates(PRIMARY, SECONDARY), ["Active"]);
    } finally {
        await view.close();
    }
});

test("a checkpoint set from the page is gluster's checkpoint", async () => {
    const view = await detail();
    try {
        const before = Math.floor(Date.now() / 1000);
        await view.page.click("button[data-key=checkpoint-0]");
        await until(view.page, () => /pending|completed/.test(document.querySelector("[data-test=checkpoint-state]")?.textContent || ""), null, 60000);
        const checkpoint = Number(await glusterConfig(PRIMARY, SECONDARY, "checkpoint"));
        assert.ok(checkpoint >= before - 5 && checkpoint <= Math.floor(Date.now() / 1000) + 5,
                  `gluster's checkpoint ${checkpoint} is not the time it was set (${before})`);
    } finally {
        await view.close();
    }
});

const shownValue = (page, key) => page.textContent(`tr[data-option=${key}] .gr-config-value`);

async function waitValue(page, key, value) {
    await until(page, ([k, v]) => document.querySelector(`tr[data-option=${k}] .gr-config-value`)?.textContent === v, [key, value], 60000);
}

test("a config edit on the page is what gluster's config shows", async () => {
    const view = await detail();
    try {
        const before = await glusterConfig(PRIMARY, SECONDARY, "sync-jobs");
        const value = before === "5" ? "6" : "5";
        await view.page.fill("[data-test=option-key]", "sync-jobs");
        await view.page.fill("[data-test=option-value]", value);
        await view.page.click("button[data-action=set-option]");
        await waitValue(view.page, "sync-jobs", value);
        assert.ok(await view.page.$("tr[data-option=sync-jobs] [data-mark=set]"), "sync-jobs is not marked as set");
        // The classes come from georepd (Manager.ConfigKeys).
        assert.ok(await view.page.$("tr[data-option=ssh-command] [data-mark=command]"), "ssh-command is not marked as a command");
        assert.equal(await view.page.$("tr[data-option=sync-jobs] [data-mark=command]"), null);
        assert.equal(await glusterConfig(PRIMARY, SECONDARY, "sync-jobs"), value);
        await view.screenshot("session-config");
        // Reset: the page shows what gluster has again.
        await view.page.click("tr[data-option=sync-jobs] button:has-text('Reset')");
        await until(view.page, v => document.querySelector("tr[data-option=sync-jobs] .gr-config-value")?.textContent !== v, value, 60000);
        assert.equal(await shownValue(view.page, "sync-jobs"), await glusterConfig(PRIMARY, SECONDARY, "sync-jobs"));
        assert.notEqual(await glusterConfig(PRIMARY, SECONDARY, "sync-jobs"), value);
    } finally {
        await view.close();
    }
});

test("stop from the page: gluster reports the session stopped", async () => {
    const view = await detail();
    try {
        await view.page.click("button[data-action=stop]");
        await waitStatus(view.page, ["stopped"], 120000);
        assert.deepEqual(await glusterWorkerStates(PRIMARY, SECONDARY), ["Stopped"]);
        assert.equal(await view.page.isDisabled("button[data-action=start]"), false);
        await sleep(0);
    } finally {
        await view.close();
    }
});

test("delete from the page, after a confirmation: gluster forgets the session", async () => {
    const view = await detail();
    try {
        await view.page.click("button[data-action=delete]");
        await view.page.waitForSelector("[role=dialog] [data-test=confirm]");
        await view.page.click("[role=dialog] [data-test=confirm]");
        // Back on the overview, without the session.
        await view.page.waitForSelector("body[data-view=overview]", { timeout: 120000 });
        assert.ok(!(await glusterSessions()).includes(`${PRIMARY} 127.0.0.1::${SECONDARY}`));
        await until(view.page, r => !document.querySelector(`tr[data-session="${r}"]`), `${PRIMARY} 127.0.0.1::${SECONDARY}`, 30000);
    } finally {
        await view.close();
    }
});
