// A job's steps as a vertical PatternFly progress stepper: done, the
// current one (running, waiting for the admin, or failed with its error)
// and those left. Without a job, the steps an operation will run.
import React from "react";
import { ProgressStep, ProgressStepper } from "@patternfly/react-core";
import { _ } from "./gettext.js";
import { plannedSteps, stepText } from "./jobs.js";

const N_ = text => text;

// A step's mark: its PatternFly variant and words.
const MARKS = {
    done: ["success", N_("done")],
    left: ["pending", N_("left")],
    running: ["info", N_("running")],
    waiting: ["warning", N_("waiting for you")],
    failed: ["danger", N_("failed")],
    aborted: ["default", N_("aborted")],
};

// Before CurrentStep: done; after: left; the current one as the job is.
function stepMark(job, index) {
    const current = Number(job.CurrentStep);
    if (index < current || job.State === "completed")
        return "done";
    if (index > current)
        return "left";
    return MARKS[job.State] ? job.State : "running";
}

function Step({ operation, step, index, job }) {
    const mark = job ? stepMark(job, index) : null;
    const variant = mark ? MARKS[mark][0] : "default";
    const current = job && index === Number(job.CurrentStep) && job.State !== "completed";
    const text = stepText(operation, step);
    const error = current && job.State === "failed" && job.Error;
    return (
        <ProgressStep variant={variant} isCurrent={current} id={`gr-step-${index}`} titleId={`gr-step-${index}-title`}
                      data-step={step} data-mark={mark || "planned"}
                      aria-label={mark ? `${text}: ${_(MARKS[mark][1])}` : text}
                      description={<>
                          <code>{step}</code>
                          {error && <span className="gr-reason" data-test="step-error"> {job.Error}</span>}
                      </>}>
            {text}
        </ProgressStep>
    );
}

// JOB (a Job proxy), or OPERATION alone for the steps it will run.
export function JobSteps({ job, operation }) {
    const op = job ? job.Operation : operation;
    const steps = job ? job.Steps || [] : plannedSteps(op);
    return (
        <ProgressStepper isVertical className="gr-steps" aria-label={_("Steps")} data-test="job-steps">
            {steps.map((step, i) => <Step key={step} operation={op} step={step} index={i} job={job} />)}
        </ProgressStepper>
    );
}
