// Disaster recovery on a session's view: promote its secondary volume
// (the failover), fail back to its primary, and the jobs of both. Both
// need georepd's root destination of the secondary host.
import React, { useState } from "react";
import { Button, Card, CardBody, CardTitle, Title } from "@patternfly/react-core";
import { _, format } from "./gettext.js";
import { destinationList } from "./destinations.jsx";
import { jobList } from "./jobs.js";
import { JobsTable } from "./jobs-view.jsx";
import { FailbackModal, PromoteModal } from "./dr-modals.jsx";

function rootDestination(app, s) {
    return destinationList(app).find(d => d.User === "root" && d.Host === s.SecondaryHost) || null;
}

export function DisasterRecoveryCard({ app, s }) {
    const [asking, setAsking] = useState(null);
    const root = rootDestination(app, s);
    const jobs = jobList(app).filter(job => job.Object === s.path ||
                                     (root && job.Object === root.path && job.Operation === "promote"));
    return (
        <Card className="gr-card" aria-label={_("Disaster recovery")}>
            <CardTitle><Title headingLevel="h2" size="lg">{_("Disaster recovery")}</Title></CardTitle>
            <CardBody>
                <p className="gr-hint">
                    {root
                        ? _("Promote the secondary volume when the primary site is lost; fail back once it is back.")
                        : format(_("Add the destination root@$0 to promote or fail back: georepd runs those steps there as root."), s.SecondaryHost)}
                </p>
                <div className="gr-actions">
                    <Button variant="secondary" data-action="promote" isDisabled={!root}
                            onClick={() => setAsking("promote")}>{_("Promote the secondary volume…")}</Button>
                    <Button variant="secondary" data-action="failback" isDisabled={!root}
                            onClick={() => setAsking("failback")}>{_("Fail back…")}</Button>
                </div>
                {jobs.length > 0 && <JobsTable app={app} jobs={jobs} />}
            </CardBody>
            {asking === "promote" && root &&
                <PromoteModal d={root} volume={s.SecondaryVolume} onClose={() => setAsking(null)} />}
            {asking === "failback" && <FailbackModal s={s} onClose={() => setAsking(null)} />}
        </Card>
    );
}
