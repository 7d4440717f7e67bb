// Adding a destination, step by step: host, port, user → ProbeHost → the
// admin confirms the host key → AddDestination → SetupPasswordless with
// a password (sent once, the field cleared at once, never kept) → Test.
import React, { useState } from "react";
import { Alert, Button, Form, FormGroup, TextInput } from "@patternfly/react-core";
import { _, format } from "./gettext.js";
import { call, options, MANAGER, DESTINATION, ROOT } from "./dbus.js";
import { ActionButton, Outcome, useRunner } from "./runner.jsx";

const KEY = "destination-form";

function Fingerprint({ values, probe, onAdd, onReset }) {
    return (
        <div className="gr-confirm">
            <p>{format(_("$0 presents this $1 host key:"), values.host, probe.type)}</p>
            <p><code data-test="fingerprint">{probe.fingerprint}</code></p>
            <p>{_("Compare it with the key on the host (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub) before you trust it.")}</p>
            <div className="gr-actions">
                <ActionButton busyKey={`${KEY}:add`} action="add" variant="primary" onClick={onAdd}>
                    {_("Trust this key and add the destination")}
                </ActionButton>
                <Button variant="link" data-action="reset" onClick={onReset}>{_("Start over")}</Button>
            </div>
        </div>
    );
}

function Password({ values, onSetup, onTest }) {
    const [password, setPassword] = useState("");
    // Sent once, never kept in the page.
    const setup = e => { e?.preventDefault(); const secret = password; setPassword(""); onSetup(secret) };
    return (
        <div>
            <Alert isInline variant="success" data-test="added" title={_("Destination added")}>
                {_("Now let root of this node log in by key.")}
            </Alert>
            <FormGroup label={format(_("Password of $0 on $1"), values.user, values.host)} fieldId="gr-dest-password"
                       helperText={_("Used once to install this node's key; not stored.")}>
                <TextInput id="gr-dest-password" type="password" autoComplete="new-password" autoFocus
                           data-test="dest-password" value={password} onChange={setPassword}
                           onKeyDown={e => { if (e.key === "Enter") setup(e) }} />
            </FormGroup>
            <div className="gr-actions">
                <ActionButton busyKey={`${KEY}:setup`} action="setup" variant="primary" onClick={setup}>{_("Set up key login")}</ActionButton>
                <ActionButton busyKey={`${KEY}:test`} action="test" variant="link" onClick={onTest}>
                    {_("Key login already works: test it")}
                </ActionButton>
            </div>
        </div>
    );
}

function Fields({ values, setValues, locked }) {
    const field = (name, label, helper, extra) =>
        <FormGroup label={label} fieldId={`gr-dest-${name}`} helperText={helper}>
            <TextInput id={`gr-dest-${name}`} data-test={`dest-${name}`} autoComplete="off" readOnly={locked}
                       value={values[name]} onChange={v => setValues({ ...values, [name]: v })} {...extra} />
        </FormGroup>;
    return (
        <>
            {field("host", _("Host"), _("DNS name or IP address of the secondary's SSH server"), { placeholder: "secondary.example.com" })}
            {field("port", _("SSH port"), null, { type: "number", min: "1", max: "65535" })}
            {field("user", _("User"), _("root, or the unprivileged user of a mountbroker setup"))}
        </>
    );
}

// ONDONE(path) runs once the destination exists and its test passed.
export function DestinationForm({ onDone }) {
    const [values, setValues] = useState({ host: "", port: "22", user: "root" });
    const [step, setStep] = useState({ name: "probe" });
    const [outcome, setOutcome, run] = useRunner();
    const v = { host: values.host.trim(), port: Number(values.port) || 22, user: values.user.trim() || "root" };
    const probe = async () => {
        const answer = await run(`${KEY}:probe`, _("Connecting…"), () => call(ROOT, MANAGER, "ProbeHost", [v.host, v.port, options({})]));
        if (answer)
            setStep({ name: "fingerprint", fingerprint: answer[0], type: answer[1] });
    };
    const add = async () => {
        const answer = await run(`${KEY}:add`, _("Adding the destination…"),
                                 () => call(ROOT, MANAGER, "AddDestination", [v.host, v.port, v.user, step.fingerprint, options({})]));
        if (answer)
            setStep({ name: "password", path: answer[0] });
    };
    const test = async () => {
        const answer = await run(`${KEY}:test`, _("Testing the key login…"), () => call(step.path, DESTINATION, "Test", [options({})]));
        if (!answer)
            return;
        const [ok, message] = answer;
        setOutcome({ variant: ok ? "success" : "danger", title: ok ? _("Key login works") : _("The test failed"), text: message, test: ok ? "test-ok" : "test-failed" });
        if (ok)
            onDone(step.path);
    };
    const setup = async secret => {
        if (await run(`${KEY}:setup`, _("Installing the key…"), () => call(step.path, DESTINATION, "SetupPasswordless", [secret, options({})])))
            test();
    };
    return (
        <Form className="gr-destination-form" onSubmit={e => { e.preventDefault(); if (step.name === "probe") probe() }}>
            <Fields values={values} setValues={setValues} locked={step.name !== "probe"} />
            {step.name === "probe" &&
                <div className="gr-actions">
                    <ActionButton busyKey={`${KEY}:probe`} action="probe" variant="primary" type="submit">{_("Check the host key")}</ActionButton>
                </div>}
            {step.name === "fingerprint" &&
                <Fingerprint values={v} probe={step} onAdd={add} onReset={() => { setOutcome(null); setStep({ name: "probe" }) }} />}
            {step.name === "password" && <Password values={v} onSetup={setup} onTest={test} />}
            <Outcome value={outcome} test="dest-result" />
        </Form>
    );
}
