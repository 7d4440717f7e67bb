// The page header: title, the tabs between the lists, the state of
// georepd and glusterd.
import { h, rerender } from "./dom.js";
import { alert } from "./actions.js";

const TABS = [["overview", "Sessions", "#/"], ["destinations", "Destinations", "#/destinations"], ["create", "Create session", "#/create"]];

// Returns { el, update }: only the service state changes with updates.
export function header(app, current) {
    const state = h("div", { class: "gr-service-state" });
    const el = h("div", { class: "gr-header" },
             h("h1", { class: "pf-c-title pf-m-2xl" }, "Geo-replication"),
             h("nav", { class: "pf-c-tabs", "aria-label": "Geo-replication views" },
               h("ul", { class: "pf-c-tabs__list" },
                 TABS.map(([key, text, href]) =>
                     h("li", { class: `pf-c-tabs__item${key === current ? " pf-m-current" : ""}` },
                       h("a", { class: "pf-c-tabs__link", href, "aria-current": key === current ? "page" : null, "data-tab": key },
                         h("span", { class: "pf-c-tabs__item-text" }, text)))))),
             state);
    return { el, update: () => rerender(state, serviceState(app.manager)) };
}

function serviceState(manager) {
    if (!manager.valid)
        return alert("danger", "georepd is not available",
                     "The geo-replication service (org.gluster.GeoReplication1) does not answer on the system bus.", "no-service");
    if (!manager.GlusterdRunning)
        return alert("warning", "glusterd is not running",
                     "The lists show what georepd knew last; actions fail until glusterd is back.", "no-glusterd");
    return null;
}
