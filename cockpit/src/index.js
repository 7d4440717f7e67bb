// Entry point: connects to georepd, keeps the lists, routes between the
// views by the location (#/, #/session/LABEL, #/destinations, #/create)
// and re-renders the current view when something changed.
/* global cockpit */
import "./index.css";
import { connect } from "./dbus.js";
import { onBusyChanged } from "./actions.js";
import { overviewView } from "./overview.js";
import { sessionView } from "./session.js";
import { destinationsView } from "./destinations.js";
import { createView } from "./create.js";

// Marks for the page's figures (bench/page-bench.mjs) and profilers.
performance.mark("gr-start");
cockpit.transport.wait(() => performance.mark("gr-transport"));
const app = connect();
const root = document.getElementById("app");
let view = null;
let pending = false;

// Many signals arrive in one burst (a refresh batches them): one update.
function scheduleUpdate() {
    if (pending)
        return;
    pending = true;
    setTimeout(() => {
        pending = false;
        if (view)
            view.update();
    }, 0);
}

function route() {
    const path = cockpit.location.path;
    if (view && view.unmount)
        view.unmount();
    root.replaceChildren();
    if (path[0] === "session" && path[1])
        view = sessionView(app, root, path[1]);
    else if (path[0] === "destinations")
        view = destinationsView(app, root);
    else if (path[0] === "create")
        view = createView(app, root);
    else
        view = overviewView(app, root);
    view.update();
    document.body.dataset.view = path[0] || "overview";
}

for (const source of [app.manager, app.sessions, app.destinations]) {
    for (const event of ["added", "changed", "removed"])
        source.addEventListener(event, scheduleUpdate);
}
onBusyChanged(scheduleUpdate);
cockpit.addEventListener("locationchanged", route);

// A failed watch (georepd not running) still shows the page, and says so.
app.ready.then(() => {
            performance.mark("gr-data");
            document.body.dataset.loaded = "true";
            route();
            performance.mark("gr-rendered");
        });
