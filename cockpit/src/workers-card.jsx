// The workers of a session, one per brick: state, crawl, pending work,
// failures and the last error gsyncd logged; sortable and filterable.
import React, { useState } from "react";
import { Card, CardBody, CardTitle, SearchInput, Title } from "@patternfly/react-core";
import { TableComposable, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { _ } from "./gettext.js";
import { formatTime } from "./time.js";
import { v } from "./variant.js";
import { StatusLabel, workerStatusKey } from "./status-label.jsx";
import { useSort } from "./sort.js";

const COLUMNS = [
    [() => _("Node"), w => v(w, "primary-node")],
    [() => _("Brick"), w => v(w, "primary-brick")],
    [() => _("Secondary node"), w => v(w, "secondary-node") || ""],
    [() => _("Status"), w => workerStatusKey(v(w, "status"))],
    [() => _("Crawl status"), w => v(w, "crawl-status")],
    [() => _("Last synced"), w => Number(v(w, "last-synced")) || 0],
    [() => _("Pending entry / data / meta"), w => Number(v(w, "entry")) + Number(v(w, "data")) + Number(v(w, "meta"))],
    [() => _("Failures"), w => Number(v(w, "failures")) || 0],
    [() => _("Last error"), w => v(w, "last-error") || ""],
];

// Why the worker failed last, shown until it runs again.
function Reason({ w }) {
    const message = v(w, "last-error");
    const time = v(w, "last-error-time");
    if (!message)
        return "—";
    return <span className="gr-reason" data-test="worker-reason">{time ? `${formatTime(time)}: ${message}` : message}</span>;
}

function WorkerRow({ w }) {
    const cells = [
        v(w, "primary-node"), v(w, "primary-brick"), v(w, "secondary-node") || "—",
        <StatusLabel key="s" status={workerStatusKey(v(w, "status"))} />, v(w, "crawl-status"),
        formatTime(v(w, "last-synced")), `${v(w, "entry")} / ${v(w, "data")} / ${v(w, "meta")}`,
        String(v(w, "failures")), <Reason key="r" w={w} />,
    ];
    return (
        <Tr data-worker={`${v(w, "primary-node")}:${v(w, "primary-brick")}`}>
            {cells.map((cell, i) => <Td key={i} dataLabel={COLUMNS[i][0]()}>{cell}</Td>)}
        </Tr>
    );
}

function matches(w, text) {
    const t = text.trim().toLowerCase();
    return !t || COLUMNS.some(([, key]) => String(key(w)).toLowerCase().includes(t));
}

export function WorkersCard({ s }) {
    const [text, setText] = useState("");
    const { thSort, sorted } = useSort(0);
    const workers = s.Workers || [];
    const shown = sorted(workers.filter(w => matches(w, text)), COLUMNS.map(c => c[1]));
    return (
        <Card className="gr-card" aria-label={_("Workers")}>
            <CardTitle><Title headingLevel="h2" size="lg">{_("Workers")}</Title></CardTitle>
            <CardBody>
                {workers.length === 0
                    ? <p>{_("No workers: the session has not run on any brick yet.")}</p>
                    : <>
                        <SearchInput className="gr-table-filter" placeholder={_("Filter the workers")}
                                     aria-label={_("Filter the workers")} value={text}
                                     onChange={(_e, t) => setText(t)} onClear={() => setText("")} />
                        <TableComposable aria-label={_("Workers")} variant="compact" gridBreakPoint="grid-md">
                            <Thead><Tr>{COLUMNS.map(([head], i) => <Th key={i} sort={thSort(i)}>{head()}</Th>)}</Tr></Thead>
                            <Tbody>{shown.map(w => <WorkerRow key={`${v(w, "primary-node")}:${v(w, "primary-brick")}`} w={w} />)}</Tbody>
                        </TableComposable>
                    </>}
            </CardBody>
        </Card>
    );
}
