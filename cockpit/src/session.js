// Session detail: summary, actions, workers, checkpoint, configuration.
/* global cockpit */
import { h, rerender, checkbox, uniqueId } from "./dom.js";
import { header } from "./nav.js";
import { statusBadge } from "./status.js";
import { sessionByLabel, secondaryUrl } from "./sessions.js";
import { actionButton, run, alert } from "./actions.js";
import { confirmDialog } from "./modal.js";
import { call, options, SESSION } from "./dbus.js";
import { configCard } from "./config.js";
import { summaryCard, workersCard, checkpointCard } from "./session-cards.js";

const RUNNING = ["active", "passive", "faulty", "partial-faulty", "partial", "initializing"];
const INACTIVE = ["created", "stopped", "unknown"];

// Which lifecycle actions make sense in a state; georepd still decides.
const ACTIONS = [
    ["Start", "primary", s => INACTIVE.includes(s)],
    ["Stop", "secondary", s => RUNNING.includes(s) || s === "paused" || s === "unknown"],
    ["Pause", "secondary", s => RUNNING.includes(s)],
    ["Resume", "secondary", s => s === "paused"],
];

function breadcrumb(current) {
    return h("nav", { class: "pf-c-breadcrumb", "aria-label": "Breadcrumb" },
             h("ol", { class: "pf-c-breadcrumb__list" },
               h("li", { class: "pf-c-breadcrumb__item" },
                 h("a", { class: "pf-c-breadcrumb__link", href: "#/" }, "Sessions")),
               h("li", { class: "pf-c-breadcrumb__item" },
                 h("span", { class: "pf-c-breadcrumb__item-divider" }, "›"), current)));
}

class SessionView {
    constructor(app, root, name) {
        this.app = app;
        this.name = name;
        this.head = header(app, null);
        this.forceId = uniqueId("force");
        this.crumb = h("span", { class: "pf-c-breadcrumb__link pf-m-current", "aria-current": "page" }, "Session");
        this.parts = { title: h("div", { class: "gr-session-title" }), buttons: h("div", { class: "gr-actions" }), summary: h("div"), workers: h("div"), missing: h("div") };
        this.result = h("div", { class: "gr-result", "data-test": "action-result" });
        this.checkpoint = checkpointCard(name);
        this.config = configCard(name);
        const { title, buttons, summary, workers, missing } = this.parts;
        this.body = h("div", { class: "gr-session" }, title,
                      h("div", { class: "gr-action-bar" }, buttons, checkbox(this.forceId, "Force", false)),
                      this.result, summary, workers, this.checkpoint.el, this.config.el);
        root.append(this.head.el, breadcrumb(this.crumb), missing, this.body);
    }

    key(action) { return `${this.name}:${action}` }

    lifecycle(s, method) {
        const force = document.getElementById(this.forceId).checked;
        return run(this.key(method.toLowerCase()), `${method}…`, this.result,
                   () => call(s.path, SESSION, method, [options(force ? { force: true } : {})]));
    }

    async remove(s) {
        const resetBox = checkbox(uniqueId("reset"), "Reset the sync time (the next session syncs everything again)", false);
        const confirmed = await confirmDialog(`Delete the session ${s.PrimaryVolume} → ${secondaryUrl(s)}?`,
                                              [h("p", {}, "Gluster forgets the session; the data on both volumes stays."), resetBox],
                                              "Delete", "danger");
        if (!confirmed)
            return;
        // The dialog has left the document: read the box itself.
        const reset = resetBox.querySelector("input").checked;
        const done = await run(this.key("delete"), "Deleting…", this.result,
                               () => call(s.path, SESSION, "Delete", [options({ "reset-sync-time": reset })]));
        if (done)
            cockpit.location.go([]);
    }

    renderButtons(s) {
        const { buttons } = this.parts;
        rerender(buttons,
                 ACTIONS.map(([text, variant, allowed]) =>
                     actionButton(text, this.key(text.toLowerCase()), variant, !allowed(s.Status), () => this.lifecycle(s, text))),
                 actionButton("Delete", this.key("delete"), "danger", !INACTIVE.includes(s.Status), () => this.remove(s)));
        buttons.querySelectorAll("button").forEach(b => { b.dataset.key = b.dataset.action });
    }

    update() {
        this.head.update();
        const s = sessionByLabel(this.app, this.name);
        this.body.hidden = !s;
        rerender(this.parts.missing, s ? null : alert("info", "This session does not exist (any more).",
                                                      h("a", { href: "#/" }, "Back to the sessions"), "missing"));
        if (!s)
            return;
        this.crumb.textContent = `${s.PrimaryVolume} → ${secondaryUrl(s)}`;
        rerender(this.parts.title, h("h2", { class: "pf-c-title pf-m-xl" }, `${s.PrimaryVolume} → ${secondaryUrl(s)} `), statusBadge(s.Status));
        this.renderButtons(s);
        rerender(this.parts.summary, summaryCard(s));
        rerender(this.parts.workers, workersCard(s));
        this.checkpoint.update(s);
        this.config.update(s);
    }
}

export function sessionView(app, root, name) {
    return new SessionView(app, root, name);
}
