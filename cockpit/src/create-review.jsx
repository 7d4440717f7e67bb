// The last step of the create wizard: what will be created and what
// georepd's CheckSecondary says about it; when rsync would leave empty
// files on the secondary (finding rsync-empty-files), the choice of the
// tarssh sync method.
import React, { useEffect, useState } from "react";
import { Alert, Checkbox, Spinner } from "@patternfly/react-core";
import { Facts } from "./facts.jsx";
import { _, format } from "./gettext.js";
import { call, options, ROOT, MANAGER } from "./dbus.js";
import { errorOutcome, Outcome } from "./runner.jsx";

const EMPTY_FILES = "rsync-empty-files";

// georepd's check, again whenever the sync method chosen changes.
function useFindings(primary, d, secondary, tarssh) {
    const [findings, setFindings] = useState(null);
    useEffect(() => {
        let live = true;
        setFindings(null);
        const opts = options({ "secondary-user": d.User, "sync-method": tarssh ? "tarssh" : undefined });
        call(ROOT, MANAGER, "CheckSecondary", [primary, d.Host, secondary, opts])
                .then(([list]) => live && setFindings({ list }))
                .catch(error => live && setFindings({ error }));
        return () => { live = false };
    }, [primary, d.Host, d.User, secondary, tarssh]);
    return findings;
}

function Findings({ findings }) {
    if (!findings)
        return <p className="gr-progress"><Spinner isSVG size="md" aria-valuetext={_("Checking")} /> {_("Checking the secondary…")}</p>;
    if (findings.error)
        return <Outcome value={errorOutcome(findings.error)} />;
    if (findings.list.length === 0)
        return <Alert isInline variant="success" data-test="check-ok" title={_("The secondary can take the session")} />;
    return findings.list.map(([id, severity, message]) =>
        <Alert key={id} isInline variant={severity === "error" ? "danger" : "warning"} data-finding={id} title={id}>{message}</Alert>);
}

export function ReviewStep({ state, d, set }) {
    const findings = useFindings(state.primary, d, state.secondary, state.tarssh);
    // Offered once rsync was found to leave empty files; stays while chosen.
    const emptyFiles = state.tarssh || findings?.list?.some(([id]) => id === EMPTY_FILES);
    const facts = [[_("Primary volume"), state.primary], [_("Secondary"), `${d.User}@${d.Host}::${state.secondary}`],
        [_("SSH port"), state.port]];
    return (
        <>
            <Facts items={facts} />
            <Findings findings={findings} />
            {emptyFiles &&
                <Checkbox id="gr-use-tarssh" data-test="use-tarssh" isChecked={!!state.tarssh} onChange={tarssh => set({ tarssh })}
                          label={_("Create the session with the tarssh sync method (rsync here leaves empty files)")} />}
            {findings?.list?.some(([, severity]) => severity === "error") &&
                <p className="gr-hint">{format(_("georepd refuses to create the session while an error is found, unless “$0” is chosen in the options."), _("Force"))}</p>}
        </>
    );
}
