// How far behind a session is: its lag and trend, and a chart of the
// lag over its history (Session.GetHistory, one sample a minute for a
// day by default). A small SVG of its own: no chart library, no inline
// styles (Cockpit's CSP); colours from PatternFly's variables (index.css).
import React, { useEffect, useState } from "react";
import { Alert, Card, CardBody, CardTitle, Title } from "@patternfly/react-core";
import { _, format } from "./gettext.js";
import { call, SESSION } from "./dbus.js";
import { v } from "./variant.js";

const WIDTH = 600;
const HEIGHT = 120;

// Session.Lag and a worker's lag: seconds, -1 when it cannot be known.
export function formatLag(value) {
    const s = Number(value);
    if (!(s >= 0))
        return "—";
    if (s < 60)
        return format(_("$0 s"), s);
    if (s < 3600)
        return format(_("$0 min $1 s"), Math.floor(s / 60), s % 60);
    if (s < 86400)
        return format(_("$0 h $1 min"), Math.floor(s / 3600), Math.floor(s % 3600 / 60));
    return format(_("$0 d $1 h"), Math.floor(s / 86400), Math.floor(s % 86400 / 3600));
}

const N_ = text => text;
const TRENDS = {
    steady: N_("steady"),
    "catching-up": N_("catching up"),
    "falling-behind": N_("falling behind"),
};

// Read the history again each minute (a sample a minute by default),
// and when the lag changed.
const RELOAD_MS = 60000;

function useHistory(s) {
    const [state, setState] = useState({ samples: null, error: null });
    useEffect(() => {
        let live = true;
        const load = () => call(s.path, SESSION, "GetHistory", [{}])
                .then(([samples]) => live && setState({ samples, error: null }))
                .catch(error => live && setState({ samples: null, error }));
        load();
        const timer = setInterval(load, RELOAD_MS);
        return () => { live = false; clearInterval(timer) };
    }, [s.path, s.Lag]);
    return state;
}

// The samples as [time, lag] with a known lag, and the chart's scales.
export function chartPoints(samples) {
    const known = (samples || []).map(x => [Number(v(x, "time")), Number(v(x, "lag"))])
            .filter(([, lag]) => lag >= 0);
    if (known.length < 2)
        return null;
    const t0 = known[0][0];
    const span = Math.max(known[known.length - 1][0] - t0, 1);
    const top = Math.max(...known.map(([, lag]) => lag), 1);
    const points = known.map(([t, lag]) =>
        `${((t - t0) / span * WIDTH).toFixed(1)},${(HEIGHT - lag / top * HEIGHT).toFixed(1)}`);
    return { points: points.join(" "), top, from: t0, to: t0 + span };
}

function LagChart({ samples }) {
    const chart = chartPoints(samples);
    if (!chart)
        return <p data-test="lag-chart-empty">{_("Not enough history for a chart yet.")}</p>;
    const label = format(_("Lag from $0 to $1, at most $2"), new Date(chart.from * 1000).toLocaleString(),
                         new Date(chart.to * 1000).toLocaleString(), formatLag(chart.top));
    return (
        <figure className="gr-lag-chart" data-test="lag-chart">
            <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none" role="img" aria-label={label}>
                <polyline className="gr-lag-line" points={chart.points} />
            </svg>
            <figcaption>{label}</figcaption>
        </figure>
    );
}

export function LagCard({ s }) {
    const { samples, error } = useHistory(s);
    const trend = TRENDS[s.LagTrend];
    return (
        <Card className="gr-card" aria-label={_("Lag")}>
            <CardTitle><Title headingLevel="h2" size="lg">{_("Lag")}</Title></CardTitle>
            <CardBody>
                <p data-test="lag" data-lag={String(s.Lag)}>
                    {format(_("Behind by $0"), formatLag(s.Lag))}
                    {trend && <span data-test="lag-trend">{` (${_(trend)})`}</span>}
                </p>
                {error && <Alert isInline variant="warning" title={_("The history could not be read")}>{String(error.message || error)}</Alert>}
                {samples && <LagChart samples={samples} />}
            </CardBody>
        </Card>
    );
}
