// Destinations: trust state and last test of each, test now, remove
// (with revoking the key), the mountbroker for a non-root user, promote
// a volume over a root destination (the failover), add one.
import React, { useState } from "react";
import { Card, CardBody, CardTitle, EmptyState, EmptyStateBody, Title } from "@patternfly/react-core";
import { TableComposable, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { _, format } from "./gettext.js";
import { call, options, label, DESTINATION } from "./dbus.js";
import { formatTime } from "./time.js";
import { TrustLabel } from "./status-label.jsx";
import { ActionButton, Outcome, useRunner } from "./runner.jsx";
import { DestinationForm } from "./destination-form.jsx";
import { RemoveModal, MountbrokerModal } from "./destination-modals.jsx";
import { PromoteModal } from "./dr-modals.jsx";

export function destinationList(app) {
    return Object.keys(app.destinations).map(p => app.destinations[p])
            .filter(d => d && d.valid)
            .sort((a, b) => `${a.Host}:${a.User}`.localeCompare(`${b.Host}:${b.User}`));
}

function Row({ d, onTest, onAsk }) {
    const name = label(d.path);
    const button = (action, text, variant, onClick) =>
        <ActionButton busyKey={`${name}:${action}`} action={action} data-key={`${name}-${action}`}
                      variant={variant} onClick={onClick}>{text}</ActionButton>;
    return (
        <Tr data-destination={name}>
            <Td dataLabel={_("Host")}>{`${d.Host}:${d.Port}`}</Td>
            <Td dataLabel={_("User")}>{d.User}</Td>
            <Td dataLabel={_("Host key")}>{`${d.HostKeyType} `}<code>{d.HostKeyFingerprint}</code></Td>
            <Td dataLabel={_("Trust")}><TrustLabel state={d.Passwordless} /></Td>
            <Td dataLabel={_("Last test")}>{formatTime(d.LastTestTime, true)}{d.LastTestMessage && <><br />{d.LastTestMessage}</>}</Td>
            <Td dataLabel={_("Remote volumes")}>{(d.RemoteVolumes || []).join(", ") || "—"}</Td>
            <Td dataLabel={_("Actions")} className="gr-row-actions">
                {button("test", _("Test"), "secondary", () => onTest(d))}
                {d.User !== "root" && button("mountbroker", _("Mountbroker…"), "secondary", () => onAsk({ kind: "mountbroker", d }))}
                {d.User === "root" && button("promote", _("Promote…"), "secondary", () => onAsk({ kind: "promote", d }))}
                {button("remove", _("Remove"), "danger", () => onAsk({ kind: "remove", d }))}
            </Td>
        </Tr>
    );
}

function DestinationsTable({ all, onTest, onAsk }) {
    const heads = [_("Host"), _("User"), _("Host key"), _("Trust"), _("Last test"), _("Remote volumes"), _("Actions")];
    return (
        <TableComposable aria-label={_("Destinations")} variant="compact" gridBreakPoint="grid-md">
            <Thead><Tr>{heads.map(h => <Th key={h}>{h}</Th>)}</Tr></Thead>
            <Tbody>{all.map(d => <Row key={d.path} d={d} onTest={onTest} onAsk={onAsk} />)}</Tbody>
        </TableComposable>
    );
}

function NoDestinations() {
    return (
        <EmptyState variant="small">
            <Title headingLevel="h2" size="md">{_("No destinations")}</Title>
            <EmptyStateBody>{_("Add the SSH server of a secondary cluster below.")}</EmptyStateBody>
        </EmptyState>
    );
}

export function DestinationsView({ app }) {
    const [outcome, setOutcome, run] = useRunner();
    const [asking, setAsking] = useState(null);
    const all = destinationList(app);
    const test = async d => {
        const answer = await run(`${label(d.path)}:test`, format(_("Testing $0…"), d.Host), () => call(d.path, DESTINATION, "Test", [options({})]));
        if (answer) {
            const [ok, message] = answer;
            setOutcome({ variant: ok ? "success" : "danger", text: message, test: ok ? "test-ok" : "test-failed",
                         title: format(ok ? _("$0@$1: key login works") : _("$0@$1: the test failed"), d.User, d.Host) });
        }
    };
    const close = () => setAsking(null);
    return (
        <>
            <Outcome value={outcome} test="destinations-result" />
            {all.length === 0 ? <NoDestinations /> : <DestinationsTable all={all} onTest={test} onAsk={setAsking} />}
            <Card className="gr-card" aria-label={_("Add a destination")}>
                <CardTitle><Title headingLevel="h2" size="lg">{_("Add a destination")}</Title></CardTitle>
                <CardBody><DestinationForm onDone={() => {}} /></CardBody>
            </Card>
            {asking?.kind === "remove" && <RemoveModal d={asking.d} run={run} onClose={close} />}
            {asking?.kind === "promote" && <PromoteModal d={asking.d} onClose={close} />}
            {asking?.kind === "mountbroker" && <MountbrokerModal d={asking.d} run={run} setOutcome={setOutcome} onClose={close} />}
        </>
    );
}
