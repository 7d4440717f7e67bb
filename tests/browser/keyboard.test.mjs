// Keyboard only: a session created through the create wizard with Tab,
// the arrow keys, Space and Enter, never a click; gluster then lists it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { openPage, volumeCreate, volumeDestroy, sessionDestroy, destinationAdd, destinationPath, destinationRemove,
    glusterSessions, refresh, HOST } from "./lib.mjs";

const PRIMARY = "grsb_bk_p";
const SECONDARY = "grsb_bk_s";

before(async () => {
    await sessionDestroy(PRIMARY, SECONDARY);
    await destinationRemove("root", HOST, false);
    await volumeCreate(PRIMARY);
    await volumeCreate(SECONDARY);
    await refresh();
    // root's key login works in the sandbox; the test lists SECONDARY.
    await destinationAdd("root", HOST);
});

after(async () => {
    await sessionDestroy(PRIMARY, SECONDARY);
    await destinationRemove("root", HOST, false);
    await volumeDestroy(PRIMARY);
    await volumeDestroy(SECONDARY);
});

// Presses Tab until the focus is on SELECTOR.
async function tabTo(page, selector) {
    for (let i = 0; i < 80; i++) {
        if (await page.evaluate(s => document.activeElement?.matches(s), selector))
            return;
        await page.keyboard.press("Tab");
    }
    assert.fail(`Tab never reached ${selector}`);
}

// In the focused select, presses ArrowDown until VALUE is chosen.
async function arrowTo(page, value) {
    for (let i = 0; i < 40; i++) {
        if (await page.evaluate(v => document.activeElement.value === v, value))
            return;
        await page.keyboard.press("ArrowDown");
    }
    assert.fail(`ArrowDown never chose ${value}`);
}

async function choose(page, select, value) {
    await page.waitForSelector(`${select} option[value="${value}"]`, { state: "attached", timeout: 60000 });
    await tabTo(page, select);
    await arrowTo(page, value);
}

const NEXT = ".pf-c-wizard__footer button[type=submit]:not([disabled])";

async function next(page) {
    await page.waitForSelector(NEXT);
    await tabTo(page, NEXT);
    await page.keyboard.press("Enter");
}

test("a session is created through the wizard with the keyboard alone", async () => {
    const view = await openPage("/create");
    const page = view.page;
    try {
        await choose(page, "#primary-volume", PRIMARY);
        await next(page);
        await choose(page, "#destination-choice", destinationPath("root", HOST));
        await next(page);
        await choose(page, "#secondary-volume", SECONDARY);
        await next(page);
        // Options: do not start it (the session's creation is the point).
        await tabTo(page, "#gr-flag-start");
        await page.keyboard.press("Space");
        assert.equal(await page.isChecked("#gr-flag-start"), false);
        await next(page);
        await page.waitForSelector("[data-test=check-ok], [data-finding]", { timeout: 120000 });
        // This machine's rsync leaves empty files: choose tarssh.
        if (await page.$("[data-finding=rsync-empty-files]")) {
            await tabTo(page, "#gr-use-tarssh");
            await page.keyboard.press("Space");
            await page.waitForSelector("[data-test=check-ok]", { timeout: 120000 });
        }
        await next(page);
        await page.waitForSelector("body[data-view=session]", { timeout: 300000 });
        assert.ok((await glusterSessions()).includes(`${PRIMARY} ${HOST}::${SECONDARY}`), "gluster does not list the session");
    } finally {
        await view.close();
    }
});
