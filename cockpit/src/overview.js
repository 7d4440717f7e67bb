// Overview: every session of the cluster, filterable by primary volume,
// updated live.
import { h, rerender, select, emptyState, formatTime, table, field } from "./dom.js";
import { header } from "./nav.js";
import { statusBadge } from "./status.js";
import { sessionList, sessionHref, secondaryUrl } from "./sessions.js";
import { actionButton, run } from "./actions.js";
import { call, options, ROOT, MANAGER } from "./dbus.js";

const ALL = "";
const COLUMNS = [
    ["primary", "Primary volume"], ["secondary", "Secondary"], ["status", "Status"],
    ["synced", "Last synced"], ["checkpoint", "Checkpoint"],
];
let filter = ALL; // kept across visits of the overview

export function checkpointText(s) {
    if (!s.CheckpointTime)
        return "None";
    if (s.CheckpointCompleted)
        return `${formatTime(s.CheckpointTime)}, completed ${formatTime(s.CheckpointCompletionTime)}`;
    return `${formatTime(s.CheckpointTime)}, pending`;
}

function row(s) {
    return {
        session: `${s.PrimaryVolume} ${secondaryUrl(s)}`,
        primary: h("a", { href: sessionHref(s), "data-key": s.path }, s.PrimaryVolume),
        secondary: secondaryUrl(s),
        status: statusBadge(s.Status),
        synced: formatTime(s.LastSynced),
        checkpoint: checkpointText(s),
    };
}

class OverviewView {
    constructor(app, root) {
        this.app = app;
        this.head = header(app, "overview");
        this.filterBox = h("div", { class: "pf-c-toolbar__item" });
        this.count = h("div", { class: "pf-c-toolbar__item gr-count", "data-test": "session-count" });
        this.refresh = h("div", { class: "pf-c-toolbar__item" });
        this.result = h("div", { class: "gr-result" });
        this.list = h("div", { class: "gr-session-list" });
        this.volumes = null;
        root.append(this.head.el,
                    h("div", { class: "pf-c-toolbar" }, h("div", { class: "pf-c-toolbar__content" },
                      h("div", { class: "pf-c-toolbar__content-section" }, this.filterBox, this.count, this.refresh))),
                    this.result, this.list);
    }

    // The choices follow the volumes; rebuilt only when they change.
    updateFilter(sessions) {
        const names = [...new Set([...(this.app.manager.Volumes || []), ...sessions.map(s => s.PrimaryVolume)])].sort();
        if (this.volumes && this.volumes.join() === names.join())
            return;
        this.volumes = names;
        const control = select("gr-filter", [[ALL, "All volumes"], ...names.map(n => [n, n])], filter);
        control.addEventListener("change", () => { filter = control.value; this.update() });
        rerender(this.filterBox, field("Primary volume", control));
    }

    // Reads are live already; this asks georepd to re-read gluster now.
    refreshNow() {
        return run("refresh", "Refreshing…", this.result, () => call(ROOT, MANAGER, "Refresh", [options({})]));
    }

    update() {
        this.head.update();
        rerender(this.refresh, actionButton("Refresh", "refresh", "secondary", false, () => this.refreshNow()));
        this.refresh.firstChild.dataset.key = "refresh";
        const all = sessionList(this.app);
        this.updateFilter(all);
        const shown = all.filter(s => filter === ALL || s.PrimaryVolume === filter);
        this.count.textContent = `${shown.length} of ${all.length} sessions`;
        if (all.length === 0)
            rerender(this.list, emptyState("No geo-replication sessions", h("a", { href: "#/create" }, "Create a session")));
        else
            rerender(this.list, table("Geo-replication sessions", COLUMNS, shown.map(row), r => ({ "data-session": r.session })));
    }
}

export function overviewView(app, root) {
    return new OverviewView(app, root);
}
