// Overview: every session of the cluster in a sortable table, filtered
// by primary volume and by text, updated live.
import React, { useState } from "react";
import {
    Button, EmptyState, EmptyStateBody, FormSelect, FormSelectOption, SearchInput, Title,
    Toolbar, ToolbarContent, ToolbarItem,
} from "@patternfly/react-core";
import { _, format } from "./gettext.js";
import { sessionList } from "./sessions.js";
import { SessionsTable } from "./sessions-table.jsx";
import { ActionButton, Outcome, useRunner } from "./runner.jsx";
import { call, options, ROOT, MANAGER } from "./dbus.js";

const ALL = "";
let kept = { volume: ALL, text: "" }; // the filter, kept across visits

function volumeNames(app, sessions) {
    return [...new Set([...(app.manager.Volumes || []), ...sessions.map(s => s.PrimaryVolume)])].sort();
}

function matches(s, filter) {
    if (filter.volume !== ALL && s.PrimaryVolume !== filter.volume)
        return false;
    const text = filter.text.trim().toLowerCase();
    return !text || `${s.PrimaryVolume} ${s.SecondaryUser} ${s.SecondaryHost} ${s.SecondaryVolume} ${s.Status}`
            .toLowerCase().includes(text);
}

function Filters({ volumes, filter, setFilter }) {
    return (
        <>
            <ToolbarItem>
                <FormSelect id="gr-filter" value={filter.volume} aria-label={_("Primary volume")}
                            onChange={volume => setFilter({ ...filter, volume })}>
                    <FormSelectOption value={ALL} label={_("All volumes")} />
                    {volumes.map(v => <FormSelectOption key={v} value={v} label={v} />)}
                </FormSelect>
            </ToolbarItem>
            <ToolbarItem>
                <SearchInput placeholder={_("Filter by name or state")} value={filter.text}
                             aria-label={_("Filter the sessions")} data-test="session-search"
                             onChange={(_e, text) => setFilter({ ...filter, text })}
                             onClear={() => setFilter({ ...filter, text: "" })} />
            </ToolbarItem>
        </>
    );
}

function NoSessions() {
    return (
        <EmptyState variant="small">
            <Title headingLevel="h2" size="md">{_("No geo-replication sessions")}</Title>
            <EmptyStateBody>
                <Button variant="link" component="a" href="#/create">{_("Create a session")}</Button>
            </EmptyStateBody>
        </EmptyState>
    );
}

export function Overview({ app }) {
    const [filter, setFilterState] = useState(kept);
    const [outcome, , run] = useRunner();
    const setFilter = f => { kept = f; setFilterState(f) };
    const all = sessionList(app);
    const shown = all.filter(s => matches(s, filter));
    // Reads are live already; Refresh asks georepd to re-read gluster now.
    const refresh = () => run("refresh", _("Refreshing…"), () => call(ROOT, MANAGER, "Refresh", [options({})]));
    return (
        <>
            <Toolbar>
                <ToolbarContent>
                    <Filters volumes={volumeNames(app, all)} filter={filter} setFilter={setFilter} />
                    <ToolbarItem className="gr-count" data-test="session-count">
                        {format(_("$0 of $1 sessions"), shown.length, all.length)}
                    </ToolbarItem>
                    <ToolbarItem>
                        <ActionButton busyKey="refresh" action="refresh" data-key="refresh" onClick={refresh}>
                            {_("Refresh")}
                        </ActionButton>
                    </ToolbarItem>
                </ToolbarContent>
            </Toolbar>
            <Outcome value={outcome} />
            {all.length === 0 ? <NoSessions /> : <SessionsTable sessions={shown} />}
        </>
    );
}
