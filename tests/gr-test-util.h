/* Shared helpers of the integration tests, which run against the
 * sandbox (scripts/sandbox up). A missing sandbox fails the test: it is
 * never skipped. */
#pragma once

#include <gio/gio.h>

#include "gr-generated.h"

G_BEGIN_DECLS

/* The value of a sandbox variable (GEOREP_*); aborts the test if unset. */
const char *gr_test_env (const char *name);

/* The sandbox's system bus. */
GDBusConnection *gr_test_bus (void);

GrManager *gr_test_manager (GDBusConnection *bus);
/* A client of the service's ObjectManager. */
GDBusObjectManager *gr_test_objects (GDBusConnection *bus);

/* The pid of the process that owns georepd's name on @bus. */
guint32 gr_test_service_pid (GDBusConnection *bus);

/* Runs a command, returns its stdout; fails the test on a non-zero exit
 * unless @status is given. */
char *gr_test_run (int *status, const char *const *argv);

/* Runs the gr-call-as helper: one call as @user. Returns the exit status;
 * *output receives the reply or the error name. */
int gr_test_call_as (const char *user,
                     const char *path,
                     const char *interface,
                     const char *method,
                     const char *args,
                     char **output);

/* Polls @check every 50 ms until it returns TRUE or @timeout_ms passes,
 * iterating the default main context meanwhile. */
gboolean gr_test_wait_for (gboolean (*check) (gpointer),
                           gpointer data,
                           guint timeout_ms);

/* Waits until @path is (or no longer is) among @objects, as a client
 * learns it from the ObjectManager's signals; fails the test after
 * @timeout_ms. */
void gr_test_await_object (GDBusObjectManager *objects,
                           const char *path,
                           gboolean present,
                           guint timeout_ms);

/* Dispatches what already arrived, without waiting: signals the service
 * sent before a reply are then applied to proxies. */
void gr_test_dispatch_pending (void);

/* Calls a method on the service as root; returns the reply or NULL. */
GVariant *gr_test_call (GDBusConnection *bus,
                        const char *path,
                        const char *interface,
                        const char *method,
                        GVariant *args,
                        GError **error);

/* Manager.Refresh, which returns once the service has re-read gluster's
 * state; fails the test on an error. */
void gr_test_refresh (GDBusConnection *bus);

G_END_DECLS
