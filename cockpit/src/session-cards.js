// The read-mostly cards of the session detail: the summary, the workers
// table, the checkpoint.
import { h, rerender, replace, card, table, formatTime, input, field, uniqueId } from "./dom.js";
import { statusBadge, workerStatusKey } from "./status.js";
import { actionButton, run, alert } from "./actions.js";
import { call, options, uint64, SESSION } from "./dbus.js";
import { checkpointText } from "./overview.js";

export function summaryCard(s) {
    const destination = s.Destination && s.Destination !== "/"
        ? h("a", { href: "#/destinations" }, `${s.SecondaryUser || "root"}@${s.SecondaryHost}`)
        : "None";
    const items = [
        ["Primary volume", s.PrimaryVolume],
        ["Secondary host", s.SecondaryHost],
        ["Secondary volume", s.SecondaryVolume],
        ["Secondary user", s.SecondaryUser || "root"],
        ["Status", statusBadge(s.Status)],
        ["Last synced", formatTime(s.LastSynced)],
        ["Failures", String(s.Failures)],
        ["Destination", destination],
    ];
    return card("Session",
                h("dl", { class: "pf-c-description-list pf-m-horizontal pf-m-compact" },
                  items.map(([term, value]) =>
                      h("div", { class: "pf-c-description-list__group" },
                        h("dt", { class: "pf-c-description-list__term" }, h("span", { class: "pf-c-description-list__text" }, term)),
                        h("dd", { class: "pf-c-description-list__description" }, h("div", { class: "pf-c-description-list__text" }, value))))));
}

// Workers' a{sv} values come as variants ({ t, v }).
function v(worker, key) {
    const value = worker[key];
    return value && typeof value === "object" && "v" in value ? value.v : value;
}

// Why the worker failed last, as georepd read it from gsyncd's log: shown
// beside the worker until it runs again.
function reasonText(message, time) {
    if (!message)
        return "—";
    return h("span", { class: "gr-reason", "data-test": "worker-reason" },
             time ? `${formatTime(time)}: ${message}` : message);
}

function workerRow(w) {
    return {
        node: v(w, "primary-node"),
        brick: v(w, "primary-brick"),
        secondary: v(w, "secondary-node") || "—",
        status: statusBadge(workerStatusKey(v(w, "status"))),
        crawl: v(w, "crawl-status"),
        synced: formatTime(v(w, "last-synced")),
        pending: `${v(w, "entry")} / ${v(w, "data")} / ${v(w, "meta")}`,
        failures: String(v(w, "failures")),
        reason: reasonText(v(w, "last-error"), v(w, "last-error-time")),
        key: `${v(w, "primary-node")}:${v(w, "primary-brick")}`,
    };
}

export function workersCard(s) {
    const rows = (s.Workers || []).map(workerRow);
    return card("Workers", rows.length === 0
        ? h("p", {}, "No workers: the session has not run on any brick yet.")
        : table("Workers", [
            ["node", "Node"], ["brick", "Brick"], ["secondary", "Secondary node"], ["status", "Status"],
            ["crawl", "Crawl status"], ["synced", "Last synced"], ["pending", "Pending entry / data / meta"],
            ["failures", "Failures"], ["reason", "Last error"],
        ], rows, r => ({ "data-worker": r.key })));
}

// Returns { el, update(session) }: the checkpoint's state and setting one
// now or at a time.
export function checkpointCard(name) {
    const state = h("p", { "data-test": "checkpoint-state" });
    const time = input(uniqueId("checkpoint-time"), { type: "datetime-local", step: "1" });
    const result = h("div", { class: "gr-result" });
    const buttons = h("div", { class: "gr-actions" });
    const key = `${name}:checkpoint`;
    let session = null;
    const set = at => run(key, "Setting the checkpoint…", result,
                          () => call(session.path, SESSION, "SetCheckpoint", [options(at ? { time: uint64(at) } : {})]));
    const atTime = () => {
        const seconds = Math.floor(new Date(time.value).getTime() / 1000);
        if (!time.value || !Number.isFinite(seconds))
            return replace(result, alert("danger", "Pick a date and time first", null, "error"));
        return set(seconds);
    };
    const el = card("Checkpoint", state,
                    h("div", { class: "pf-c-form pf-m-horizontal" },
                      field("Checkpoint time", time, "Leave empty and use “Set now” for the current time.")),
                    buttons, result);
    const update = s => {
        session = s;
        state.textContent = checkpointText(s);
        rerender(buttons, actionButton("Set now", key, "secondary", false, () => set(null)),
                 actionButton("Set at this time", key, "secondary", false, atTime));
        buttons.querySelectorAll("button").forEach((b, i) => { b.dataset.key = `checkpoint-${i}` });
    };
    return { el, update };
}
