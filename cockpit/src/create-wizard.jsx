// Creating a session in a PatternFly wizard: the primary volume, a
// destination (picked or added on the spot), the secondary volume from
// the destination's last test, the options, then a review with
// georepd's check; create, and optionally start.
/* global cockpit */
import React, { useState } from "react";
import { Wizard } from "@patternfly/react-core";
import { _ } from "./gettext.js";
import { call, options, uint16, label, MANAGER, SESSION, ROOT } from "./dbus.js";
import { Outcome, useRunner } from "./runner.jsx";
import { PrimaryStep, DestinationStep, SecondaryStep, OptionsStep, flagValue } from "./create-steps.jsx";
import { ReviewStep } from "./create-review.jsx";

function sessionOptions(state, d) {
    return options({
        "secondary-user": d.User,
        "ssh-port": uint16(state.port || d.Port || 22),
        "push-pem": flagValue(state, "push-pem"),
        "no-verify": flagValue(state, "no-verify"),
        force: flagValue(state, "force"),
        "sync-method": state.tarssh ? "tarssh" : undefined,
    });
}

function useCreate(app, state) {
    const [outcome, , run] = useRunner();
    const create = async () => {
        const d = app.destinations[state.destination];
        const path = await run("create", _("Creating the session…"), async () =>
            (await call(ROOT, MANAGER, "CreateSession", [state.primary, d.Host, state.secondary, sessionOptions(state, d)]))[0]);
        if (!path)
            return;
        // A failed start leaves its error shown; the session exists.
        if (flagValue(state, "start") &&
            !await run("create", _("Starting the session…"), () => call(path, SESSION, "Start", [options({})])))
            return;
        cockpit.location.go(["session", label(path)]);
    };
    return [outcome, create];
}

export function CreateWizard({ app }) {
    const [state, setState] = useState({ primary: "", destination: null, adding: false, secondary: "", port: "", flags: {} });
    const set = change => setState(old => ({ ...old, ...change }));
    const pick = path => {
        const d = path ? app.destinations[path] : null;
        set({ destination: path, adding: false, secondary: "", port: d ? String(d.Port || 22) : "" });
    };
    const [outcome, create] = useCreate(app, state);
    const [, , run] = useRunner();
    const d = state.destination ? app.destinations[state.destination] : null;
    const ready = !!(state.primary && d && state.secondary);
    const steps = [
        { id: 1, name: _("Primary volume"), component: <PrimaryStep app={app} state={state} set={set} />, enableNext: !!state.primary },
        { id: 2, name: _("Destination"), component: <DestinationStep app={app} state={state} set={set} pick={pick} />, enableNext: !!d, canJumpTo: !!state.primary },
        { id: 3, name: _("Secondary volume"), component: <SecondaryStep app={app} state={state} set={set} run={run} />, enableNext: !!state.secondary, canJumpTo: !!d },
        { id: 4, name: _("Options"), component: <OptionsStep state={state} set={set} />, canJumpTo: ready },
        {
            id: 5, name: _("Review"), canJumpTo: ready, enableNext: ready, nextButtonText: _("Create"),
            component: <>{ready && <ReviewStep state={state} d={d} set={set} />}<Outcome value={outcome} test="create-result" /></>,
        },
    ];
    return (
        <Wizard className="gr-wizard" navAriaLabel={_("Steps of creating a session")} mainAriaLabel={_("Create a session")}
                steps={steps} onSave={create} onClose={() => cockpit.location.go([])}
                nextButtonText={_("Next")} backButtonText={_("Back")} cancelButtonText={_("Cancel")} />
    );
}
