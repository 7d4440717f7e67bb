// The sessions of the overview: one row each, sortable by every column.
import React from "react";
import { TableComposable, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { _ } from "./gettext.js";
import { formatTime } from "./time.js";
import { HealthLabel, StatusLabel } from "./status-label.jsx";
import { secondaryUrl, sessionHref, checkpointText } from "./sessions.js";
import { useSort } from "./sort.js";
import { formatLag } from "./lag-card.jsx";

const KEYS = [
    s => s.PrimaryVolume, s => secondaryUrl(s), s => s.Status, s => s.Health || "unknown",
    s => Number(s.LastSynced) || 0, s => Number(s.CheckpointTime) || 0, s => Number(s.Lag ?? -1),
];

function SessionRow({ s }) {
    return (
        <Tr data-session={`${s.PrimaryVolume} ${secondaryUrl(s)}`}>
            <Td dataLabel={_("Primary volume")}><a href={sessionHref(s)} data-key={s.path}>{s.PrimaryVolume}</a></Td>
            <Td dataLabel={_("Secondary")}>{secondaryUrl(s)}</Td>
            <Td dataLabel={_("Status")}><StatusLabel status={s.Status} /></Td>
            <Td dataLabel={_("Health")}><HealthLabel health={s.Health} message={s.HealthMessage} /></Td>
            <Td dataLabel={_("Last synced")}>{formatTime(s.LastSynced)}</Td>
            <Td dataLabel={_("Checkpoint")}>{checkpointText(s)}</Td>
            <Td dataLabel={_("Lag")} data-test="session-lag">{formatLag(s.Lag)}</Td>
        </Tr>
    );
}

export function SessionsTable({ sessions }) {
    const { thSort, sorted } = useSort(0);
    const headings = [_("Primary volume"), _("Secondary"), _("Status"), _("Health"), _("Last synced"), _("Checkpoint"), _("Lag")];
    return (
        <TableComposable aria-label={_("Geo-replication sessions")} variant="compact" gridBreakPoint="grid-md">
            <Thead>
                <Tr>{headings.map((text, i) => <Th key={text} sort={thSort(i)}>{text}</Th>)}</Tr>
            </Thead>
            <Tbody>
                {sorted(sessions, KEYS).map(s => <SessionRow key={s.path} s={s} />)}
            </Tbody>
        </TableComposable>
    );
}
