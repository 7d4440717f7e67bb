// The configuration of a session: every effective option
// (GetEffectiveConfig), the ones set for this session (the Config
// property) marked; set any option by name, edit and reset. The option
// classes come from georepd (Manager.ConfigKeys).
import React, { useEffect, useState } from "react";
import { Alert, Button, Card, CardBody, CardTitle, Checkbox, Form, FormGroup, TextInput, Title } from "@patternfly/react-core";
import { _, format } from "./gettext.js";
import { call, options, SESSION } from "./dbus.js";
import { Outcome, errorOutcome, useRunner } from "./runner.jsx";
import { ConfigTable } from "./config-table.jsx";

// Reloads every effective option whenever the options set change.
function useEffective(s) {
    const [state, setState] = useState({ effective: null, error: null });
    const setKeys = JSON.stringify(s.Config || {});
    useEffect(() => {
        let live = true;
        call(s.path, SESSION, "GetEffectiveConfig", [{}])
                .then(([effective]) => live && setState({ effective, error: null }))
                .catch(error => live && setState({ effective: null, error }));
        return () => { live = false };
    }, [s.path, setKeys]);
    return state;
}

// Setting any option by name, also one not listed.
function OptionForm({ keys, onSet }) {
    const [key, setKey] = useState("");
    const [value, setValue] = useState("");
    const settable = Object.keys(keys).filter(k => keys[k] !== "read-only").sort();
    const submit = e => { e?.preventDefault(); onSet(key.trim(), value) };
    return (
        <Form isHorizontal className="gr-option-form" onSubmit={submit}>
            <datalist id="gr-option-names">{settable.map(k => <option key={k} value={k} />)}</datalist>
            <FormGroup label={_("Option")} fieldId="gr-option-key">
                <TextInput id="gr-option-key" list="gr-option-names" autoComplete="off" data-test="option-key"
                           value={key} onChange={setKey} />
            </FormGroup>
            <FormGroup label={_("Value")} fieldId="gr-option-value">
                <TextInput id="gr-option-value" autoComplete="off" data-test="option-value" value={value} onChange={setValue} />
            </FormGroup>
            <div className="gr-actions">
                <Button variant="secondary" type="submit" data-action="set-option">{_("Set option")}</Button>
            </div>
        </Form>
    );
}

export function ConfigCard({ s, name, keys }) {
    const { effective, error } = useEffective(s);
    const [onlySet, setOnlySet] = useState(false);
    const [outcome, , run] = useRunner();
    const busyKey = key => `${name}:config:${key}`;
    const save = (key, value) => run(busyKey(key), format(_("Setting $0…"), key),
                                     () => call(s.path, SESSION, "SetConfig", [key, value, options({})]));
    const reset = key => run(busyKey(key), format(_("Resetting $0…"), key),
                             () => call(s.path, SESSION, "ResetConfig", [key, options({})]));
    return (
        <Card className="gr-card" aria-label={_("Configuration")}>
            <CardTitle><Title headingLevel="h2" size="lg">{_("Configuration")}</Title></CardTitle>
            <CardBody>
                <p className="gr-hint">
                    {_("Options marked “set” differ from gluster's defaults for this session. " +
                       "Options marked “command” run programs as root: changing them needs the stronger " +
                       "org.gluster.georeplication1.configure-commands authorization.")}
                </p>
                <Checkbox id="gr-only-set" label={_("Only the options set for this session")} isChecked={onlySet} onChange={setOnlySet} />
                <OptionForm keys={keys} onSet={save} />
                <Outcome value={outcome} test="config-result" />
                {error && <Alert isInline variant="warning" title={_("Only the options set for this session are shown")} />}
                {error && <Outcome value={errorOutcome(error)} />}
                {!effective && !error && <p>{_("Loading the configuration…")}</p>}
                <ConfigTable set={s.Config || {}} effective={effective || {}} keys={keys} onlySet={onlySet}
                             busyKey={busyKey} onSave={save} onReset={reset} />
            </CardBody>
        </Card>
    );
}
