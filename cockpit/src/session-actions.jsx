// The lifecycle of a session: start, stop, pause, resume (with force),
// delete after a confirmation.
/* global cockpit */
import React, { useState } from "react";
import { Checkbox } from "@patternfly/react-core";
import { _, format } from "./gettext.js";
import { call, options, SESSION } from "./dbus.js";
import { secondaryUrl } from "./sessions.js";
import { ActionButton, Outcome, useRunner } from "./runner.jsx";
import { ConfirmModal } from "./confirm-modal.jsx";

const RUNNING = ["active", "passive", "faulty", "partial-faulty", "partial", "initializing"];
const INACTIVE = ["created", "stopped", "unknown"];

// Which actions make sense in a state; georepd still decides.
const ACTIONS = [
    ["Start", "primary", s => INACTIVE.includes(s)],
    ["Stop", "secondary", s => RUNNING.includes(s) || s === "paused" || s === "unknown"],
    ["Pause", "secondary", s => RUNNING.includes(s)],
    ["Resume", "secondary", s => s === "paused"],
];
const WORDS = { Start: () => _("Start"), Stop: () => _("Stop"), Pause: () => _("Pause"), Resume: () => _("Resume") };

function DeleteModal({ s, onDelete, onClose }) {
    const [reset, setReset] = useState(false);
    return (
        <ConfirmModal title={format(_("Delete the session $0 → $1?"), s.PrimaryVolume, secondaryUrl(s))}
                      confirm={_("Delete")} variant="danger" onClose={onClose}
                      onConfirm={() => { onClose(); onDelete(reset) }}>
            <p>{_("Gluster forgets the session; the data on both volumes stays.")}</p>
            <Checkbox id="gr-reset-sync-time" isChecked={reset} onChange={setReset}
                      label={_("Reset the sync time (the next session syncs everything again)")} />
        </ConfirmModal>
    );
}

export function SessionActions({ s, name }) {
    const [force, setForce] = useState(false);
    const [deleting, setDeleting] = useState(false);
    const [outcome, , run] = useRunner();
    const key = action => `${name}:${action}`;
    const lifecycle = method => run(key(method.toLowerCase()), `${WORDS[method]()}…`,
                                    () => call(s.path, SESSION, method, [options(force ? { force: true } : {})]));
    const remove = async reset => {
        const done = await run(key("delete"), _("Deleting…"),
                               () => call(s.path, SESSION, "Delete", [options({ "reset-sync-time": reset })]));
        if (done)
            cockpit.location.go([]);
    };
    return (
        <>
            <div className="gr-action-bar">
                {ACTIONS.map(([method, variant, allowed]) =>
                    <ActionButton key={method} busyKey={key(method.toLowerCase())} action={method.toLowerCase()}
                                  data-key={method.toLowerCase()} variant={variant} isDisabled={!allowed(s.Status)}
                                  onClick={() => lifecycle(method)}>{WORDS[method]()}</ActionButton>)}
                <ActionButton busyKey={key("delete")} action="delete" data-key="delete" variant="danger"
                              isDisabled={!INACTIVE.includes(s.Status)} onClick={() => setDeleting(true)}>
                    {_("Delete")}
                </ActionButton>
                <Checkbox id="gr-force" label={_("Force")} isChecked={force} onChange={setForce} />
            </div>
            <Outcome value={outcome} test="action-result" />
            {deleting && <DeleteModal s={s} onDelete={remove} onClose={() => setDeleting(false)} />}
        </>
    );
}
