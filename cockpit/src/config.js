// The configuration of a session: every effective option
// (GetEffectiveConfig), the ones set for this session (the Config
// property) marked, edit, set and reset. Options that name a command need
// the stronger configure-commands authorization, and say so.
import { h, rerender, card, input, field, checkbox, uniqueId } from "./dom.js";
import { actionButton, run, alert, errorAlert } from "./actions.js";
import { call, options, SESSION } from "./dbus.js";
import { isCommandKey, isReadOnlyKey, settableKeys } from "./config-keys.js";

const HINT = "Options marked “set” differ from gluster's defaults for this session. " +
    "Options marked “command” run programs as root: changing them needs the stronger " +
    "org.gluster.georeplication1.configure-commands authorization.";

// Setting any option by name, also one not listed (yet).
function optionForm(onset) {
    const listId = uniqueId("option-names");
    const key = input(uniqueId("option-key"), { list: listId, autocomplete: "off", "data-test": "option-key" });
    const value = input(uniqueId("option-value"), { autocomplete: "off", "data-test": "option-value" });
    const submit = () => onset(key.value.trim(), value.value);
    value.addEventListener("keydown", e => { if (e.key === "Enter") submit() });
    return h("div", { class: "pf-c-form pf-m-horizontal gr-option-form" },
             h("datalist", { id: listId }, settableKeys().map(k => h("option", { value: k }))),
             field("Option", key),
             field("Value", value),
             h("div", { class: "gr-actions" },
               h("button", { type: "button", class: "pf-c-button pf-m-secondary", "data-action": "set-option", onclick: submit }, "Set option")));
}

function mark(text, color, extra) {
    return h("span", { class: `pf-c-label pf-m-compact${color ? ` pf-m-${color}` : ""}`, "data-mark": text, ...extra },
             h("span", { class: "pf-c-label__content" }, text));
}

function marks(key, set) {
    return [
        set ? mark("set", "blue") : null,
        isCommandKey(key) ? mark("command", "orange", { title: "Needs the configure-commands authorization" }) : null,
        isReadOnlyKey(key) ? mark("read-only") : null,
    ];
}

class ConfigCard {
    constructor(name) {
        this.name = name;
        this.onlySetId = uniqueId("only-set");
        this.result = h("div", { class: "gr-result", "data-test": "config-result" });
        this.list = h("div", { class: "gr-config-list" });
        this.el = card("Configuration", h("p", { class: "gr-hint" }, HINT),
                       checkbox(this.onlySetId, "Only the options set for this session", false),
                       optionForm((key, value) => this.save(key, value)), this.result, this.list);
        this.el.querySelector(`#${this.onlySetId}`).addEventListener("change", () => this.render());
        this.session = null;
        this.effective = null; // every option, once loaded
        this.loadedFor = null; // the Config it was loaded for, as JSON
        this.loadError = null;
        this.editing = null; // the key being edited
    }

    async load() {
        this.loadedFor = JSON.stringify(this.session.Config || {});
        try {
            [this.effective] = await call(this.session.path, SESSION, "GetEffectiveConfig", [{}]);
            this.loadError = null;
        } catch (error) {
            this.effective = null;
            this.loadError = error;
        }
        this.render();
    }

    busyKey(key) { return `${this.name}:config:${key}` }

    async save(key, value) {
        const done = await run(this.busyKey(key), `Setting ${key}…`, this.result,
                               () => call(this.session.path, SESSION, "SetConfig", [key, value, options({})]));
        if (done !== undefined) {
            this.editing = null;
            this.load();
        }
    }

    async reset(key) {
        const done = await run(this.busyKey(key), `Resetting ${key}…`, this.result,
                               () => call(this.session.path, SESSION, "ResetConfig", [key, options({})]));
        if (done !== undefined)
            this.load();
    }

    edit(key) {
        this.editing = key;
        this.render();
        this.list.querySelector(`[data-key="edit-${CSS.escape(key)}"]`)?.focus();
    }

    editor(key, value) {
        const field = input(uniqueId("config-value"), { value, "aria-label": `New value of ${key}`, "data-key": `edit-${key}` });
        field.addEventListener("keydown", e => { if (e.key === "Enter") this.save(key, field.value) });
        return [field, [actionButton("Save", this.busyKey(key), "primary", false, () => this.save(key, field.value)),
            actionButton("Cancel", `${this.busyKey(key)}:cancel`, "link", false, () => { this.editing = null; this.render() })]];
    }

    row(key, value, set) {
        let [cell, actions] = [h("code", { class: "gr-config-value" }, value), []];
        if (this.editing === key)
            [cell, actions] = this.editor(key, value);
        else if (!isReadOnlyKey(key))
            actions = [actionButton("Edit", `${this.busyKey(key)}:edit`, "secondary", false, () => this.edit(key)),
                set ? actionButton("Reset", this.busyKey(key), "secondary", false, () => this.reset(key)) : null];
        for (const b of actions.filter(Boolean)) {
            b.dataset.key = `${key}-${b.textContent}`;
            b.setAttribute("aria-label", `${b.textContent} ${key}`);
        }
        return h("tr", { role: "row", "data-option": key },
                 h("td", { role: "cell", "data-label": "Option" }, h("span", { class: "gr-option" }, key), " ", marks(key, set)),
                 h("td", { role: "cell", "data-label": "Value" }, cell),
                 h("td", { role: "cell", "data-label": "Actions" }, h("div", { class: "gr-row-actions" }, actions)));
    }

    render() {
        if (!this.session)
            return;
        const set = this.session.Config || {};
        const onlySet = this.el.querySelector(`#${this.onlySetId}`).checked;
        const all = { ...(this.effective || {}), ...set };
        const keys = Object.keys(all).filter(k => !onlySet || k in set).sort();
        rerender(this.list,
                 this.loadError ? [alert("warning", "Only the options set for this session are shown", null), errorAlert(this.loadError)] : null,
                 this.effective === null && !this.loadError ? h("p", {}, "Loading the configuration…") : null,
                 h("table", { class: "pf-c-table pf-m-compact pf-m-grid-md", role: "grid", "aria-label": "Configuration" },
                   h("thead", {}, h("tr", { role: "row" }, ["Option", "Value", "Actions"].map(t => h("th", { role: "columnheader", scope: "col" }, t)))),
                   h("tbody", { role: "rowgroup" }, keys.map(k => this.row(k, all[k], k in set)))));
    }

    update(s) {
        this.session = s;
        // A change of the options set changes the effective ones: reload.
        if (this.loadedFor !== JSON.stringify(s.Config || {}))
            this.load();
        else if (this.editing === null)
            this.render();
    }
}

// Returns { el, update(session) }.
export function configCard(name) {
    return new ConfigCard(name);
}
