/* Helpers of the disaster recovery tests (tests/test-dr.c on the
 * sandbox, tests/test-cluster-dr.c on the two-cluster sandbox): sync
 * window runs, jobs, Promote and Failback calls, and the files written
 * on a promoted volume. */
#pragma once

#include <gio/gio.h>

#include "gr-generated.h"

G_BEGIN_DECLS

/* --- sync windows -------------------------------------------------------- */

/* Session.GetRuns, oldest first. */
GVariant *gr_test_dr_get_runs (GrSession *session);
/* The runs once there are @count in all; fails the test after @seconds. */
GVariant *
gr_test_dr_await_runs (GrSession *session, guint count, guint seconds);
/* Asserts that a run (a GetRuns entry) succeeded with its checkpoint;
 * prints it and returns its duration in seconds. */
guint64 gr_test_dr_assert_succeeded (GVariant *run);
/* Asserts that a run failed with a reason, which it returns. */
const char *gr_test_dr_assert_failed (GVariant *run);
/* Session.RunSyncWindow with @timeout; returns the job's path. */
char *gr_test_dr_run_now (GrSession *session, guint timeout);
/* Session.SetSchedule, asserting Schedule and NextRun as the service
 * has them now. */
void gr_test_dr_set_schedule (GDBusConnection *bus,
                              GrSession *session,
                              const char *schedule,
                              guint timeout);
/* Session.RemoveSchedule: asserts that PropertiesChanged brought
 * Schedule "" and NextRun 0 before the reply, so that a cached proxy
 * shows them at once. */
void gr_test_dr_remove_schedule (GDBusConnection *bus, GrSession *session);
/* A schedule of "every 20s" on @session, which had @runs_before runs:
 * two runs by the schedule succeed, each with its checkpoint; then the
 * schedule is removed (gr_test_dr_remove_schedule ()). */
void gr_test_dr_schedule_runs_twice (GDBusConnection *bus,
                                     GrSession *session,
                                     guint runs_before);
/* A session's property as the service has it now (no proxy's cache). */
GVariant *gr_test_dr_property_now (GDBusConnection *bus,
                                   GrSession *session,
                                   const char *name);
/* Created or stopped (a GrSession *), and its opposite. */
gboolean gr_test_dr_session_is_idle (gpointer session);
gboolean gr_test_dr_session_is_running (gpointer session);

/* --- jobs ----------------------------------------------------------------- */

GrJob *gr_test_dr_job (GDBusConnection *bus, const char *path);
/* Completed, failed or aborted (a GrJob *). */
gboolean gr_test_dr_job_is_over (gpointer job);
/* The job once it is no longer running (waiting, failed, over); fails
 * the test after @seconds. */
GrJob *gr_test_dr_await_settled (GDBusConnection *bus,
                                 const char *path,
                                 guint seconds);

/* --- failover and failback ------------------------------------------------ */

/* Destination.Promote of @volume: refused without confirm, then begun
 * with it; returns the job's path. */
char *gr_test_dr_promote (GDBusConnection *bus,
                          const char *destination,
                          const char *volume);
/* Session.Failback with confirm, @primary_host and @timeout. */
char *gr_test_dr_failback (GrSession *session,
                           const char *primary_host,
                           guint timeout);
/* The failback waits for the confirmation that I/O stopped: Resume
 * without it is refused, with it the job goes on. */
void gr_test_dr_confirm_io_stopped (GrJob *waiting);
/* @key of @volume from `gluster volume get`, run after @prefix (a
 * command that runs it elsewhere, e.g. on host C; NULL: here), or NULL;
 * and the assertion that it is @value. */
char *gr_test_dr_volume_option (const char *const *prefix,
                                const char *volume,
                                const char *key);
void gr_test_dr_assert_option (const char *const *prefix,
                               const char *volume,
                               const char *key,
                               const char *value);

/* Files "failover-N.txt" written into, and found in, a mount. */
void gr_test_dr_write_files (const char *mount, guint count);
void gr_test_dr_assert_files (const char *mount, guint count);

G_END_DECLS
