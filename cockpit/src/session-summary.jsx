// The facts of a session as a description list.
import React from "react";
import { Card, CardBody, CardTitle, Title } from "@patternfly/react-core";
import { _ } from "./gettext.js";
import { formatTime } from "./time.js";
import { StatusLabel } from "./status-label.jsx";
import { Facts } from "./facts.jsx";

function destination(s) {
    if (!s.Destination || s.Destination === "/")
        return _("None");
    return <a href="#/destinations">{`${s.SecondaryUser || "root"}@${s.SecondaryHost}`}</a>;
}

export function SummaryCard({ s }) {
    const items = [
        [_("Primary volume"), s.PrimaryVolume],
        [_("Secondary host"), s.SecondaryHost],
        [_("Secondary volume"), s.SecondaryVolume],
        [_("Secondary user"), s.SecondaryUser || "root"],
        [_("Status"), <StatusLabel key="status" status={s.Status} />],
        [_("Last synced"), formatTime(s.LastSynced)],
        [_("Failures"), String(s.Failures)],
        [_("Destination"), destination(s)],
    ];
    return (
        <Card className="gr-card" aria-label={_("Session")}>
            <CardTitle><Title headingLevel="h2" size="lg">{_("Session")}</Title></CardTitle>
            <CardBody>
                <Facts items={items} />
            </CardBody>
        </Card>
    );
}
