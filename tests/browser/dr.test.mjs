// Disaster recovery from the page (docs/disaster-recovery.md): a volume
// promoted from the destinations view (its dialog lists the steps and
// needs the confirmation), the job's steps in the Jobs view, a session's
// sync windows (schedule set, edited and removed; Run now and its job),
// and a failback from a session's view that stops at the confirmation
// that I/O on the promoted volume stopped, aborted there. Real glusterd,
// georepd, sshd and polkitd; gluster's view and the Job object agree.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import {
    openPage, openSession, volumeCreate, volumeDestroy, sessionCreate, sessionDestroy, gluster, until,
    destinationAdd, destinationRemove, destinationPath, objectLabel, HOST,
} from "./lib.mjs";

const run = promisify(execFile);
const PRIMARY = "grsb_bd_p";
const SECONDARY = "grsb_bd_s";
const DESTINATION = destinationPath("root", HOST);
const DESTINATION_LABEL = DESTINATION.slice(DESTINATION.lastIndexOf("/") + 1);
const SESSION_LABEL = objectLabel(`${PRIMARY}::${HOST}::${SECONDARY}`);
let ownDestination = false;

async function volumeOption(volume, key) {
    const out = await gluster(["volume", "get", volume, key]);
    const line = out.split("\n").find(l => l.startsWith(key));
    return line.trim().split(/\s+/).pop();
}

// A property of a Job object as georepd has it now.
async function jobProperty(path, name) {
    const { stdout } = await run("busctl", ["--system", "get-property", "org.gluster.GeoReplication1", path,
        "org.gluster.GeoReplication1.Job", name]);
    return stdout.trim();
}

before(async () => {
    await sessionDestroy(PRIMARY, SECONDARY);
    await volumeCreate(PRIMARY);
    await volumeCreate(SECONDARY);
    // A geo-replication secondary is read-only; Promote turns that off.
    await gluster(["volume", "set", SECONDARY, "features.read-only", "on"]);
    try {
        await destinationAdd("root", HOST);
        ownDestination = true;
    } catch (error) {
        // Another test's root destination serves as well (then kept);
        // its test lists the volume just made.
        if (!/AlreadyExists/.test(String(error.stderr)))
            throw error;
        await run("busctl", ["--system", "call", "org.gluster.GeoReplication1", DESTINATION,
            "org.gluster.GeoReplication1.Destination", "Test", "a{sv}", "0"], { timeout: 120000 });
    }
});

after(async () => {
    await sessionDestroy(PRIMARY, SECONDARY);
    await volumeDestroy(PRIMARY);
    await volumeDestroy(SECONDARY);
    if (ownDestination)
        await destinationRemove("root", HOST, false);
});

const jobState = page => page.getAttribute("[data-job][data-state]", "data-state");
const marks = page => page.$$eval("[data-test=job-steps] [data-step]", steps => steps.map(s => `${s.dataset.step}:${s.dataset.mark}`));

let promotion = null; // the job's label

test("promote from the destinations view: the steps, the confirmation, then the volume is writable", async () => {
    const view = await openPage("/destinations");
    try {
        await view.page.click(`button[data-key=${DESTINATION_LABEL}-promote]`);
        const dialog = "[role=dialog]";
        await view.page.waitForSelector(`${dialog} [data-test=job-steps]`);
        assert.deepEqual(await marks(view.page), ["check-volume:planned", "read-only-off:planned",
            "indexing-on:planned", "changelog-on:planned"]);
        await view.page.selectOption(`${dialog} [data-test=promote-volume]`, SECONDARY);
        // Nothing without the explicit confirmation.
        assert.equal(await view.page.isDisabled(`${dialog} [data-test=confirm]`), true);
        await view.page.check(`${dialog} [data-test=promote-confirm]`);
        await view.screenshot("dr-promote-dialog");
        await view.page.click(`${dialog} [data-test=confirm]`);
        // The page opens the job and follows it to its end.
        await view.page.waitForSelector("body[data-view=jobs] [data-job][data-state]", { timeout: 60000 });
        promotion = await view.page.getAttribute("[data-job][data-state]", "data-job");
        await until(view.page, () => document.querySelector("[data-job][data-state]")?.dataset.state !== "running", null, 240000);
        assert.equal(await jobState(view.page), "completed");
        assert.deepEqual(await marks(view.page), ["check-volume:done", "read-only-off:done", "indexing-on:done", "changelog-on:done"]);
        await view.screenshot("dr-promote-done");
        assert.equal(await volumeOption(SECONDARY, "features.read-only"), "off");
        assert.equal(await volumeOption(SECONDARY, "geo-replication.indexing"), "on");
        assert.equal(await jobProperty(`/org/gluster/GeoReplication1/jobs/${promotion}`, "State"), 's "completed"');
    } finally {
        await view.close();
    }
});

test("the Jobs view lists the promotion and opens its steps", async () => {
    assert.ok(promotion, "no promotion job from the test before");
    const view = await openPage("/jobs");
    try {
        const row = `tr[data-job="${promotion}"]`;
        await view.page.waitForSelector(row);
        assert.equal(await view.page.getAttribute(`${row} [data-job-state]`, "data-job-state"), "completed");
        assert.match(await view.page.textContent(row), new RegExp(`root@${HOST.replace(/\./g, "\\.")}`));
        await view.screenshot("dr-jobs");
        await view.page.click(`${row} a`);
        await view.page.waitForSelector("[data-job][data-state] [data-test=job-steps]");
        assert.equal((await marks(view.page)).length, 4);
        assert.match(await view.page.textContent("[data-step=read-only-off]"), /features\.read-only off/);
    } finally {
        await view.close();
    }
});

// The session's view, once georepd lists the session.
async function sessionView() {
    const view = await openPage("/");
    try {
        await until(view.page, r => !!document.querySelector(`tr[data-session="${r}"]`), `${PRIMARY} ${HOST}::${SECONDARY}`, 90000);
        await openSession(view.page, PRIMARY, SECONDARY);
        return view;
    } catch (error) {
        await view.close().catch(() => {});
        throw error;
    }
}

async function sessionProperty(name) {
    const { stdout } = await run("busctl", ["--system", "get-property", "org.gluster.GeoReplication1",
        `/org/gluster/GeoReplication1/sessions/${SESSION_LABEL}`, "org.gluster.GeoReplication1.Session", name]);
    return stdout.trim();
}

async function saveSchedule(page, text) {
    await page.fill("[data-test=schedule-input]", text);
    await page.click("button[data-action=set-schedule]");
    await until(page, t => document.querySelector("[data-test=schedule]")?.textContent.includes(t), text, 60000);
}

test("sync windows on the session's view: schedule set, edited, removed; Run now opens its job", async () => {
    await sessionCreate(PRIMARY, SECONDARY);
    const view = await sessionView();
    try {
        await saveSchedule(view.page, "every 6h");
        assert.equal(await sessionProperty("Schedule"), 's "every 6h"');
        // Edit: the form holds the schedule in force.
        assert.equal(await view.page.inputValue("[data-test=schedule-input]"), "every 6h");
        await saveSchedule(view.page, "daily");
        assert.equal(await sessionProperty("Schedule"), 's "daily"');
        await view.page.click("button[data-action=remove-schedule]");
        await until(view.page, () => /No schedule/.test(document.querySelector("[data-test=schedule]")?.textContent), null, 60000);
        assert.equal(await sessionProperty("Schedule"), 's ""');
        await view.page.click("button[data-action=run-window]");
        await view.page.waitForSelector("body[data-view=jobs] [data-job][data-state]", { timeout: 60000 });
        await until(view.page, () => document.querySelector("[data-job][data-state]")?.dataset.state !== "running", null, 300000);
        assert.equal(await jobState(view.page), "completed");
        assert.deepEqual(await marks(view.page), ["start-session:done", "set-checkpoint:done", "touch-root:done",
            "wait-checkpoint:done", "restore-session:done"]);
        // The run is recorded, and its row leads to the job.
        await view.page.goBack();
        await view.page.waitForSelector("[data-test=runs] tr[data-result=succeeded] a");
    } finally {
        await view.close();
    }
});

test("failback from the session: the dialog needs the confirmation, the job waits for I/O to stop, abort ends it", async () => {
    const view = await sessionView();
    try {
        await view.page.click("button[data-action=failback]");
        const dialog = "[role=dialog]";
        await view.page.waitForSelector(`${dialog} [data-test=job-steps] [data-step=confirm-io-stopped]`);
        assert.equal(await view.page.isDisabled(`${dialog} [data-test=confirm]`), true);
        await view.page.fill(`${dialog} [data-test=failback-host]`, HOST);
        await view.page.check(`${dialog} [data-test=failback-confirm]`);
        await view.page.click(`${dialog} [data-test=confirm]`);
        await view.page.waitForSelector("body[data-view=jobs] [data-job][data-state]", { timeout: 60000 });
        const job = `/org/gluster/GeoReplication1/jobs/${await view.page.getAttribute("[data-job][data-state]", "data-job")}`;
        // The job's page starts at its top, though the session's view was
        // scrolled down to the card.
        assert.equal(await view.page.$eval(".pf-c-page__main", main => main.scrollTop), 0);
        await until(view.page, () => document.querySelector("[data-job][data-state]")?.dataset.state === "waiting", null, 240000);
        assert.ok((await marks(view.page)).includes("confirm-io-stopped:waiting"));
        assert.match(await view.page.textContent("[data-test=job-message]"), /Stop all I\/O/);
        assert.equal(await jobProperty(job, "State"), 's "waiting"');
        await view.screenshot("dr-failback-waiting");
        // The confirmation asks for the tick before it continues.
        await view.page.click("button[data-action=resume-job]");
        assert.equal(await view.page.isDisabled(`${dialog} [data-test=confirm]`), true);
        await view.page.keyboard.press("Escape");
        await view.page.waitForSelector(dialog, { state: "detached" });
        await view.page.click("button[data-action=abort-job]");
        await view.page.click(`${dialog} [data-test=confirm]`);
        await until(view.page, () => document.querySelector("[data-job][data-state]")?.dataset.state === "aborted", null, 60000);
        assert.equal(await jobProperty(job, "State"), 's "aborted"');
    } finally {
        await view.close();
    }
});
