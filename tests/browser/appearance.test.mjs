// The page as Cockpit shows it: in Cockpit's shell, its menu entry and
// its words in the browser's language (German), and its colours
// following the style chosen in the shell's menu (dark).
import { test } from "node:test";
import assert from "node:assert/strict";
import { openShell, until } from "./lib.mjs";

// The relative luminance of a CSS colour "rgb(r, g, b)".
function luminance(color) {
    const [r, g, b] = color.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number)
            .map(c => c / 255).map(c => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

test("in German, the menu entry and the page's buttons are translated", async () => {
    const shell = await openShell({ locale: "de-DE" });
    try {
        const entry = shell.page.locator("a[href='/gluster-georeplication']");
        assert.equal((await entry.textContent()).trim(), "Georeplikation");
        assert.equal((await shell.frame.textContent("button[data-action=refresh]")).trim(), "Aktualisieren");
        assert.equal((await shell.frame.textContent("[data-tab=create]")).trim(), "Sitzung erstellen");
        await shell.screenshot("page-german");
    } finally {
        await shell.close();
    }
});

const background = frame => frame.evaluate(() => getComputedStyle(document.querySelector(".pf-c-page__main-section")).backgroundColor);

test("the style chosen in Cockpit's menu switches the page to the dark theme and back", async () => {
    const shell = await openShell();
    const { page, frame } = shell;
    try {
        const isDark = () => frame.evaluate(() => document.documentElement.classList.contains("pf-theme-dark"));
        assert.equal(await isDark(), false);
        assert.ok(luminance(await background(frame)) > 0.5, "the light theme is not light");
        await page.click("#toggle-menu");
        await page.click("#dark");
        await until(frame, () => document.documentElement.classList.contains("pf-theme-dark"), null, 10000);
        // No light background is left anywhere on the page's root.
        assert.ok(luminance(await background(frame)) < 0.1, "the page's background is not dark");
        const body = await frame.evaluate(() => getComputedStyle(document.body).backgroundColor);
        assert.ok(body === "rgba(0, 0, 0, 0)" || luminance(body) < 0.1, `a light body background: ${body}`);
        await shell.screenshot("page-dark");
        await page.click("#toggle-menu");
        await page.click("#light");
        await until(frame, () => !document.documentElement.classList.contains("pf-theme-dark"), null, 10000);
    } finally {
        await shell.close();
    }
});
