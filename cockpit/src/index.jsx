// Entry point: the dark theme follows Cockpit, the connection to georepd
// is made once, and the page renders again (once per burst) whenever a
// proxy changed, the location changed or an action started or ended.
/* global cockpit */
import "./index.css";
import React from "react";
import { createRoot } from "react-dom/client";
import { connect } from "./dbus.js";
import { followCockpitStyle } from "./dark-theme.js";
import { App } from "./app.jsx";

// Marks for the page's figures (bench/page-bench.mjs) and profilers.
performance.mark("gr-start");
cockpit.transport.wait(() => performance.mark("gr-transport"));
followCockpitStyle();

const app = connect();
const root = createRoot(document.getElementById("app"));
let pending = false;

function render() {
    pending = false;
    const path = cockpit.location.path;
    document.body.dataset.view = path[0] || "overview";
    root.render(<App app={app} path={path} />);
}

// Many signals arrive in one burst (a refresh batches them): one render.
function scheduleRender() {
    if (pending)
        return;
    pending = true;
    setTimeout(render, 0);
}

// A failed watch (georepd not running) still shows the page, and says so.
app.ready.then(() => {
    performance.mark("gr-data");
    for (const source of [app.manager, app.sessions, app.destinations, app.jobs])
        for (const event of ["added", "changed", "removed"])
            source.addEventListener(event, scheduleRender);
    cockpit.addEventListener("locationchanged", scheduleRender);
    render();
    document.body.dataset.loaded = "true";
    performance.mark("gr-rendered");
});
