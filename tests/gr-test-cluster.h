/* Helpers of the tests on the two-cluster sandbox (scripts/sandbox
 * cluster-up, scripts/sandbox-cluster.sh): hosts A and B (the primary
 * cluster; A is this one, georepd's) and C (the secondary cluster), their
 * volumes, and sessions A+B → C made through georepd. Volumes are named
 * grsb* and removed by the teardown, also after a failed assertion. */
#pragma once

#include <gio/gio.h>

#include "gr-generated.h"

G_BEGIN_DECLS

typedef struct {
  GDBusConnection *bus;
  GrManager *manager;
  GDBusObjectManager *objects;
  const char *primary;
  const char *secondary;
  const char *user;  /* the secondary user; NULL for root */
  char *destination; /* a destination the test added, removed in teardown */
  char *user_destination; /* the same for the secondary user */
  gboolean force;         /* CreateSession with force */
} GrTestCluster;

/* --- the hosts ----------------------------------------------------------- */

/* The address of host A, B or C. */
const char *gr_test_cluster_addr (const char *host);

/* Runs `scripts/sandbox WORDS…` (cluster-glusterd HOST stop|start, on
 * HOST …); returns its exit status. */
int gr_test_sandbox (const char *first, ...) G_GNUC_NULL_TERMINATED;

/* The first words of gr_test_sandbox () for a gluster command on C. */
#define GR_TEST_GLUSTER_ON_C "on", "C", "gluster", "--mode=script"

/* A brick directory never used before on HOST, as HOST:DIR. */
char *gr_test_cluster_brick (const char *host, const char *volume);

/* C's link to the bridge "up" or "down" (every packet lost). */
void gr_test_cluster_set_c_link (const char *state);

/* --- volumes ------------------------------------------------------------- */

/* A replica-2 volume over A and B, started. */
void gr_test_cluster_primary_create (const char *name);
/* A distribute volume: one brick on A, one on B. */
void gr_test_cluster_primary_create_distribute (const char *name);
/* A one-brick volume on C, started; returns the brick's directory. */
char *gr_test_cluster_secondary_create (const char *name);
void gr_test_cluster_secondary_destroy (const char *name);

/* --- the fixture ---------------------------------------------------------- */

/* @data: { primary, secondary, NULL } volume names. Clears what an
 * aborted run of the same test left. */
void gr_test_cluster_setup (GrTestCluster *f, gconstpointer data);
/* Puts back C's link and B's glusterd, removes the destinations, the
 * session and both volumes. */
void gr_test_cluster_teardown (GrTestCluster *f, gconstpointer data);
/* Stops (force) and deletes f's session with the CLI, ignoring errors. */
void gr_test_cluster_session_destroy (GrTestCluster *f);

/* --- sessions through georepd --------------------------------------------- */

GVariant *gr_test_options_none (void);
/* Manager.Refresh; fails the test on an error. */
void gr_test_cluster_refresh (GrTestCluster *f);
/* CreateSession from A to C (as f->user when set; tarssh; push-pem);
 * returns the session's proxy once the object is there. */
GrSession *gr_test_cluster_create_session (GrTestCluster *f);
void gr_test_cluster_start_session (GrSession *session);
/* The status word of the worker of HOST's brick, NULL if none is shown. */
const char *gr_test_cluster_worker_status (GrSession *session,
                                           const char *host);
/* One worker Active, the other Passive (a GrSession *). */
gboolean gr_test_cluster_active_passive (gpointer data);
gboolean gr_test_cluster_is_stopped (gpointer data);
/* Waits until @check (session) holds, refreshing between looks (B's
 * workers come only from the CLI poll); fails the test with @what after
 * @seconds. */
void gr_test_cluster_await_refreshed (GrTestCluster *f,
                                      GrSession *session,
                                      gboolean (*check) (gpointer),
                                      guint seconds,
                                      const char *what);
/* A destination on C for @user, its host key as ProbeHost reports it. */
char *gr_test_cluster_add_destination_c (GrTestCluster *f, const char *user);

G_END_DECLS
