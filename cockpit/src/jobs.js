// The long operations (docs/disaster-recovery.md) as the page reads
// them: the Job objects the proxies hold, what each operation's steps do
// in words (the step names stay georepd's), and what a job works on.
import { ROOT, label } from "./dbus.js";
import { _, format } from "./gettext.js";
import { secondaryUrl } from "./sessions.js";

const N_ = text => text; // marked for translation, translated when shown

// Each operation's steps in georepd's order (service/objects/gr-dr-*.c),
// so that a dialog can say what a job will do before it exists.
const STEPS = {
    "sync-window": {
        "start-session": N_("Start the session if it is stopped"),
        "set-checkpoint": N_("Set a checkpoint"),
        "touch-root": N_("Touch the primary volume's root, so that the checkpoint can complete without other writes"),
        "wait-checkpoint": N_("Wait until every active worker completed the checkpoint"),
        "restore-session": N_("Stop the session again if this run started it"),
    },
    promote: {
        "check-volume": N_("Check that the secondary volume exists and is started"),
        "read-only-off": N_("Make the volume writable (features.read-only off)"),
        "indexing-on": N_("Turn on indexing (geo-replication.indexing on)"),
        "changelog-on": N_("Turn on the changelog (changelog.changelog on)"),
    },
    failback: {
        precheck: N_("Check that the primary volume is started here and the secondary volume there"),
        "stop-session": N_("Stop this session (with force when primary nodes are down)"),
        "confirm-io-stopped": N_("Wait for your confirmation that all I/O on the promoted volume has stopped"),
        "prepare-keys": N_("Create the secondary cluster's geo-replication keys (gsec_create)"),
        "create-reverse": N_("Create the reverse session, secondary → primary (push-pem)"),
        "reverse-ssh-port": N_("Set the reverse session's SSH port"),
        "reverse-sync-method": N_("Give the reverse session this session's sync method"),
        "reverse-recover-mode": N_("Resync everything, not only the changelog (special-sync-mode recover)"),
        "reverse-gfid-mode": N_("Set gfid-conflict-resolution false, as gluster's failback guide says"),
        "start-reverse": N_("Start the reverse session"),
        "checkpoint-reverse": N_("Set a checkpoint on the reverse session"),
        "touch-promoted-root": N_("Touch the promoted volume's root, so that the checkpoint can complete"),
        "wait-reverse": N_("Wait until the reverse session completed the checkpoint"),
        "stop-reverse": N_("Stop the reverse session"),
        "delete-reverse": N_("Delete the reverse session"),
        "restore-read-only": N_("Make the secondary volume read-only again"),
        "start-session": N_("Start this session again"),
    },
};

const OPERATIONS = {
    "sync-window": N_("Sync window"),
    promote: N_("Promotion"),
    failback: N_("Failback"),
};

export function plannedSteps(operation) {
    return Object.keys(STEPS[operation] || {});
}

// What STEP of OPERATION does, in words; an unknown step by its name.
export function stepText(operation, step) {
    const text = STEPS[operation]?.[step];
    return text ? _(text) : step;
}

export function operationText(operation) {
    return OPERATIONS[operation] ? _(OPERATIONS[operation]) : operation;
}

export const ACTIVE = ["running", "waiting", "failed"];

export function jobList(app) {
    return Object.keys(app.jobs).map(path => app.jobs[path])
            .filter(job => job && job.valid)
            .sort((a, b) => Number(b.StartTime) - Number(a.StartTime));
}

export function jobByLabel(app, name) {
    const job = app.jobs[`${ROOT}/jobs/${name}`];
    return job && job.valid ? job : null;
}

export function jobHref(path) {
    return `#/jobs/${encodeURIComponent(label(path))}`;
}

// The session ("P → host::S") or destination ("user@host") a job works on.
export function jobTarget(app, job) {
    const s = app.sessions[job.Object];
    if (s?.valid)
        return `${s.PrimaryVolume} → ${secondaryUrl(s)}`;
    const d = app.destinations[job.Object];
    if (d?.valid)
        return `${d.User}@${d.Host}`;
    return format(_("$0 (gone)"), decodeLabel(label(job.Object || "/")));
}

// An object path's last element as georepd encodes it (common/gr-label.c:
// every byte but [A-Za-z0-9] as _XX), read back: "P::HOST::S".
function decodeLabel(text) {
    try {
        return decodeURIComponent(text.replace(/_([0-9a-f]{2})/g, "%$1"));
    } catch {
        return text;
    }
}

// "step 3 of 5"; a completed job is past its last step.
export function stepCount(job) {
    const total = (job.Steps || []).length;
    return format(_("$0 of $1"), Math.min(Number(job.CurrentStep) + 1, total), total);
}
