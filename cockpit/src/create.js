// Creating a session: the primary volume, a destination (picked or added
// on the spot), the secondary volume from the destination's last test,
// the options; then create, and optionally start.
/* global cockpit */
import { h, rerender, replace, select, field, input, checkbox, card, uniqueId } from "./dom.js";
import { header } from "./nav.js";
import { actionButton, run, alert } from "./actions.js";
import { call, options, uint16, label, MANAGER, SESSION, DESTINATION, ROOT } from "./dbus.js";
import { destinationForm } from "./destination-form.js";
import { destinationList } from "./destinations.js";

const NEW = "new";
const FLAGS = [
    ["pushPem", "Distribute the session keys to the secondary (push-pem)", true],
    ["noVerify", "Do not verify the secondary (no-verify)", false],
    ["force", "Force", false],
    ["start", "Start the session after creating it", true],
];

class CreateView {
    constructor(app, root) {
        this.app = app;
        this.head = header(app, "create");
        this.ids = Object.fromEntries(["primary", "destination", "secondary", "ssh-port", ...FLAGS.map(f => f[0])]
                .map(name => [name, uniqueId(name)]));
        this.boxes = { primary: h("div"), destination: h("div"), newDestination: h("div"), secondary: h("div"), create: h("div", { class: "gr-actions" }) };
        this.result = h("div", { class: "gr-result", "data-test": "create-result" });
        this.port = input(this.ids["ssh-port"], { type: "number", min: "1", max: "65535", "data-test": "ssh-port" });
        this.chosen = null; // destination path
        this.shown = ""; // what the lists were built from
        root.append(this.head.el, ...this.cards());
    }

    cards() {
        const { primary, destination, newDestination, secondary, create } = this.boxes;
        return [
            card("1. Primary volume", h("div", { class: "pf-c-form" }, primary)),
            card("2. Destination", h("div", { class: "pf-c-form" }, destination), newDestination),
            card("3. Secondary volume", h("div", { class: "pf-c-form" }, secondary)),
            card("4. Options", h("div", { class: "pf-c-form" },
                                 field("SSH port", this.port, "The destination's port unless changed"),
                                 FLAGS.map(([name, text, on]) => checkbox(this.ids[name], text, on))),
                 create, this.result),
        ];
    }

    value(name) { return document.getElementById(this.ids[name])?.value }
    checked(name) { return document.getElementById(this.ids[name]).checked }
    destination() { return this.chosen ? this.app.destinations[this.chosen] : null }

    pick(path) {
        this.chosen = path;
        const d = this.destination();
        if (d)
            this.port.value = String(d.Port || 22);
        this.renderLists(true);
    }

    // The lists change with the destinations and volumes; rebuilt only
    // then, so that a choice in progress stays.
    renderLists(force) {
        const dests = destinationList(this.app);
        const volumes = this.app.manager.Volumes || [];
        const key = JSON.stringify([dests.map(d => [d.path, d.Passwordless, d.RemoteVolumes]), this.chosen, volumes]);
        if (key === this.shown && !force)
            return;
        this.shown = key;
        rerender(this.boxes.primary, volumes.length
            ? field("Primary volume", select(this.ids.primary, volumes.map(v => [v, v]), this.value("primary")))
            : alert("warning", "This cluster has no volumes", null));
        this.renderDestinations(dests);
        this.renderSecondary();
    }

    renderDestinations(dests) {
        const choices = [["", "Choose…"], ...dests.map(d => [d.path, `${d.User}@${d.Host}:${d.Port}`]), [NEW, "Add a new destination…"]];
        const adding = this.boxes.newDestination.childElementCount > 0;
        const choice = select(this.ids.destination, choices, adding ? NEW : this.chosen || "");
        choice.addEventListener("change", () => this.onDestinationChoice(choice.value));
        rerender(this.boxes.destination, field("Destination", choice));
    }

    onDestinationChoice(value) {
        if (value !== NEW) {
            replace(this.boxes.newDestination);
            this.pick(value || null);
            return;
        }
        const form = destinationForm(path => { replace(this.boxes.newDestination); this.pick(path) });
        replace(this.boxes.newDestination, form.el);
        this.chosen = null;
        this.renderLists(true);
    }

    renderSecondary() {
        const d = this.destination();
        if (!d) {
            rerender(this.boxes.secondary, h("p", {}, "Choose a destination first."));
            return;
        }
        const key = `${label(d.path)}:test`;
        const again = actionButton("Test the destination again", key, "link", false,
                                   () => run(key, "Testing…", this.result, () => call(d.path, DESTINATION, "Test", [options({})])));
        const volumes = d.RemoteVolumes || [];
        if (d.Passwordless !== "ok" || volumes.length === 0) {
            rerender(this.boxes.secondary, alert("warning", "No remote volumes known",
                                                 "The destination's last test did not list volumes: set up its key login (Destinations), or test it again."), again);
            return;
        }
        rerender(this.boxes.secondary, field("Secondary volume", select(this.ids.secondary, volumes.map(v => [v, v]), this.value("secondary"))), again);
    }

    sessionOptions(d) {
        return options({
            "secondary-user": d.User,
            "ssh-port": uint16(this.port.value || d.Port || 22),
            "push-pem": this.checked("pushPem"),
            "no-verify": this.checked("noVerify"),
            force: this.checked("force"),
        });
    }

    async create() {
        const d = this.destination();
        const primary = this.value("primary");
        const secondary = this.value("secondary");
        if (!d || !primary || !secondary) {
            replace(this.result, alert("danger", "Choose a primary volume, a destination and a secondary volume first", null, "error"));
            return;
        }
        const opts = this.sessionOptions(d);
        const path = await run("create", "Creating the session…", this.result,
                               async () => (await call(ROOT, MANAGER, "CreateSession", [primary, d.Host, secondary, opts]))[0]);
        if (!path)
            return;
        // A failed start leaves its error shown; the session exists.
        if (this.checked("start") && !await run("create", "Starting the session…", this.result,
                                                () => call(path, SESSION, "Start", [options({})])))
            return;
        cockpit.location.go(["session", label(path)]);
    }

    update() {
        this.head.update();
        this.renderLists(false);
        rerender(this.boxes.create, actionButton("Create", "create", "primary", false, () => this.create()));
        this.boxes.create.firstChild.dataset.key = "create";
    }
}

export function createView(app, root) {
    return new CreateView(app, root);
}
