/* georepd: the checks of Manager.CheckSecondary — can this primary volume
 * replicate to that secondary volume on that host? — as findings with a
 * stable id (part of the API, docs/api.md), a severity and a message that
 * says what to do.
 *
 * Each check here is computed from plain inputs gathered elsewhere: the
 * remote gluster's XML answers and command results (gr-ssh.h,
 * gr_ssh_probe_secondary), this node's sessions and volumes. They follow
 * gluster's own create check (gverify.sh: reachability, passwordless
 * login, gluster on the secondary, mount, sizes, emptiness, versions) and
 * add what gsyncd needs later (rsync on both sides, the mountbroker for a
 * non-root user, a secondary nobody else writes to). An error blocks
 * CreateSession unless forced; a warning does not. */
#pragma once

#include <glib.h>

#include "gr-gluster-types.h"
#include "gr-gluster-result.h"

G_BEGIN_DECLS

typedef enum {
  GR_FINDING_ERROR,
  GR_FINDING_WARNING,
} GrFindingSeverity;

/* One kind of finding: its id, its severity and what it is about. */
typedef struct {
  const char *id;
  GrFindingSeverity severity;
  const char *about;
} GrFindingKind;

/* A finding's message is valid UTF-8 without control characters, at most
 * this long. */
#define GR_FINDING_MESSAGE_MAX 1024

typedef struct {
  const GrFindingKind *kind;
  char *message;
} GrFinding;

/* Every kind, for documentation and tests. */
const GrFindingKind *gr_finding_kinds (gsize *n_kinds);
const GrFindingKind *gr_finding_kind_lookup (const char *id);
/* "error" or "warning", as CheckSecondary replies. */
const char *gr_finding_severity_to_string (GrFindingSeverity severity);

/* A check's findings are at most this many. */
#define GR_FINDINGS_MAX 32

/* A GPtrArray of GrFinding *. */
GPtrArray *gr_findings_new (void);
/* Adds a finding of the kind @id (which must exist), unless the same
 * finding (kind and message) is there or GR_FINDINGS_MAX are. */
void
gr_findings_add (GPtrArray *findings, const char *id, const char *format, ...)
    G_GNUC_PRINTF (3, 4);
gboolean gr_findings_have (GPtrArray *findings, const char *id);
/* Removes the findings of the kind @id. */
void gr_findings_remove (GPtrArray *findings, const char *id);
gboolean gr_findings_have_error (GPtrArray *findings);

/* Remote `gluster --xml volume info SECONDARY` as @xml (NULL when the
 * command could not run): missing or not started. Sets *@volume to the
 * volume read (NULL when none). */
void gr_check_secondary_volume (GPtrArray *findings,
                                const char *host,
                                const char *secondary,
                                const char *xml,
                                GrVolumeInfo **volume);

/* This node's sessions (GrSessionStatus *, from `geo-replication
 * status`): the primary already replicating to host::secondary, or the
 * secondary being another primary's. */
void gr_check_local_sessions (GPtrArray *sessions,
                              const char *primary,
                              const char *host,
                              const char *secondary,
                              GPtrArray *findings);

/* The names in the secondary host's gluster geo-replication directory
 * (one a line): "PRIMARY_SECONDARY_common_secret.pem.pub", left there by
 * create push-pem, tells that PRIMARY replicates (or did: gluster leaves
 * it after a delete) to SECONDARY: a warning, not an error, one for all
 * such primaries (the first few named). */
void gr_check_remote_keys (GPtrArray *findings,
                           const char *listing,
                           const char *primary,
                           const char *secondary);

/* The output of the secondary's emptiness probe: "empty", or "not-empty
 * NAME" naming an entry found at the volume's top; anything else means
 * the probe could not mount the volume. */
void gr_check_emptiness (GPtrArray *findings,
                         const char *host,
                         const char *secondary,
                         const char *output);

/* Sizes in bytes; 0 when unknown (no finding then). */
void gr_check_sizes (GPtrArray *findings,
                     guint64 primary_total,
                     guint64 primary_used,
                     guint64 secondary_total,
                     guint64 secondary_free);

/* Versions as "10.3" (gr_gluster_parse_version()); @remote NULL when
 * gluster is not installed there. Like gluster's create check, any
 * difference is an error. */
void gr_check_versions (GPtrArray *findings,
                        const char *host,
                        const char *local,
                        const char *remote);

/* @remote_found: 1 found, 0 not found, -1 unknown. */
void gr_check_rsync (GPtrArray *findings,
                     const char *host,
                     gboolean local_found,
                     int remote_found);

/* gsyncd's rsync as the session will sync (@sync_method NULL: rsync;
 * @rsync_options: its rsync-options) into a secondary whose rsync is
 * @remote_version (NULL: not known, no finding): files left empty
 * (gr-rsync-receiver.h). */
void gr_check_rsync_receiver (GPtrArray *findings,
                              const char *host,
                              const char *remote_version,
                              const char *sync_method,
                              const char *rsync_options);

/* For a non-root @user: the secondary host's glusterd.vol text (NULL
 * when unreadable) must set up a mountbroker (mountbroker-root) that
 * admits @user to @secondary (mountbroker-geo-replication.USER). With
 * @root_trust (georepd has the root destination of @host) the fix is a
 * SetupMountbroker call, else the admin's commands there; without it,
 * the session's keys also need the admin after the create. */
void gr_check_mountbroker (GPtrArray *findings,
                           const char *host,
                           const char *user,
                           const char *secondary,
                           gboolean root_trust,
                           const char *glusterd_vol);

/* The error of the key login to user@host, NULL when it worked. */
void gr_check_login (GPtrArray *findings,
                     const char *host,
                     const char *user,
                     const GError *login_error);

/* What the destination told about the secondary (gathered by
 * gr_ssh_probe_secondary(), gr-ssh-secondary.h); all of it remote text. */
typedef struct {
  char *gluster_version; /* first line of `gluster --version`; NULL: none */
  int rsync;             /* 1 found, 0 missing, -1 unknown */
  char *rsync_version;   /* "3.5.0" from `rsync --version`; NULL: unknown */
  char *volume_info;     /* `gluster --xml volume info VOL`, or NULL */
  char *volume_detail;   /* `gluster --xml volume status VOL detail` */
  /* the mount's verdict: "empty", "not-empty NAME", "not-root",
   * "mount-failed" */
  char *emptiness;
  guint64 size_total; /* df of that mount; 0 when unknown */
  guint64 size_used;
  guint64 size_free;
  char *key_listing;  /* names in glusterd's geo-replication directory */
  char *glusterd_vol; /* its /etc/glusterfs/glusterd.vol; NULL unread */
} GrSecondaryFacts;

void gr_secondary_facts_free (GrSecondaryFacts *facts);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrSecondaryFacts, gr_secondary_facts_free)

/* Everything CheckSecondary looks at. */
typedef struct {
  const char *primary;
  const char *host;
  const char *user;
  const char *secondary;
  const char *local_version; /* this node's gluster, "10.3" */
  gboolean local_rsync;
  GPtrArray *sessions;   /* this node's GrSessionStatus *, or NULL */
  guint64 primary_total; /* the primary's capacity; 0 when unknown */
  guint64 primary_used;
  gboolean root_trust;           /* georepd has the root destination of host */
  const GError *login_error;     /* why the destination was not asked */
  const GrSecondaryFacts *facts; /* NULL when it was not */
} GrSecondaryCheck;

/* Runs every check that its inputs allow: GPtrArray of GrFinding *. */
GPtrArray *gr_secondary_check_run (const GrSecondaryCheck *check);

G_END_DECLS
