// Reading the session list the proxies hold.
import { ROOT, label } from "./dbus.js";
import { _, format } from "./gettext.js";
import { formatTime } from "./time.js";

export function sessionList(app) {
    return Object.keys(app.sessions)
            .map(path => app.sessions[path])
            .filter(proxy => proxy && proxy.valid)
            .sort((a, b) => sortKey(a).localeCompare(sortKey(b), undefined, { numeric: true }));
}

function sortKey(s) {
    return `${s.PrimaryVolume}\u0000${s.SecondaryHost}\u0000${s.SecondaryVolume}`;
}

export function sessionByLabel(app, name) {
    const proxy = app.sessions[`${ROOT}/sessions/${name}`];
    return proxy && proxy.valid ? proxy : null;
}

export function sessionHref(proxy) {
    return `#/session/${encodeURIComponent(label(proxy.path))}`;
}

// user@host::volume, the user only when not root (as gluster writes it).
export function secondaryUrl(s) {
    const user = s.SecondaryUser && s.SecondaryUser !== "root" ? `${s.SecondaryUser}@` : "";
    return `${user}${s.SecondaryHost}::${s.SecondaryVolume}`;
}

export function checkpointText(s) {
    if (!s.CheckpointTime)
        return _("None");
    if (s.CheckpointCompleted)
        return format(_("$0, completed $1"), formatTime(s.CheckpointTime), formatTime(s.CheckpointCompletionTime));
    return format(_("$0, pending"), formatTime(s.CheckpointTime));
}
