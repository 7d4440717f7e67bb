// Health and verification (georepd's Verify): the session's Health with
// why and the fix, the last verification, "Verify now" with the files
// that differ, and the interval of automatic verification. A georepd
// without these properties shows the health as unknown.
import React, { useState } from "react";
import { Card, CardBody, CardTitle, Form, FormGroup, TextInput, Title } from "@patternfly/react-core";
import { _, format } from "./gettext.js";
import { call, options, SESSION } from "./dbus.js";
import { HealthLabel } from "./status-label.jsx";
import { ActionButton, Outcome, useRunner } from "./runner.jsx";
import { LastVerification, Mismatches } from "./verify-result.jsx";
import { formatInterval } from "./time.js";

function IntervalForm({ s, name, run }) {
    const [minutes, setMinutes] = useState("");
    const key = `${name}:verify-interval`;
    const save = e => {
        e?.preventDefault();
        const seconds = Math.round(Number(minutes) * 60);
        return run(key, _("Saving the interval…"),
                   () => call(s.path, SESSION, "SetVerifyInterval", [seconds, options({})]));
    };
    return (
        <Form isHorizontal onSubmit={save}>
            <FormGroup label={_("Verify every")} fieldId="gr-verify-interval"
                       helperText={format(_("In minutes; 0 turns automatic verification off. Now: $0"),
                                          formatInterval(s.VerifyInterval))}>
                <TextInput id="gr-verify-interval" type="number" min="0" value={minutes}
                           data-test="verify-interval" onChange={setMinutes} />
            </FormGroup>
            <div className="gr-actions">
                <ActionButton busyKey={key} type="submit" action="set-verify-interval">{_("Set interval")}</ActionButton>
            </div>
        </Form>
    );
}

export function VerifyCard({ s, name }) {
    const [outcome, , run] = useRunner();
    const [found, setFound] = useState(null);
    const supported = s.VerifyInterval !== undefined;
    const key = `${name}:verify`;
    const verify = async () => {
        const answer = await run(key, _("Verifying…"), () => call(s.path, SESSION, "Verify", [options({})]));
        if (answer)
            setFound({ checked: answer[0], mismatches: answer[1] });
    };
    return (
        <Card className="gr-card" aria-label={_("Health")}>
            <CardTitle><Title headingLevel="h2" size="lg">{_("Health")}</Title></CardTitle>
            <CardBody>
                <p className="gr-health"><HealthLabel health={s.Health} /> <span data-test="health-message">{s.HealthMessage}</span></p>
                {!supported && <p className="gr-hint">{_("This georepd does not verify sessions.")}</p>}
                {supported && <>
                    <LastVerification last={s.LastVerification} />
                    <div className="gr-actions">
                        <ActionButton busyKey={key} action="verify" onClick={verify}>{_("Verify now")}</ActionButton>
                    </div>
                    <Outcome value={outcome} test="verify-result" />
                    {found && <Mismatches checked={found.checked} mismatches={found.mismatches} />}
                    <IntervalForm s={s} name={name} run={run} />
                </>}
            </CardBody>
        </Card>
    );
}
