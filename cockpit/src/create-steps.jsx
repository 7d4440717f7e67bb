// The steps of the create wizard, each a form over the wizard's state
// ({ primary, destination, adding, secondary, port, flags }).
import React from "react";
import { Alert, Checkbox, Form, FormGroup, FormSelect, FormSelectOption, TextInput } from "@patternfly/react-core";
import { _ } from "./gettext.js";
import { call, options, label, DESTINATION } from "./dbus.js";
import { ActionButton } from "./runner.jsx";
import { DestinationForm } from "./destination-form.jsx";
import { destinationList } from "./destinations.jsx";

export const NEW = "new";
const N_ = text => text;
export const FLAGS = [
    ["push-pem", N_("Distribute the session keys to the secondary (push-pem)"), true],
    ["no-verify", N_("Do not verify the secondary (no-verify)"), false],
    ["force", N_("Force"), false],
    ["start", N_("Start the session after creating it"), true],
];

function Select({ id, label, value, choices, onChange }) {
    return (
        <FormGroup label={label} fieldId={id}>
            <FormSelect id={id} value={value} onChange={onChange}>
                {choices.map(([v, text]) => <FormSelectOption key={v} value={v} label={text} />)}
            </FormSelect>
        </FormGroup>
    );
}

export function PrimaryStep({ app, state, set }) {
    const volumes = app.manager.Volumes || [];
    if (volumes.length === 0)
        return <Alert isInline variant="warning" title={_("This cluster has no volumes")} />;
    return (
        <Form onSubmit={e => e.preventDefault()}>
            <Select id="primary-volume" label={_("Primary volume")} value={state.primary || ""}
                    choices={[["", _("Choose…")], ...volumes.map(v => [v, v])]} onChange={primary => set({ primary })} />
        </Form>
    );
}

export function DestinationStep({ app, state, set, pick }) {
    const choices = [["", _("Choose…")], ...destinationList(app).map(d => [d.path, `${d.User}@${d.Host}:${d.Port}`]),
        [NEW, _("Add a new destination…")]];
    const choose = value => value === NEW ? set({ adding: true, destination: null }) : pick(value || null);
    return (
        <>
            <Form onSubmit={e => e.preventDefault()}>
                <Select id="destination-choice" label={_("Destination")} value={state.adding ? NEW : state.destination || ""}
                        choices={choices} onChange={choose} />
            </Form>
            {state.adding && <DestinationForm onDone={pick} />}
        </>
    );
}

export function SecondaryStep({ app, state, set, run }) {
    const d = state.destination ? app.destinations[state.destination] : null;
    if (!d)
        return <p>{_("Choose a destination first.")}</p>;
    const key = `${label(d.path)}:test`;
    const again = <ActionButton busyKey={key} action="test-again" variant="link"
                                onClick={() => run(key, _("Testing…"), () => call(d.path, DESTINATION, "Test", [options({})]))}>
        {_("Test the destination again")}</ActionButton>;
    const volumes = d.RemoteVolumes || [];
    if (d.Passwordless !== "ok" || volumes.length === 0)
        return (<><Alert isInline variant="warning" title={_("No remote volumes known")}>
            {_("The destination's last test did not list volumes: set up its key login (Destinations), or test it again.")}
        </Alert>{again}</>);
    return (<>
        <Form onSubmit={e => e.preventDefault()}>
            <Select id="secondary-volume" label={_("Secondary volume")} value={state.secondary || ""}
                    choices={[["", _("Choose…")], ...volumes.map(v => [v, v])]} onChange={secondary => set({ secondary })} />
        </Form>
        <div className="gr-actions">{again}</div>
    </>);
}

export function OptionsStep({ state, set }) {
    const flag = name => (name in state.flags ? state.flags[name] : FLAGS.find(f => f[0] === name)[2]);
    return (
        <Form onSubmit={e => e.preventDefault()}>
            <FormGroup label={_("SSH port")} fieldId="gr-ssh-port" helperText={_("The destination's port unless changed")}>
                <TextInput id="gr-ssh-port" type="number" min="1" max="65535" data-test="ssh-port"
                           value={state.port} onChange={port => set({ port })} />
            </FormGroup>
            {FLAGS.map(([name, text]) =>
                <Checkbox key={name} id={`gr-flag-${name}`} label={_(text)} isChecked={flag(name)}
                          onChange={on => set({ flags: { ...state.flags, [name]: on } })} />)}
        </Form>
    );
}

export function flagValue(state, name) {
    return name in state.flags ? state.flags[name] : FLAGS.find(f => f[0] === name)[2];
}
