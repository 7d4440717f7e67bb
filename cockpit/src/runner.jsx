// Running an action: its button shows progress and cannot be pressed
// again, its outcome (progress, error, success) appears in an alert
// beside it.
import React, { useCallback, useState } from "react";
import { Alert, Button, Spinner } from "@patternfly/react-core";
import { explain } from "./dbus.js";
import { isBusy, setBusy, useBusy } from "./busy.js";
import { _ } from "./gettext.js";

export function errorOutcome(error) {
    const { title, text } = explain(error);
    return { variant: "danger", title, text, test: "error" };
}

// Returns [outcome, setOutcome, run]: run(key, progress, fn) resolves to
// fn's value, or undefined after an error (then shown as the outcome).
export function useRunner() {
    const [outcome, setOutcome] = useState(null);
    const run = useCallback(async (key, progress, fn) => {
        if (isBusy(key))
            return undefined;
        setBusy(key, true);
        setOutcome({ progress });
        try {
            const value = await fn();
            setOutcome(null);
            return value;
        } catch (error) {
            console.warn(`${key}: ${error.name || ""} ${error.message || error}`);
            setOutcome(errorOutcome(error));
            return undefined;
        } finally {
            setBusy(key, false);
        }
    }, []);
    return [outcome, setOutcome, run];
}

// The outcome's place; TEST names it for the browser tests.
export function Outcome({ value, test }) {
    return (
        <div className="gr-result" data-test={test}>
            {value?.progress &&
                <span className="gr-progress">
                    <Spinner isSVG size="md" aria-valuetext={_("Working")} /> {value.progress}
                </span>}
            {value?.title &&
                <Alert isInline variant={value.variant} title={value.title} data-test={value.test}>
                    {value.text}
                </Alert>}
        </div>
    );
}

// A button bound to a busy key: disabled while the action runs.
export function ActionButton({ busyKey, action, variant, isDisabled, onClick, children, ...rest }) {
    useBusy();
    const working = isBusy(busyKey);
    return (
        <Button variant={variant || "secondary"} isDisabled={isDisabled || working}
                isLoading={working} spinnerAriaValueText={_("Working")}
                data-action={action} onClick={onClick} {...rest}>
            {children}
        </Button>
    );
}
