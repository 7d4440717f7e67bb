// Sync windows (docs/disaster-recovery.md): the session's schedule, its
// next run and last runs, "Run now" (which opens the run's job), and
// setting, editing or removing the schedule and the run's timeout. A run
// is a Job object; its state shows in the runs once it ended (LastRun
// changes, and the list is read again).
/* global cockpit */
import React, { useEffect, useState } from "react";
import { Card, CardBody, CardTitle, Form, FormGroup, TextInput, Title } from "@patternfly/react-core";
import { TableComposable, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { _, format } from "./gettext.js";
import { call, label, options, uint32, SESSION } from "./dbus.js";
import { jobHref } from "./jobs.js";
import { ActionButton, Outcome, useRunner } from "./runner.jsx";
import { formatTime } from "./time.js";
import { v } from "./variant.js";

function useRuns(s) {
    const [runs, setRuns] = useState([]);
    const last = v(s.LastRun, "end");
    useEffect(() => {
        let live = true;
        call(s.path, SESSION, "GetRuns", [options({})])
                .then(([found]) => live && setRuns(found.slice().reverse()))
                .catch(error => console.warn(`GetRuns: ${error.message}`));
        return () => { live = false };
    }, [s.path, last]);
    return runs;
}

function RunsTable({ runs }) {
    if (runs.length === 0)
        return <p className="gr-hint" data-test="no-runs">{_("No sync window has run yet.")}</p>;
    return (
        <TableComposable variant="compact" aria-label={_("Last sync windows")} data-test="runs">
            <Thead>
                <Tr>
                    <Th>{_("Started")}</Th>
                    <Th>{_("Seconds")}</Th>
                    <Th>{_("Result")}</Th>
                    <Th>{_("Trigger")}</Th>
                    <Th>{_("Reason")}</Th>
                    <Th>{_("Job")}</Th>
                </Tr>
            </Thead>
            <Tbody>
                {runs.map(run => (
                    <Tr key={v(run, "job") + v(run, "start")} data-result={v(run, "result")}>
                        <Td>{formatTime(v(run, "start"))}</Td>
                        <Td>{Number(v(run, "end")) - Number(v(run, "start"))}</Td>
                        <Td>{v(run, "result")}</Td>
                        <Td>{v(run, "trigger")}</Td>
                        <Td>{v(run, "reason")}</Td>
                        <Td>{v(run, "job") ? <a href={jobHref(v(run, "job"))}>{label(v(run, "job"))}</a> : "—"}</Td>
                    </Tr>
                ))}
            </Tbody>
        </TableComposable>
    );
}

// The form starts from the schedule in force, so that editing it is
// changing the text; an empty timeout is georepd's default.
function ScheduleForm({ s, name, run }) {
    const [text, setText] = useState(s.Schedule || "");
    const [timeout, setTimeoutText] = useState("");
    const key = `${name}:schedule`;
    const save = e => {
        e?.preventDefault();
        const values = { timeout: timeout ? uint32(timeout) : undefined };
        return run(key, _("Saving the schedule…"),
                   () => call(s.path, SESSION, "SetSchedule", [text.trim(), options(values)]));
    };
    const remove = async () => {
        if (await run(key, _("Removing the schedule…"), () => call(s.path, SESSION, "RemoveSchedule", [options({})])))
            setText("");
    };
    return (
        <Form isHorizontal onSubmit={save}>
            <FormGroup label={_("Schedule")} fieldId="gr-schedule"
                       helperText={_("every 15min, hourly, daily, weekly, or Mon..Fri 22:00 (local time)")}>
                <TextInput id="gr-schedule" value={text} data-test="schedule-input" onChange={setText} />
            </FormGroup>
            <FormGroup label={_("Timeout (seconds)")} fieldId="gr-schedule-timeout"
                       helperText={_("How long a run may wait for its checkpoint; empty for 1800.")}>
                <TextInput id="gr-schedule-timeout" type="number" min="60" value={timeout}
                           data-test="schedule-timeout" onChange={setTimeoutText} />
            </FormGroup>
            <div className="gr-actions">
                <ActionButton busyKey={key} type="submit" action="set-schedule" isDisabled={!text.trim()}>
                    {s.Schedule ? _("Save schedule") : _("Set schedule")}
                </ActionButton>
                <ActionButton busyKey={key} action="remove-schedule" isDisabled={!s.Schedule}
                              onClick={remove}>{_("Remove schedule")}</ActionButton>
            </div>
        </Form>
    );
}

// The last run in a sentence, from LastRun.
function lastRunText(s) {
    const result = v(s.LastRun, "result");
    if (!result)
        return "";
    return format(_("Last run $0: $1."), formatTime(v(s.LastRun, "start")), result);
}

export function ScheduleCard({ s, name }) {
    const [outcome, , run] = useRunner();
    const runs = useRuns(s);
    if (s.Schedule === undefined)
        return null;
    const key = `${name}:run-window`;
    const runNow = async () => {
        const answer = await run(key, _("Starting a sync window…"),
                                 () => call(s.path, SESSION, "RunSyncWindow", [options({})]));
        if (answer)
            cockpit.location.go(["jobs", label(answer[0])]);
    };
    return (
        <Card className="gr-card" aria-label={_("Sync windows")}>
            <CardTitle><Title headingLevel="h2" size="lg">{_("Sync windows")}</Title></CardTitle>
            <CardBody>
                <p data-test="schedule">
                    {s.Schedule
                        ? format(_("Runs $0; next run $1."), s.Schedule, formatTime(s.NextRun))
                        : _("No schedule.")}
                    {" "}{lastRunText(s)}
                </p>
                <div className="gr-actions">
                    <ActionButton busyKey={key} action="run-window" onClick={runNow}>{_("Run now")}</ActionButton>
                </div>
                <Outcome value={outcome} test="schedule-result" />
                <RunsTable runs={runs} />
                <ScheduleForm s={s} name={name} run={run} />
            </CardBody>
        </Card>
    );
}
