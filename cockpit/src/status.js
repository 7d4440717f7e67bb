// The health badge of a session or a worker, with the words georepd uses.
import { h } from "./dom.js";

const COLORS = {
    active: "green",
    passive: "blue",
    created: "cyan",
    initializing: "purple",
    paused: "gold",
    faulty: "red",
    "partial-faulty": "orange",
    partial: "orange",
    offline: "grey",
    stopped: "grey",
    unknown: "grey",
};

const WORDS = {
    "partial-faulty": "Partly faulty",
    partial: "Partly unknown",
};

export function statusText(status) {
    if (!status)
        return "Unknown";
    return WORDS[status] || status.charAt(0).toUpperCase() + status.slice(1);
}

// Worker states come as gluster spells them ("Initializing...").
export function workerStatusKey(status) {
    return (status || "unknown").toLowerCase().replace(/\.+$/, "").replace(/ /g, "-");
}

export function statusBadge(status) {
    const key = status || "unknown";
    const color = COLORS[key] || "grey";
    return h("span", { class: `pf-c-label pf-m-${color}`, "data-status": key },
             h("span", { class: "pf-c-label__content" }, statusText(key)));
}
