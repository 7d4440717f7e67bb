// Destinations: trust state and last test of each, test now, remove (with
// revoking the key), add one.
import { h, rerender, replace, table, emptyState, formatTime, checkbox, card, uniqueId, field, input } from "./dom.js";
import { header } from "./nav.js";
import { actionButton, run, alert } from "./actions.js";
import { confirmDialog } from "./modal.js";
import { call, options, label, DESTINATION } from "./dbus.js";
import { destinationForm } from "./destination-form.js";

const TRUST = { ok: ["green", "Key login works"], failed: ["red", "Key login fails"], unknown: ["grey", "Not tested"] };
const COLUMNS = [
    ["host", "Host"], ["user", "User"], ["key", "Host key"], ["trust", "Trust"],
    ["tested", "Last test"], ["volumes", "Remote volumes"], ["actions", "Actions"],
];

export function destinationList(app) {
    return Object.keys(app.destinations).map(p => app.destinations[p])
            .filter(d => d && d.valid)
            .sort((a, b) => `${a.Host}:${a.User}`.localeCompare(`${b.Host}:${b.User}`));
}

function trustLabel(d) {
    const [color, text] = TRUST[d.Passwordless] || TRUST.unknown;
    return h("span", { class: `pf-c-label pf-m-${color}`, "data-trust": d.Passwordless }, h("span", { class: "pf-c-label__content" }, text));
}

class DestinationsView {
    constructor(app, root) {
        this.app = app;
        this.head = header(app, "destinations");
        this.list = h("div");
        this.result = h("div", { class: "gr-result", "data-test": "destinations-result" });
        root.append(this.head.el, this.result, this.list, card("Add a destination", destinationForm(() => {}).el));
    }

    async test(d) {
        const answer = await run(`${label(d.path)}:test`, `Testing ${d.Host}…`, this.result,
                                 () => call(d.path, DESTINATION, "Test", [options({})]));
        if (answer) {
            const [ok, message] = answer;
            replace(this.result, alert(ok ? "success" : "danger", `${d.User}@${d.Host}: ${ok ? "key login works" : "the test failed"}`,
                                       message, ok ? "test-ok" : "test-failed"));
        }
    }

    async remove(d) {
        const revokeId = uniqueId("revoke");
        const forceId = uniqueId("force");
        const sessions = (d.Sessions || []).length;
        const revokeBox = checkbox(revokeId, "Also delete this node's key from the remote authorized_keys", true);
        const forceBox = sessions ? checkbox(forceId, `Remove although ${sessions} session(s) use it`, false) : null;
        const confirmed = await confirmDialog(`Remove the destination ${d.User}@${d.Host}?`, [
            h("p", {}, "georepd forgets the host and its key."), revokeBox, forceBox,
        ], "Remove", "danger");
        if (!confirmed)
            return;
        // The dialog has left the document: read its controls themselves.
        const revoke = revokeBox.querySelector("input").checked;
        const force = !!forceBox?.querySelector("input").checked;
        await run(`${label(d.path)}:remove`, `Removing ${d.Host}…`, this.result,
                  () => call(d.path, DESTINATION, "Remove", [options({ "revoke-key": revoke, force })]));
    }

    // For a non-root user: gluster's mountbroker setup on its host, which
    // georepd runs over the host's root destination; without one, the
    // error shown lists the commands for that host's admin.
    async mountbroker(d) {
        const volumeId = uniqueId("mb-volume");
        const groupId = uniqueId("mb-group");
        const volumeInput = input(volumeId, { required: true, "data-test": "mountbroker-volume" });
        const groupInput = input(groupId, { "data-test": "mountbroker-group" });
        const confirmed = await confirmDialog(`Set up the mountbroker for ${d.User}@${d.Host}`, [
            h("p", {}, `georepd logs in to ${d.Host} as root (its destination root@${d.Host}) and runs gluster-mountbroker setup and add, then restarts glusterd there.`),
            h("div", { class: "pf-c-form" },
              field("Secondary volume", volumeInput, `The volume ${d.User} will write to.`),
              field("Group", groupInput, `Leave empty for ${d.User}'s own group.`)),
        ], "Set up", "primary");
        if (!confirmed)
            return;
        const volume = volumeInput.value;
        const group = groupInput.value;
        const done = await run(`${label(d.path)}:mountbroker`, `Setting up the mountbroker on ${d.Host}…`, this.result,
                               () => call(d.path, DESTINATION, "SetupMountbroker", [volume, options(group ? { group } : {})]));
        if (done)
            replace(this.result, alert("success", `${d.User}@${d.Host} may now write to ${volume}`, null, "mountbroker-ok"));
    }

    row(d) {
        const name = label(d.path);
        return {
            id: name,
            host: `${d.Host}:${d.Port}`,
            user: d.User,
            key: h("span", {}, `${d.HostKeyType} `, h("code", {}, d.HostKeyFingerprint)),
            trust: trustLabel(d),
            tested: h("span", {}, formatTime(d.LastTestTime, true), d.LastTestMessage ? h("br") : null, d.LastTestMessage),
            volumes: (d.RemoteVolumes || []).join(", ") || "—",
            actions: h("div", { class: "gr-row-actions" },
                       actionButton("Test", `${name}:test`, "secondary", false, () => this.test(d)),
                       d.User !== "root"
                           ? actionButton("Mountbroker…", `${name}:mountbroker`, "secondary", false, () => this.mountbroker(d))
                           : null,
                       actionButton("Remove", `${name}:remove`, "danger", false, () => this.remove(d))),
        };
    }

    update() {
        this.head.update();
        const all = destinationList(this.app);
        if (all.length === 0) {
            rerender(this.list, emptyState("No destinations", "Add the SSH server of a secondary cluster below."));
            return;
        }
        rerender(this.list, table("Destinations", COLUMNS, all.map(d => this.row(d)), r => ({ "data-destination": r.id })));
        this.list.querySelectorAll("button").forEach(b => { b.dataset.key = `${b.closest("tr").dataset.destination}-${b.dataset.action}` });
    }
}

export function destinationsView(app, root) {
    return new DestinationsView(app, root);
}
