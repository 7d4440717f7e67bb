// The page's only connection: georepd on the system bus, through
// cockpit.dbus. Lists come from the ObjectManager at the root path
// (cockpit's proxies() watch it), updates from PropertiesChanged.
/* global cockpit */
import { _ } from "./gettext.js";

const N_ = text => text; // marked for translation, translated when shown

export const BUS_NAME = "org.gluster.GeoReplication1";
export const ROOT = "/org/gluster/GeoReplication1";
const IFACE = BUS_NAME;
export const MANAGER = `${IFACE}.Manager`;
export const SESSION = `${IFACE}.Session`;
export const DESTINATION = `${IFACE}.Destination`;
export const JOB = `${IFACE}.Job`;
const ERROR = `${IFACE}.Error.`;

let client = null;

// One watch of the tree below the root (one GetManagedObjects) feeds the
// session, destination and job proxies; a watch per list would cost a round
// of calls each. The ObjectManager does not list its own object: the
// Manager proxy watches the root path itself.
export function connect() {
    client = cockpit.dbus(BUS_NAME, { bus: "system", superuser: "try" });
    const noWatch = { watch: false };
    const manager = client.proxy(MANAGER, ROOT);
    return {
        client,
        ready: Promise.allSettled([client.watch({ path_namespace: ROOT }), manager.wait()]),
        manager,
        sessions: client.proxies(SESSION, `${ROOT}/sessions`, noWatch),
        destinations: client.proxies(DESTINATION, `${ROOT}/destinations`, noWatch),
        jobs: client.proxies(JOB, `${ROOT}/jobs`, noWatch),
    };
}

// Variants for an a{sv}: { force: true } → { force: { t: "b", v: true } }.
export function options(values) {
    const out = {};
    for (const [key, value] of Object.entries(values || {})) {
        if (value === undefined || value === null)
            continue;
        if (typeof value === "boolean")
            out[key] = { t: "b", v: value };
        else if (typeof value === "string")
            out[key] = { t: "s", v: value };
        else if (Array.isArray(value))
            out[key] = { t: "as", v: value };
        else if (value && value.t)
            out[key] = value;
        else
            throw new Error(`no D-Bus type for option ${key}`);
    }
    return out;
}

export function uint16(v) { return { t: "q", v: Number(v) } }
export function uint32(v) { return { t: "u", v: Number(v) } }
export function uint64(v) { return { t: "t", v: Number(v) } }

// Calls METHOD on PATH's INTERFACE with ARGS (the final a{sv} included);
// types from the interface's introspection data, which the proxies hold.
export function call(path, iface, method, args) {
    return client.call(path, iface, method, args, { timeout: 600000 });
}

export function label(path) {
    return path.slice(path.lastIndexOf("/") + 1);
}

// A D-Bus error in plain words, with what to do about it.
const TITLES = {
    GlusterdUnavailable: N_("glusterd is not running"),
    GlusterFailed: N_("Gluster refused"),
    HostKeyMismatch: N_("The host key changed"),
    HostUnreachable: N_("The host cannot be reached"),
    AuthenticationFailed: N_("Login failed"),
    InvalidState: N_("Not possible in this state"),
    InvalidArgument: N_("Invalid input"),
    Busy: N_("Busy"),
    Timedout: N_("Timed out"),
    AlreadyExists: N_("Already exists"),
    NotFound: N_("Not found"),
};

function notAuthorized() {
    return {
        title: _("Not authorized"),
        text: _("You are not allowed to do this. Turn on administrative access " +
                "(the “Limited access” button at the top of Cockpit), or ask " +
                "your administrator for a polkit rule granting the " +
                "org.gluster.georeplication1 actions."),
    };
}

export function explain(error) {
    const name = (error && error.name) || "";
    const message = (error && error.message) || String(error);
    const short = name.startsWith(ERROR) ? name.slice(ERROR.length) : name;
    if (short.startsWith("NotAuthorized"))
        return notAuthorized();
    if (TITLES[short])
        return { title: _(TITLES[short]), text: message };
    if (error && error.problem === "access-denied")
        return { title: _("Not authorized"), text: message };
    if (error && error.problem)
        return { title: _("Cannot reach georepd"), text: `${message} (${error.problem})` };
    return { title: _("Failed"), text: message };
}
