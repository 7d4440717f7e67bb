// The page: its header (title, the views' tabs, the state of georepd and
// glusterd) and the view the location names: #/, #/session/LABEL,
// #/destinations, #/jobs, #/jobs/ID, #/create.
import React, { useEffect } from "react";
import { Alert, Page, PageSection, PageSectionVariants, Tab, Tabs, TabTitleText, Title } from "@patternfly/react-core";
import { _ } from "./gettext.js";
import { Overview } from "./overview.jsx";
import { SessionView } from "./session-view.jsx";
import { DestinationsView } from "./destinations.jsx";
import { CreateWizard } from "./create-wizard.jsx";
import { JobsView, JobView } from "./jobs-view.jsx";

function ServiceState({ manager }) {
    if (!manager.valid)
        return (
            <Alert isInline variant="danger" data-test="no-service" title={_("georepd is not available")}>
                {_("The geo-replication service (org.gluster.GeoReplication1) does not answer on the system bus.")}
            </Alert>);
    if (!manager.GlusterdRunning)
        return (
            <Alert isInline variant="warning" data-test="no-glusterd" title={_("glusterd is not running")}>
                {_("The lists show what georepd knew last; actions fail until glusterd is back.")}
            </Alert>);
    return null;
}

function Header({ app, current }) {
    const tabs = [["overview", _("Sessions"), "#/"], ["destinations", _("Destinations"), "#/destinations"],
        ["jobs", _("Jobs"), "#/jobs"], ["create", _("Create session"), "#/create"]];
    return (
        <PageSection variant={PageSectionVariants.light} className="gr-header">
            <Title headingLevel="h1" size="2xl">{_("Geo-replication")}</Title>
            <Tabs activeKey={current} aria-label={_("Geo-replication views")} component="nav">
                {tabs.map(([key, text, href]) =>
                    <Tab key={key} eventKey={key} href={href} data-tab={key}
                         title={<TabTitleText>{text}</TabTitleText>} />)}
            </Tabs>
            <ServiceState manager={app.manager} />
        </PageSection>
    );
}

function View({ app, path }) {
    if (path[0] === "session" && path[1])
        return <SessionView key={path[1]} app={app} name={path[1]} />;
    if (path[0] === "destinations")
        return <DestinationsView app={app} />;
    if (path[0] === "jobs" && path[1])
        return <JobView key={path[1]} app={app} name={path[1]} />;
    if (path[0] === "jobs")
        return <JobsView app={app} />;
    if (path[0] === "create")
        return <CreateWizard app={app} />;
    return <Overview app={app} />;
}

// A new view starts at its top: PatternFly's Page scrolls its main
// section, which keeps the place of the view before.
function useTopOnViewChange(path) {
    const view = path.join("/");
    useEffect(() => {
        document.querySelector(".pf-c-page__main")?.scrollTo(0, 0);
    }, [view]);
}

export function App({ app, path }) {
    useTopOnViewChange(path);
    const current = ["destinations", "jobs", "create"].includes(path[0]) ? path[0] : path[0] === "session" ? null : "overview";
    return (
        <Page>
            <Header app={app} current={current} />
            <PageSection className="gr-body">
                <View app={app} path={path} />
            </PageSection>
        </Page>
    );
}
