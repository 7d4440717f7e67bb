// The checkpoint: its state, setting one now or at a time.
import React, { useState } from "react";
import { Card, CardBody, CardTitle, Form, FormGroup, TextInput, Title } from "@patternfly/react-core";
import { _, format } from "./gettext.js";
import { call, options, uint64, SESSION } from "./dbus.js";
import { checkpointText } from "./sessions.js";
import { formatTime } from "./time.js";
import { ActionButton, Outcome, useRunner } from "./runner.jsx";

const N_ = text => text;
const VERIFIED = {
    pending: N_("The files are being verified."),
    clean: N_("The files were verified: all equal."),
    mismatch: N_("The files were verified: some differ (see Health)."),
    failed: N_("The files could not be verified (see Health)."),
};

// What the verification made at the checkpoint's completion found.
function CheckpointVerification({ state }) {
    if (!VERIFIED[state])
        return null;
    return <p data-test="checkpoint-verification" data-state={state}>{_(VERIFIED[state])}</p>;
}

export function CheckpointCard({ s, name }) {
    const [time, setTime] = useState("");
    const [outcome, setOutcome, run] = useRunner();
    const key = `${name}:checkpoint`;
    const set = at => run(key, _("Setting the checkpoint…"),
                          () => call(s.path, SESSION, "SetCheckpoint", [options(at ? { time: uint64(at) } : {})]));
    const atTime = () => {
        const seconds = Math.floor(new Date(time).getTime() / 1000);
        if (!time || !Number.isFinite(seconds))
            return setOutcome({ variant: "danger", title: _("Pick a date and time first"), test: "error" });
        return set(seconds);
    };
    return (
        <Card className="gr-card" aria-label={_("Checkpoint")}>
            <CardTitle><Title headingLevel="h2" size="lg">{_("Checkpoint")}</Title></CardTitle>
            <CardBody>
                <p data-test="checkpoint-state">{checkpointText(s)}</p>
                {s.CheckpointTime > 0 && !s.CheckpointCompleted &&
                    <p data-test="checkpoint-eta">
                        {Number(s.CheckpointEta) > 0
                            ? format(_("Expected to complete at $0"), formatTime(s.CheckpointEta))
                            : _("No estimate of its completion yet.")}
                    </p>}
                <CheckpointVerification state={s.CheckpointVerification} />
                <Form isHorizontal onSubmit={e => e.preventDefault()}>
                    <FormGroup label={_("Checkpoint time")} fieldId="gr-checkpoint-time"
                               helperText={_("Leave empty and use “Set now” for the current time.")}>
                        <TextInput id="gr-checkpoint-time" type="datetime-local" step="1" value={time} onChange={setTime} />
                    </FormGroup>
                </Form>
                <div className="gr-actions">
                    <ActionButton busyKey={key} data-key="checkpoint-0" onClick={() => set(null)}>{_("Set now")}</ActionButton>
                    <ActionButton busyKey={key} data-key="checkpoint-1" onClick={atTime}>{_("Set at this time")}</ActionButton>
                </div>
                <Outcome value={outcome} />
            </CardBody>
        </Card>
    );
}
