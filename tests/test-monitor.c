/* Live monitoring tests: a georepd of its own that never polls, on the
 * sandbox's real glusterd and a real session, so that every change it
 * announces must come from gsyncd's local status files. Its gluster is
 * the real one behind a wrapper that only counts invocations. */
#include <glib/gstdio.h>
#include <unistd.h>

#include "gr-error.h"
#include "gr-label.h"
#include "gr-names.h"
#include "gr-test-gluster.h"
#include "gr-test-private.h"
#include "gr-test-util.h"

#define PRIMARY "grsb_mon_p"
#define SECONDARY "grsb_mon_s"
#define HOST "127.0.0.1"
#define SESSION_DIR                                                            \
  "/var/lib/glusterd/geo-replication/" PRIMARY "_" HOST "_" SECONDARY

static GrPrivateService *service;

static void
install_counting_gluster (void)
{
  g_autofree char *script =
      g_strdup_printf ("#!/bin/sh\n"
                       "# Counts invocations, then runs the real gluster.\n"
                       "echo \"$*\" >> %s/calls\n"
                       "exec %s \"$@\"\n",
                       service->dir, gr_test_env ("GEOREP_GLUSTER"));
  g_autofree char *path = gr_private_service_path (service, "gluster");

  gr_private_service_write (service, "gluster", script);
  g_assert_cmpint (g_chmod (path, 0755), ==, 0);
}

static guint
gluster_calls (void)
{
  return gr_private_service_count_lines (service, "calls");
}

static void
create_session_with_cli (void)
{
  g_autofree char *port = g_strdup (gr_test_env ("GEOREP_SSH_PORT"));

  g_assert_cmpint (gr_test_gluster ("system::", "execute", "gsec_create", NULL),
                   ==, 0);
  g_assert_cmpint (gr_test_gluster ("volume", "geo-replication", PRIMARY,
                                    HOST "::" SECONDARY, "create", "ssh-port",
                                    port, "push-pem", NULL),
                   ==, 0);
  g_assert_cmpint (gr_test_gluster ("volume", "geo-replication", PRIMARY,
                                    HOST "::" SECONDARY, "config", "ssh-port",
                                    port, NULL),
                   ==, 0);
}

static GrSession *
session_proxy (void)
{
  g_autofree char *path = gr_session_path (PRIMARY, HOST, SECONDARY);
  g_autoptr (GError) error = NULL;
  GrSession *session = gr_session_proxy_new_sync (
      service->bus, G_DBUS_PROXY_FLAGS_NONE, GR_DBUS_NAME, path, NULL, &error);

  g_assert_no_error (error);
  return session;
}

typedef struct {
  GrSession *session;
  const char *status;
  guint signals;
  gint64 changed_at;
} Watch;

static void
on_properties_changed (GDBusProxy *proxy,
                       GVariant *changed,
                       GStrv invalidated,
                       gpointer data)
{
  Watch *watch = data;

  watch->signals++;
  watch->changed_at = g_get_monotonic_time ();
}

static gboolean
status_is (gpointer data)
{
  Watch *watch = data;

  return g_strcmp0 (gr_session_get_status (watch->session), watch->status) == 0;
}

static void
await_status (Watch *watch, const char *status, guint seconds)
{
  watch->status = status;
  if (!gr_test_wait_for (status_is, watch, seconds * 1000))
    g_error ("Status stayed %s, expected %s",
             gr_session_get_status (watch->session), status);
}

typedef struct {
  const char *path;
  gboolean present;
} ObjectWait;

static gboolean
object_presence (gpointer data)
{
  ObjectWait *wait = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = g_dbus_connection_call_sync (
      service->bus, GR_DBUS_NAME, wait->path, "org.freedesktop.DBus.Properties",
      "Get", g_variant_new ("(ss)", GR_DBUS_INTERFACE_SESSION, "Status"), NULL,
      G_DBUS_CALL_FLAGS_NONE, 5000, NULL, &error);

  return (reply != NULL) == wait->present;
}

static void
test_session_appears_and_vanishes (void)
{
  g_autofree char *path = gr_session_path (PRIMARY, HOST, SECONDARY);
  ObjectWait wait = { path, TRUE };

  /* No Refresh call: the new session directory is the trigger. */
  create_session_with_cli ();
  g_assert_true (gr_test_wait_for (object_presence, &wait, 30000));
  gr_test_session_destroy (PRIMARY, HOST, SECONDARY);
  wait.present = FALSE;
  g_assert_true (gr_test_wait_for (object_presence, &wait, 30000));
  create_session_with_cli ();
  wait.present = TRUE;
  g_assert_true (gr_test_wait_for (object_presence, &wait, 30000));
}

static GPid
worker_pid (void)
{
  const char *argv[] = { "pgrep", "-f", "gsyncd.py worker " PRIMARY " ", NULL };
  int status;
  g_autofree char *out = gr_test_run (&status, argv);

  return status == 0 ? (GPid) atoi (out) : 0;
}

static gboolean
worker_running (gpointer data)
{
  return worker_pid () != 0;
}

static gint64
brick_file_mtime (void)
{
  g_autoptr (GDir) dir = g_dir_open (SESSION_DIR, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    if (g_str_has_prefix (name, "brick_"))
      {
        g_autofree char *path = g_build_filename (SESSION_DIR, name, NULL);
        GStatBuf st;

        g_assert_cmpint (g_stat (path, &st), ==, 0);
        return (gint64) st.st_mtim.tv_sec * G_USEC_PER_SEC +
               st.st_mtim.tv_nsec / 1000;
      }
  g_error ("No brick status file in " SESSION_DIR);
}

static void
test_killed_worker_is_seen_without_cli (void)
{
  g_autoptr (GrSession) session = session_proxy ();
  Watch watch = { session };
  guint calls;
  GPid pid;
  gint64 latency;

  g_signal_connect (session, "g-properties-changed",
                    G_CALLBACK (on_properties_changed), &watch);
  g_assert_cmpint (gr_test_gluster ("volume", "geo-replication", PRIMARY,
                                    HOST "::" SECONDARY, "start", NULL),
                   ==, 0);
  await_status (&watch, "active", 180);
  g_assert_true (gr_test_wait_for (worker_running, NULL, 10000));
  calls = gluster_calls ();
  pid = worker_pid ();
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  await_status (&watch, "faulty", 30);
  /* From gsyncd's write of the status file to the signal here. */
  latency = g_get_real_time () - brick_file_mtime ();
  g_test_message ("status file to PropertiesChanged: %" G_GINT64_FORMAT " µs",
                  latency);
  g_assert_cmpint (latency, <, G_USEC_PER_SEC);
  g_assert_cmpuint (gluster_calls (), ==, calls);
  /* gsyncd's monitor restarts the worker; the status follows. */
  await_status (&watch, "active", 180);
  g_assert_cmpuint (gluster_calls (), ==, calls);
}

static void
write_brick_status (const char *brick_file, guint failures)
{
  g_autofree char *json = g_strdup_printf (
      "{\"secondary_node\": \"\", \"worker_status\": \"Active\", "
      "\"last_synced\": 0, \"crawl_status\": \"Changelog Crawl\", "
      "\"entry\": 0, \"data\": 0, \"meta\": 0, \"failures\": %u, "
      "\"checkpoint_completed\": \"No\", \"checkpoint_time\": 0, "
      "\"checkpoint_completion_time\": 0}",
      failures);
  g_autofree char *temp = g_strconcat (brick_file, ".tmp", NULL);
  g_autoptr (GError) error = NULL;

  /* The way gsyncd does it: a new file renamed over the old one. */
  g_file_set_contents_full (temp, json, -1, G_FILE_SET_CONTENTS_NONE, 0644,
                            &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_rename (temp, brick_file), ==, 0);
}

static char *
brick_file_path (void)
{
  g_autoptr (GDir) dir = g_dir_open (SESSION_DIR, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    if (g_str_has_prefix (name, "brick_") && g_str_has_suffix (name, ".status"))
      return g_build_filename (SESSION_DIR, name, NULL);
  g_error ("No brick status file in " SESSION_DIR);
}

static gboolean
failures_reach (gpointer data)
{
  return gr_session_get_failures (data) == 99;
}

static void
test_burst_is_coalesced (void)
{
  g_autoptr (GrSession) session = session_proxy ();
  g_autofree char *brick_file = brick_file_path ();
  Watch watch = { session };
  g_autoptr (GError) error = NULL;

  /* A stopped session's workers are not running: nothing else writes the
   * file while the test does. */
  g_assert_cmpint (gr_test_gluster ("volume", "geo-replication", PRIMARY,
                                    HOST "::" SECONDARY, "stop", NULL),
                   ==, 0);
  watch.status = "stopped";
  g_assert_true (gr_test_wait_for (status_is, &watch, 30000));
  g_signal_connect (session, "g-properties-changed",
                    G_CALLBACK (on_properties_changed), &watch);
  for (guint i = 0; i < 100; i++)
    write_brick_status (brick_file, i);
  g_assert_true (gr_test_wait_for (failures_reach, session, 5000));
  g_test_message ("100 status file renames gave %u signal(s)", watch.signals);
  g_assert_cmpuint (watch.signals, <=, 10);
  g_assert_cmpuint (gr_session_get_failures (session), ==, 99);
  /* The monitor says Stopped, whatever the brick file claims. */
  g_assert_cmpstr (gr_session_get_status (session), ==, "stopped");
  gr_manager_call_refresh_sync (service->manager, g_variant_new ("a{sv}", NULL),
                                NULL, &error);
  g_assert_no_error (error);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  (void) GR_ERROR;
  gr_test_session_destroy (PRIMARY, HOST, SECONDARY);
  gr_test_volume_create (PRIMARY);
  gr_test_volume_create (SECONDARY);
  service = gr_private_service_new ("monitor");
  install_counting_gluster ();
  {
    g_autofree char *config =
        g_strdup_printf ("GlusterCommand=%s/gluster\n"
                         "PollInterval=3600\nPollIntervalMin=3600\n",
                         service->dir);

    gr_private_service_start (service, config);
  }
  g_test_add_func ("/monitor/session-appears-and-vanishes",
                   test_session_appears_and_vanishes);
  g_test_add_func ("/monitor/killed-worker-seen-without-cli",
                   test_killed_worker_is_seen_without_cli);
  g_test_add_func ("/monitor/burst-is-coalesced", test_burst_is_coalesced);
  status = g_test_run ();
  gr_private_service_stop (service);
  gr_test_session_destroy (PRIMARY, HOST, SECONDARY);
  gr_test_volume_destroy (PRIMARY);
  gr_test_volume_destroy (SECONDARY);
  return status;
}
