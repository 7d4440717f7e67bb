// Actions under way, by key ("SESSION:start"), so that a view rendered
// again meanwhile shows the same progress and no action runs twice.
import { useEffect, useReducer } from "react";

const busy = new Set();
const listeners = new Set();

export function isBusy(key) { return busy.has(key) }

export function setBusy(key, on) {
    if (on)
        busy.add(key);
    else
        busy.delete(key);
    for (const f of listeners)
        f();
}

// Re-renders the calling component when any action starts or ends.
export function useBusy() {
    const [, bump] = useReducer(n => n + 1, 0);
    useEffect(() => {
        listeners.add(bump);
        return () => listeners.delete(bump);
    }, []);
}
