// With limited access (a bridge as the sandbox's plain user), actions are
// refused with the explanation, and nothing changes in gluster.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { openPage, openSession, volumeCreate, volumeDestroy, sessionCreate, sessionDestroy, glusterWorkerStates, glusterConfig, until, HOST } from "./lib.mjs";

const PRIMARY = "grsb_bp_p";
const SECONDARY = "grsb_bp_s";

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

test("the plain user sees the sessions but cannot start one", async () => {
    const view = await openPage("/", { plain: true });
    try {
        await until(view.page, r => !!document.querySelector(`tr[data-session="${r}"]`), `${PRIMARY} ${HOST}::${SECONDARY}`, 90000);
        await openSession(view.page, PRIMARY, SECONDARY);
        await view.page.click("button[data-action=start]");
        const alert = await view.page.waitForSelector("[data-test=action-result] [data-test=error]", { timeout: 60000 });
        const text = await alert.textContent();
        assert.match(text, /Not authorized/);
        assert.match(text, /administrative access/);
        assert.equal(await view.page.isDisabled("button[data-action=start]"), false);
        await view.screenshot("limited-access");
        assert.deepEqual(await glusterWorkerStates(PRIMARY, SECONDARY), ["Created"]);
    } finally {
        await view.close();
    }
});

test("the plain user cannot change the configuration", async () => {
    const view = await openPage("/", { plain: true });
    try {
        const before = await glusterConfig(PRIMARY, SECONDARY, "sync-jobs");
        await until(view.page, r => !!document.querySelector(`tr[data-session="${r}"]`), `${PRIMARY} ${HOST}::${SECONDARY}`, 90000);
        await openSession(view.page, PRIMARY, SECONDARY);
        await view.page.fill("[data-test=option-key]", "sync-jobs");
        await view.page.fill("[data-test=option-value]", before === "7" ? "8" : "7");
        await view.page.click("button[data-action=set-option]");
        const alert = await view.page.waitForSelector("[data-test=config-result] [data-test=error]", { timeout: 60000 });
        assert.match(await alert.textContent(), /Not authorized/);
        assert.equal(await glusterConfig(PRIMARY, SECONDARY, "sync-jobs"), before);
    } finally {
        await view.close();
    }
});
