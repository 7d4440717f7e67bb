// The failover and the failback as guided operations
// (docs/disaster-recovery.md): a dialog says what georepd will do, step
// by step, and asks for the explicit confirmation the API requires (the
// option `confirm`); once the job began, its page shows the progress.
/* global cockpit */
import React, { useState } from "react";
import { Checkbox, Form, FormGroup, FormSelect, FormSelectOption, TextInput, Title } from "@patternfly/react-core";
import { _, format } from "./gettext.js";
import { call, label, options, uint32, DESTINATION, SESSION } from "./dbus.js";
import { ConfirmModal } from "./confirm-modal.jsx";
import { Outcome, useRunner } from "./runner.jsx";
import { JobSteps } from "./job-steps.jsx";
import { secondaryUrl } from "./sessions.js";

// Runs START (a call answering the job's path), then opens the job.
function useJobStart(key, progress) {
    const [outcome, , run] = useRunner();
    const start = async fn => {
        const answer = await run(key, progress, fn);
        if (answer)
            cockpit.location.go(["jobs", label(answer[0])]);
    };
    return [outcome, start];
}

function VolumeField({ d, volume, setVolume }) {
    const volumes = d.RemoteVolumes || [];
    if (volumes.length === 0)
        return <TextInput id="gr-promote-volume" data-test="promote-volume" value={volume} onChange={setVolume} isRequired />;
    return (
        <FormSelect id="gr-promote-volume" data-test="promote-volume" value={volume} onChange={setVolume}>
            <FormSelectOption value="" label={_("Choose a volume")} isDisabled />
            {volumes.map(name => <FormSelectOption key={name} value={name} label={name} />)}
        </FormSelect>
    );
}

// The steps a job of OPERATION will run, under a heading.
function Plan({ operation }) {
    return (
        <section className="gr-plan" aria-labelledby="gr-plan-title">
            <Title headingLevel="h3" size="md" id="gr-plan-title">{_("What georepd will do")}</Title>
            <JobSteps operation={operation} />
        </section>
    );
}

// Promote the volume VOLUME (or one the admin picks) over the root
// destination D.
export function PromoteModal({ d, volume: given, onClose }) {
    const [volume, setVolume] = useState(given || "");
    const [confirmed, setConfirmed] = useState(false);
    const [outcome, start] = useJobStart(`${label(d.path)}:promote`, _("Starting the promotion…"));
    const promote = () => start(() => call(d.path, DESTINATION, "Promote", [volume, options({ confirm: true })]));
    return (
        <ConfirmModal title={format(_("Promote a volume of $0"), d.Host)} confirm={_("Promote")} variant="danger" size="medium"
                      onConfirm={promote} onClose={onClose} isDisabled={!volume || !confirmed}>
            <p>{format(_("Failover: georepd logs in to $0 as root and makes the secondary volume writable for the applications, recording its changes so that a failback can bring them to the primary later."), d.Host)}</p>
            <Form onSubmit={e => e.preventDefault()}>
                <FormGroup label={_("Secondary volume")} fieldId="gr-promote-volume" isRequired>
                    {given ? <code data-test="promote-volume">{given}</code> : <VolumeField d={d} volume={volume} setVolume={setVolume} />}
                </FormGroup>
            </Form>
            <Plan operation="promote" />
            <Checkbox id="gr-promote-confirm" data-test="promote-confirm" isChecked={confirmed} onChange={setConfirmed}
                      label={_("The primary site is lost: make this volume writable. A session still writing to it would conflict with the applications.")} />
            <Outcome value={outcome} test="promote-result" />
        </ConfirmModal>
    );
}

function FailbackOptions({ values, set }) {
    return (
        <Form isHorizontal onSubmit={e => e.preventDefault()}>
            <FormGroup label={_("Primary host")} fieldId="gr-failback-host"
                       helperText={_("This cluster as the secondary host reaches it; empty for this node's host name.")}>
                <TextInput id="gr-failback-host" data-test="failback-host" value={values.host} onChange={host => set({ ...values, host })} />
            </FormGroup>
            <FormGroup label={_("Timeout (seconds)")} fieldId="gr-failback-timeout"
                       helperText={_("How long the reverse sync may take; empty for an hour.")}>
                <TextInput id="gr-failback-timeout" type="number" min="60" value={values.timeout}
                           onChange={timeout => set({ ...values, timeout })} />
            </FormGroup>
            <Checkbox id="gr-failback-force" isChecked={values.force} onChange={force => set({ ...values, force })}
                      label={_("Primary nodes are down: stop the session with force")} />
        </Form>
    );
}

function failbackOptions(values) {
    return options({
        confirm: true,
        "force-stop": values.force || undefined,
        "primary-host": values.host.trim() || undefined,
        timeout: values.timeout ? uint32(values.timeout) : undefined,
    });
}

// Bring back what was written on the promoted secondary volume of S.
export function FailbackModal({ s, onClose }) {
    const [values, setValues] = useState({ host: "", timeout: "", force: false });
    const [confirmed, setConfirmed] = useState(false);
    const [outcome, start] = useJobStart(`${label(s.path)}:failback`, _("Starting the failback…"));
    const failback = () => start(() => call(s.path, SESSION, "Failback", [failbackOptions(values)]));
    return (
        <ConfirmModal title={format(_("Fail back from $0"), secondaryUrl(s))} confirm={_("Fail back")} variant="danger" size="medium"
                      onConfirm={failback} onClose={onClose} isDisabled={!confirmed}>
            <p>{format(_("What was written on the promoted volume $0 goes back to $1 through a reverse session that the secondary cluster runs; then the volumes' roles are restored and this session runs again. georepd reaches $2 over its root destination there."), secondaryUrl(s), s.PrimaryVolume, s.SecondaryHost)}</p>
            <p>{_("The job stops before the reverse session and waits until you confirm that all I/O on the promoted volume has stopped.")}</p>
            <FailbackOptions values={values} set={setValues} />
            <Plan operation="failback" />
            <Checkbox id="gr-failback-confirm" data-test="failback-confirm" isChecked={confirmed} onChange={setConfirmed}
                      label={format(_("Overwrite $0 with what was written on the promoted volume"), s.PrimaryVolume)} />
            <Outcome value={outcome} test="failback-result" />
        </ConfirmModal>
    );
}
