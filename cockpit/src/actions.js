// Running an action: the button shows progress and cannot be clicked
// again, errors appear in an alert next to it. Busy state is kept by key
// so that a view re-rendered meanwhile shows the same.
import { h, replace } from "./dom.js";
import { explain } from "./dbus.js";

const busy = new Map(); // key → progress text
const listeners = new Set();

export function isBusy(key) { return busy.has(key) }

export function onBusyChanged(f) { listeners.add(f) }

function setBusy(key, text) {
    if (text)
        busy.set(key, text);
    else
        busy.delete(key);
    for (const f of listeners)
        f();
}

export function alert(variant, title, text, testid) {
    return h("div", { class: `pf-c-alert pf-m-inline pf-m-${variant}`, role: variant === "danger" ? "alert" : "status", "data-test": testid },
             h("p", { class: "pf-c-alert__title" },
               h("span", { class: "pf-screen-reader" }, `${variant} alert:`), title),
             text ? h("div", { class: "pf-c-alert__description" }, text) : null);
}

export function errorAlert(error) {
    const { title, text } = explain(error);
    return alert("danger", title, text, "error");
}

export function spinner() {
    return h("span", { class: "pf-c-spinner pf-m-sm", role: "progressbar", "aria-valuetext": "Working" },
             h("span", { class: "pf-c-spinner__clipper" }),
             h("span", { class: "pf-c-spinner__lead-ball" }),
             h("span", { class: "pf-c-spinner__tail-ball" }));
}

// Runs FN (returning a promise) under KEY; RESULT is the element where
// the progress and the outcome appear. Resolves to FN's value, or
// undefined after an error (which is then shown).
export async function run(key, progress, result, fn) {
    if (busy.has(key))
        return undefined;
    setBusy(key, progress);
    if (result)
        replace(result, h("span", { class: "gr-progress" }, spinner(), " ", progress));
    try {
        const value = await fn();
        if (result)
            replace(result);
        return value;
    } catch (error) {
        console.warn(`${key}: ${error.name || ""} ${error.message || error}`);
        if (result)
            replace(result, errorAlert(error));
        return undefined;
    } finally {
        setBusy(key, null);
    }
}

// A button bound to run(): disabled while KEY is busy or DISABLED.
export function actionButton(label, key, variant, disabled, onclick) {
    const working = isBusy(key);
    return h("button", {
        type: "button",
        class: `pf-c-button pf-m-${variant || "secondary"}${working ? " pf-m-progress pf-m-in-progress" : ""}`,
        disabled: disabled || working,
        "aria-disabled": disabled || working ? "true" : "false",
        "data-action": key.split(":").pop(),
        onclick,
    }, working ? h("span", { class: "pf-c-button__progress" }, spinner()) : null, label);
}
