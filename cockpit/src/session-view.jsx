// Session detail: title and state, the lifecycle actions, the summary,
// health and verification, the workers, the checkpoint, sync windows,
// disaster recovery, the options.
import React from "react";
import { Alert, Breadcrumb, BreadcrumbItem, Button, Title } from "@patternfly/react-core";
import { _ } from "./gettext.js";
import { sessionByLabel, secondaryUrl } from "./sessions.js";
import { StatusLabel } from "./status-label.jsx";
import { SessionActions } from "./session-actions.jsx";
import { SummaryCard } from "./session-summary.jsx";
import { VerifyCard } from "./verify-card.jsx";
import { WorkersCard } from "./workers-card.jsx";
import { CheckpointCard } from "./checkpoint-card.jsx";
import { LagCard } from "./lag-card.jsx";
import { ConfigCard } from "./config-card.jsx";
import { ScheduleCard } from "./schedule-card.jsx";
import { DisasterRecoveryCard } from "./dr-card.jsx";

function Missing() {
    return (
        <Alert isInline variant="info" data-test="missing" title={_("This session does not exist (any more).")}>
            <Button variant="link" isInline component="a" href="#/">{_("Back to the sessions")}</Button>
        </Alert>
    );
}

export function SessionView({ app, name }) {
    const s = sessionByLabel(app, name);
    const title = s ? `${s.PrimaryVolume} → ${secondaryUrl(s)}` : _("Session");
    return (
        <div className="gr-session">
            <Breadcrumb>
                <BreadcrumbItem to="#/">{_("Sessions")}</BreadcrumbItem>
                <BreadcrumbItem isActive>{title}</BreadcrumbItem>
            </Breadcrumb>
            {!s && <Missing />}
            {s && <>
                <div className="gr-session-title">
                    <Title headingLevel="h2" size="xl">{title}</Title>
                    <StatusLabel status={s.Status} />
                </div>
                <SessionActions s={s} name={name} />
                <SummaryCard s={s} />
                <VerifyCard s={s} name={name} />
                <LagCard s={s} />
                <WorkersCard s={s} />
                <CheckpointCard s={s} name={name} />
                <ScheduleCard s={s} name={name} />
                <DisasterRecoveryCard app={app} s={s} />
                <ConfigCard s={s} name={name} keys={app.manager.ConfigKeys || {}} />
            </>}
        </div>
    );
}
