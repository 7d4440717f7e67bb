// Times as the admin's browser writes them.
import { _, format } from "./gettext.js";

// Unix seconds (or µs when `micro`) → local date and time; 0 → "—".
export function formatTime(value, micro) {
    const seconds = micro ? Number(value) / 1e6 : Number(value);
    if (!seconds)
        return "—";
    return new Date(seconds * 1000).toLocaleString();
}

// A duration in seconds in the largest whole unit ("15 min", "2 h").
export function formatInterval(seconds) {
    const s = Number(seconds);
    if (!s)
        return _("Off");
    if (s % 3600 === 0)
        return format(_("$0 h"), s / 3600);
    if (s % 60 === 0)
        return format(_("$0 min"), s / 60);
    return format(_("$0 s"), s);
}
