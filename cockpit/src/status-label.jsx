// The state of a session, a worker, a destination or a job as a
// PatternFly Label, in words georepd's states translate to.
import React from "react";
import { Label, Tooltip } from "@patternfly/react-core";
import { _ } from "./gettext.js";

const N_ = text => text;

const STATUS = {
    active: ["green", N_("Active")],
    passive: ["blue", N_("Passive")],
    created: ["cyan", N_("Created")],
    initializing: ["purple", N_("Initializing")],
    paused: ["gold", N_("Paused")],
    faulty: ["red", N_("Faulty")],
    "partial-faulty": ["orange", N_("Partly faulty")],
    partial: ["orange", N_("Partly unknown")],
    offline: ["grey", N_("Offline")],
    stopped: ["grey", N_("Stopped")],
    unknown: ["grey", N_("Unknown")],
};

// Worker states come as gluster spells them ("Initializing...").
export function workerStatusKey(status) {
    return (status || "unknown").toLowerCase().replace(/\.+$/, "").replace(/ /g, "-");
}

export function StatusLabel({ status }) {
    const key = status || "unknown";
    const [color, text] = STATUS[key] || ["grey", key];
    return <Label color={color} data-status={key}>{_(text)}</Label>;
}

const HEALTH = {
    ok: ["green", N_("Verified")],
    "empty-files": ["red", N_("Empty files on the secondary")],
    mismatch: ["orange", N_("Files differ")],
    unknown: ["grey", N_("Not verified")],
};

// Issue 23's Health property; an older georepd has none: unknown.
export function HealthLabel({ health, message }) {
    const key = HEALTH[health] ? health : "unknown";
    const [color, text] = HEALTH[key];
    const label = <Label color={color} data-health={key} variant="outline">{_(text)}</Label>;
    return message ? <Tooltip content={message}>{label}</Tooltip> : label;
}

const TRUST = {
    ok: ["green", N_("Key login works")],
    failed: ["red", N_("Key login fails")],
    unknown: ["grey", N_("Not tested")],
};

export function TrustLabel({ state }) {
    const [color, text] = TRUST[state] || TRUST.unknown;
    return <Label color={color} data-trust={state}>{_(text)}</Label>;
}

const JOB = {
    running: ["blue", N_("Running")],
    waiting: ["gold", N_("Waiting for you")],
    failed: ["red", N_("Failed")],
    completed: ["green", N_("Completed")],
    aborted: ["grey", N_("Aborted")],
};

export function JobStateLabel({ state }) {
    const [color, text] = JOB[state] || ["grey", null];
    return <Label color={color} data-job-state={state}>{text ? _(text) : state}</Label>;
}
