// Jobs (#/jobs): every sync window, promotion and failback georepd runs
// or ran (the newest 20 finished are kept), newest first; #/jobs/ID: one
// job with its steps, its message or error, Resume and Abort. Both follow
// the Job objects' PropertiesChanged live.
import React from "react";
import { Alert, Breadcrumb, BreadcrumbItem, Button, Card, CardBody, EmptyState, EmptyStateBody, Title } from "@patternfly/react-core";
import { TableComposable, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { _, format } from "./gettext.js";
import { label } from "./dbus.js";
import { formatTime } from "./time.js";
import { Facts } from "./facts.jsx";
import { JobStateLabel } from "./status-label.jsx";
import { JobSteps } from "./job-steps.jsx";
import { JobActions } from "./job-actions.jsx";
import { jobByLabel, jobHref, jobList, jobTarget, operationText, stepCount, stepText } from "./jobs.js";

function JobRow({ app, job }) {
    const step = (job.Steps || [])[Number(job.CurrentStep)];
    return (
        <Tr data-job={label(job.path)} data-operation={job.Operation}>
            <Td dataLabel={_("Job")}><a href={jobHref(job.path)}>{label(job.path)}</a></Td>
            <Td dataLabel={_("Operation")}>{operationText(job.Operation)}</Td>
            <Td dataLabel={_("Target")}>{jobTarget(app, job)}</Td>
            <Td dataLabel={_("State")}><JobStateLabel state={job.State} /></Td>
            <Td dataLabel={_("Step")}>
                {stepCount(job)}{step && job.State !== "completed" && <>: {stepText(job.Operation, step)}</>}
                {job.State === "failed" && job.Error && <><br /><span className="gr-reason">{job.Error}</span></>}
            </Td>
            <Td dataLabel={_("Started")}>{formatTime(job.StartTime, true)}</Td>
            <Td dataLabel={_("Ended")}>{formatTime(job.EndTime, true)}</Td>
        </Tr>
    );
}

export function JobsTable({ app, jobs }) {
    const heads = [_("Job"), _("Operation"), _("Target"), _("State"), _("Step"), _("Started"), _("Ended")];
    return (
        <TableComposable aria-label={_("Jobs")} variant="compact" gridBreakPoint="grid-md" data-test="jobs">
            <Thead><Tr>{heads.map((h, i) => <Th key={h} modifier={i === 0 ? "fitContent" : undefined}>{h}</Th>)}</Tr></Thead>
            <Tbody>{jobs.map(job => <JobRow key={job.path} app={app} job={job} />)}</Tbody>
        </TableComposable>
    );
}

export function JobsView({ app }) {
    const jobs = jobList(app);
    if (jobs.length === 0)
        return (
            <EmptyState variant="small">
                <Title headingLevel="h2" size="md">{_("No jobs")}</Title>
                <EmptyStateBody>
                    {_("Sync windows, promotions and failbacks appear here while they run and after they ended.")}
                </EmptyStateBody>
            </EmptyState>);
    return <JobsTable app={app} jobs={jobs} />;
}

// What a job waits for, or why its step failed.
function JobNotice({ job }) {
    if (job.State === "waiting")
        return <Alert isInline variant="warning" data-test="job-message" title={_("The job waits for your confirmation")}>{job.Message}</Alert>;
    if (job.State === "failed")
        return <Alert isInline variant="danger" data-test="job-error" title={_("A step failed")}>{job.Error}</Alert>;
    if (job.Message)
        return <p data-test="job-message">{job.Message}</p>;
    return null;
}

export function JobView({ app, name }) {
    const job = jobByLabel(app, name);
    const title = job ? format(_("$0: $1"), operationText(job.Operation), jobTarget(app, job)) : _("Job");
    return (
        <div className="gr-session">
            <Breadcrumb>
                <BreadcrumbItem to="#/jobs">{_("Jobs")}</BreadcrumbItem>
                <BreadcrumbItem isActive>{title}</BreadcrumbItem>
            </Breadcrumb>
            {!job &&
                <Alert isInline variant="info" data-test="missing" title={_("This job does not exist (any more).")}>
                    <Button variant="link" isInline component="a" href="#/jobs">{_("Back to the jobs")}</Button>
                </Alert>}
            {job &&
                <Card className="gr-card" aria-label={_("Job")} data-job={name} data-state={job.State}>
                    <CardBody className="gr-job">
                        <div className="gr-session-title">
                            <Title headingLevel="h2" size="xl">{title}</Title>
                            <JobStateLabel state={job.State} />
                        </div>
                        <Facts items={[[_("Step"), stepCount(job)], [_("Started"), formatTime(job.StartTime, true)],
                            [_("Ended"), formatTime(job.EndTime, true)]]} />
                        <JobNotice job={job} />
                        <JobActions job={job} />
                        <JobSteps job={job} />
                    </CardBody>
                </Card>}
        </div>
    );
}
