// The overview lists exactly the sessions gluster lists, and a session
// created with the gluster CLI appears without reloading the page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { openPage, volumeCreate, volumeDestroy, sessionCreate, sessionDestroy, glusterSessions, overviewRows, until, HOST } from "./lib.mjs";

const PRIMARY = "grsb_bo_p";
const SECONDARY = "grsb_bo_s";

before(async () => {
    await sessionDestroy(PRIMARY, SECONDARY);
    await volumeCreate(PRIMARY);
    await volumeCreate(SECONDARY);
});

after(async () => {
    await sessionDestroy(PRIMARY, SECONDARY);
    await volumeDestroy(PRIMARY);
    await volumeDestroy(SECONDARY);
});

test("a session created with the gluster CLI appears without reloading", async () => {
    const view = await openPage("/");
    try {
        const row = `${PRIMARY} ${HOST}::${SECONDARY}`;
        assert.ok(!(await overviewRows(view.page)).includes(row));
        await sessionCreate(PRIMARY, SECONDARY);
        // georepd's poll or its watch of gluster's files brings it.
        await until(view.page, r => !!document.querySelector(`tr[data-session="${r}"]`), row, 90000);
        await view.screenshot("overview");
    } finally {
        await view.close();
    }
});

test("the overview lists exactly what gluster lists", async () => {
    const view = await openPage("/");
    try {
        const listed = await glusterSessions();
        assert.ok(listed.includes(`${PRIMARY} ${HOST}::${SECONDARY}`));
        assert.deepEqual(await overviewRows(view.page), listed);
        const badge = await view.page.getAttribute(`tr[data-session="${PRIMARY} ${HOST}::${SECONDARY}"] [data-status]`, "data-status");
        assert.equal(badge, "created");
    } finally {
        await view.close();
    }
});

test("the overview filters by primary volume", async () => {
    const view = await openPage("/");
    try {
        await view.page.selectOption("#gr-filter", PRIMARY);
        assert.deepEqual(await overviewRows(view.page), [`${PRIMARY} ${HOST}::${SECONDARY}`]);
        // The secondary volume has no session of its own.
        await view.page.selectOption("#gr-filter", SECONDARY);
        assert.deepEqual(await overviewRows(view.page), []);
        await view.page.selectOption("#gr-filter", "");
    } finally {
        await view.close();
    }
});
