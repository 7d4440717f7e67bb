// Adding a destination, step by step: host, port, user → ProbeHost → the
// admin confirms the host key → AddDestination → SetupPasswordless with
// a password (sent once, the field cleared at once, never kept) → Test.
import { h, replace, rerender, input, field, uniqueId } from "./dom.js";
import { actionButton, run, alert } from "./actions.js";
import { call, options, MANAGER, DESTINATION, ROOT } from "./dbus.js";

const KEY = "destination-form";

class DestinationForm {
    // ONDONE(path) runs once the destination exists and its test passed.
    constructor(ondone) {
        this.ondone = ondone;
        this.host = input(uniqueId("dest-host"), { placeholder: "secondary.example.com", autocomplete: "off", "data-test": "dest-host" });
        this.port = input(uniqueId("dest-port"), { type: "number", min: "1", max: "65535", value: "22", "data-test": "dest-port" });
        this.user = input(uniqueId("dest-user"), { value: "root", autocomplete: "off", "data-test": "dest-user" });
        this.step = h("div", { class: "gr-step" });
        this.result = h("div", { class: "gr-result", "data-test": "dest-result" });
        this.el = h("div", { class: "pf-c-form gr-destination-form" },
                    field("Host", this.host, "DNS name or IP address of the secondary's SSH server"),
                    field("SSH port", this.port),
                    field("User", this.user, "root, or the unprivileged user of a mountbroker setup"),
                    this.step, this.result);
        this.showProbe();
    }

    values() {
        return { host: this.host.value.trim(), port: Number(this.port.value) || 22, user: this.user.value.trim() || "root" };
    }

    lock(locked) {
        for (const f of [this.host, this.port, this.user])
            f.readOnly = locked;
    }

    showProbe() {
        this.lock(false);
        rerender(this.step, h("div", { class: "gr-actions" },
                              actionButton("Check the host key", `${KEY}:probe`, "primary", false, () => this.probe())));
    }

    async probe() {
        const v = this.values();
        const answer = await run(`${KEY}:probe`, "Connecting…", this.result,
                                 () => call(ROOT, MANAGER, "ProbeHost", [v.host, v.port, options({})]));
        if (answer)
            this.showFingerprint(v, ...answer);
    }

    showFingerprint(v, fingerprint, type) {
        this.lock(true);
        replace(this.step, h("div", { class: "gr-confirm" },
                             h("p", {}, `${v.host} presents this ${type} host key:`),
                             h("p", {}, h("code", { "data-test": "fingerprint" }, fingerprint)),
                             h("p", {}, "Compare it with the key on the host (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub) before you trust it."),
                             h("div", { class: "gr-actions" },
                               actionButton("Trust this key and add the destination", `${KEY}:add`, "primary", false, () => this.add(v, fingerprint)),
                               actionButton("Start over", `${KEY}:reset`, "link", false, () => { replace(this.result); this.showProbe() }))));
    }

    async add(v, fingerprint) {
        const answer = await run(`${KEY}:add`, "Adding the destination…", this.result,
                                 () => call(ROOT, MANAGER, "AddDestination", [v.host, v.port, v.user, fingerprint, options({})]));
        if (answer)
            this.showPassword(answer[0]);
    }

    async setup(path, password) {
        const secret = password.value;
        password.value = ""; // sent once, never kept in the page
        const done = await run(`${KEY}:setup`, "Installing the key…", this.result,
                               () => call(path, DESTINATION, "SetupPasswordless", [secret, options({})]));
        if (done)
            this.test(path);
    }

    showPassword(path) {
        const { host, user } = this.values();
        const password = input(uniqueId("dest-password"), { type: "password", autocomplete: "new-password", "data-test": "dest-password" });
        password.addEventListener("keydown", e => { if (e.key === "Enter") this.setup(path, password) });
        replace(this.step, h("div", {},
                             alert("success", "Destination added", "Now let root of this node log in by key.", "added"),
                             field(`Password of ${user} on ${host}`, password, "Used once to install this node's key; not stored."),
                             h("div", { class: "gr-actions" },
                               actionButton("Set up key login", `${KEY}:setup`, "primary", false, () => this.setup(path, password)),
                               actionButton("Key login already works: test it", `${KEY}:test`, "link", false, () => this.test(path)))));
        password.focus();
    }

    async test(path) {
        const answer = await run(`${KEY}:test`, "Testing the key login…", this.result,
                                 () => call(path, DESTINATION, "Test", [options({})]));
        if (!answer)
            return;
        const [ok, message] = answer;
        replace(this.result, alert(ok ? "success" : "danger", ok ? "Key login works" : "The test failed", message, ok ? "test-ok" : "test-failed"));
        if (ok)
            this.ondone(path);
    }
}

// Returns { el }.
export function destinationForm(ondone) {
    return new DestinationForm(ondone);
}
