// Resume and Abort of a job, each after a confirmation. A waiting job
// goes on only with the option `confirm`, which the admin gives by
// ticking what the job's Message asks; a failed one runs its step again.
import React, { useState } from "react";
import { Checkbox } from "@patternfly/react-core";
import { _, format } from "./gettext.js";
import { call, label, options, JOB } from "./dbus.js";
import { ConfirmModal } from "./confirm-modal.jsx";
import { ActionButton, Outcome, useRunner } from "./runner.jsx";
import { stepText } from "./jobs.js";

function currentStep(job) {
    return stepText(job.Operation, (job.Steps || [])[Number(job.CurrentStep)] || "");
}

function ResumeModal({ job, onResume, onClose }) {
    const [confirmed, setConfirmed] = useState(false);
    const waiting = job.State === "waiting";
    return (
        <ConfirmModal title={waiting ? _("Confirm and continue?") : _("Run the failed step again?")}
                      confirm={waiting ? _("Continue") : _("Run again")} isDisabled={waiting && !confirmed}
                      onClose={onClose} onConfirm={() => { onClose(); onResume(waiting) }}>
            <p>{format(_("Step: $0"), currentStep(job))}</p>
            {waiting && <>
                <p className="gr-job-message">{job.Message}</p>
                <Checkbox id="gr-resume-confirm" data-test="resume-confirm" isChecked={confirmed} onChange={setConfirmed}
                          label={_("I confirm what the job asks for above")} />
            </>}
            {!waiting && <p className="gr-reason">{job.Error}</p>}
        </ConfirmModal>
    );
}

function AbortModal({ job, onAbort, onClose }) {
    return (
        <ConfirmModal title={_("Abort the job?")} confirm={_("Abort")} variant="danger"
                      onClose={onClose} onConfirm={() => { onClose(); onAbort() }}>
            <p>{job.Operation === "sync-window"
                ? _("The session is stopped again if this run started it.")
                : _("What the steps marked done did stays as it is; nothing is undone.")}</p>
        </ConfirmModal>
    );
}

export function JobActions({ job }) {
    const [asking, setAsking] = useState(null);
    const [outcome, , run] = useRunner();
    const name = label(job.path);
    const resumable = job.State === "waiting" || (job.State === "failed" && job.Operation !== "sync-window");
    const abortable = ["running", "waiting", "failed"].includes(job.State);
    const resume = confirm => run(`${name}:resume`, _("Resuming…"),
                                  () => call(job.path, JOB, "Resume", [options(confirm ? { confirm: true } : {})]));
    const abort = () => run(`${name}:abort`, _("Aborting…"), () => call(job.path, JOB, "Abort", [options({})]));
    if (!resumable && !abortable)
        return <Outcome value={outcome} test="job-result" />;
    return (
        <>
            <div className="gr-actions">
                {resumable &&
                    <ActionButton busyKey={`${name}:resume`} action="resume-job" variant="primary"
                                  onClick={() => setAsking("resume")}>
                        {job.State === "waiting" ? _("Confirm and continue…") : _("Resume…")}
                    </ActionButton>}
                {abortable &&
                    <ActionButton busyKey={`${name}:abort`} action="abort-job" variant="danger"
                                  onClick={() => setAsking("abort")}>{_("Abort…")}</ActionButton>}
            </div>
            <Outcome value={outcome} test="job-result" />
            {asking === "resume" && <ResumeModal job={job} onResume={resume} onClose={() => setAsking(null)} />}
            {asking === "abort" && <AbortModal job={job} onAbort={abort} onClose={() => setAsking(null)} />}
        </>
    );
}
