// The confirmations of the destinations view: removing one (revoking
// its key, forcing when sessions use it) and gluster's mountbroker setup
// for a non-root user, which georepd runs over the host's root
// destination; without one, the error lists the commands for that
// host's admin.
import React, { useState } from "react";
import { Checkbox, Form, FormGroup, TextInput } from "@patternfly/react-core";
import { _, format } from "./gettext.js";
import { call, options, label, DESTINATION } from "./dbus.js";
import { ConfirmModal } from "./confirm-modal.jsx";

export function RemoveModal({ d, run, onClose }) {
    const [revoke, setRevoke] = useState(true);
    const [force, setForce] = useState(false);
    const sessions = (d.Sessions || []).length;
    const remove = () => {
        onClose();
        run(`${label(d.path)}:remove`, format(_("Removing $0…"), d.Host),
            () => call(d.path, DESTINATION, "Remove", [options({ "revoke-key": revoke, force })]));
    };
    return (
        <ConfirmModal title={format(_("Remove the destination $0@$1?"), d.User, d.Host)} confirm={_("Remove")}
                      variant="danger" onConfirm={remove} onClose={onClose}>
            <p>{_("georepd forgets the host and its key.")}</p>
            <Checkbox id="gr-revoke-key" isChecked={revoke} onChange={setRevoke}
                      label={_("Also delete this node's key from the remote authorized_keys")} />
            {sessions > 0 &&
                <Checkbox id="gr-remove-force" isChecked={force} onChange={setForce}
                          label={format(_("Remove although $0 session(s) use it"), sessions)} />}
        </ConfirmModal>
    );
}

export function MountbrokerModal({ d, run, setOutcome, onClose }) {
    const [volume, setVolume] = useState("");
    const [group, setGroup] = useState("");
    const setup = async () => {
        onClose();
        const done = await run(`${label(d.path)}:mountbroker`, format(_("Setting up the mountbroker on $0…"), d.Host),
                               () => call(d.path, DESTINATION, "SetupMountbroker", [volume, options(group ? { group } : {})]));
        if (done)
            setOutcome({ variant: "success", test: "mountbroker-ok", title: format(_("$0@$1 may now write to $2"), d.User, d.Host, volume) });
    };
    return (
        <ConfirmModal title={format(_("Set up the mountbroker for $0@$1"), d.User, d.Host)} confirm={_("Set up")}
                      onConfirm={setup} onClose={onClose} isDisabled={!volume}>
            <p>{format(_("georepd logs in to $0 as root (its destination root@$0) and runs gluster-mountbroker setup and add, then restarts glusterd there."), d.Host)}</p>
            <Form onSubmit={e => e.preventDefault()}>
                <FormGroup label={_("Secondary volume")} fieldId="gr-mb-volume" isRequired
                           helperText={format(_("The volume $0 will write to."), d.User)}>
                    <TextInput id="gr-mb-volume" data-test="mountbroker-volume" value={volume} onChange={setVolume} isRequired />
                </FormGroup>
                <FormGroup label={_("Group")} fieldId="gr-mb-group" helperText={format(_("Leave empty for $0's own group."), d.User)}>
                    <TextInput id="gr-mb-group" data-test="mountbroker-group" value={group} onChange={setGroup} />
                </FormGroup>
            </Form>
        </ConfirmModal>
    );
}
