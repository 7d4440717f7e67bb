/* Integration test (sandbox): the host's glusterd killed (SIGKILL, as in
 * a crash) while a SetConfig runs through georepd. The call ends (with
 * success if gluster finished first, else an error that says glusterd
 * went away), georepd keeps answering reads and says that glusterd is
 * down, and once glusterd is back its model agrees with gluster again
 * without a restart of georepd. */
#include <signal.h>
#include <string.h>

#include "gr-error.h"
#include "gr-label.h"
#include "gr-names.h"
#include "gr-test-gluster.h"
#include "gr-test-util.h"

#define PRIMARY "grsb_gd_p"
#define SECONDARY "grsb_gd_s"
#define HOST "127.0.0.1"

static gboolean
glusterd_gone (gpointer data)
{
  const char *argv[] = { "pgrep", "-x", "glusterd", NULL };
  int status;

  g_free (gr_test_run (&status, argv));
  return status != 0;
}

static gboolean
glusterd_answers (gpointer data)
{
  const char *argv[] = { gr_test_env ("GEOREP_GLUSTER"), "--mode=script",
                         "pool", "list", NULL };
  int status;

  g_free (gr_test_run (&status, argv));
  return status == 0;
}

/* As scripts/sandbox starts it (start_glusterd, BASE_ENV): from /, with
 * the same environment, which the bricks and gsyncd it starts inherit.
 * glusterd daemonizes itself. */
static void
start_glusterd (void)
{
  const char *argv[] = { "/usr/sbin/glusterd", NULL };
  const char *envp[] = { "PATH=/usr/sbin:/usr/bin:/sbin:/bin", "LANG=C.UTF-8",
                         "HOME=/root", "USER=root", NULL };
  g_autoptr (GError) error = NULL;
  int status;

  g_spawn_sync ("/", (char **) argv, (char **) envp, G_SPAWN_DEFAULT, NULL,
                NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (gr_test_wait_for (glusterd_answers, NULL, 60000));
}

static GrSession *
session_proxy (GDBusConnection *bus)
{
  g_autofree char *path = gr_session_path (PRIMARY, HOST, SECONDARY);
  g_autoptr (GError) error = NULL;
  GrSession *session = gr_session_proxy_new_sync (
      bus, G_DBUS_PROXY_FLAGS_NONE, GR_DBUS_NAME, path, NULL, &error);

  g_assert_no_error (error);
  g_dbus_proxy_set_default_timeout (G_DBUS_PROXY (session), 300000);
  return session;
}

static void
on_set (GObject *source, GAsyncResult *result, gpointer data)
{
  GError **error = data;

  if (!gr_session_call_set_config_finish (GR_SESSION (source), result, error) &&
      *error == NULL)
    g_assert_not_reached ();
  if (*error == NULL)
    *error = g_error_new_literal (GR_ERROR, GR_ERROR_N_ERRORS, "ok");
}

typedef struct {
  GrManager *manager;
  gboolean running;
} RunningWait;

/* Refreshes (errors are expected while glusterd is down) until the
 * Manager says whether glusterd runs as wanted. */
static gboolean
glusterd_running_is (gpointer data)
{
  RunningWait *wait = data;

  gr_manager_call_refresh_sync (wait->manager, g_variant_new ("a{sv}", NULL),
                                NULL, NULL);
  return gr_manager_get_glusterd_running (wait->manager) == wait->running;
}

static char *
effective (GrSession *session, const char *key)
{
  g_autoptr (GVariant) config = NULL;
  g_autoptr (GError) error = NULL;
  const char *value = NULL;

  gr_session_call_get_effective_config_sync (
      session, g_variant_new ("a{sv}", NULL), &config, NULL, &error);
  g_assert_no_error (error);
  g_variant_lookup (config, key, "&s", &value);
  return g_strdup (value);
}

static char *
gluster_says (const char *key)
{
  const char *argv[] = { gr_test_env ("GEOREP_GLUSTER"),
                         "--mode=script",
                         "volume",
                         "geo-replication",
                         PRIMARY,
                         HOST "::" SECONDARY,
                         "config",
                         key,
                         NULL };

  return g_strstrip (gr_test_run (NULL, argv));
}

static void
killed_during_set_config (void)
{
  g_autoptr (GDBusConnection) bus = gr_test_bus ();
  g_autoptr (GrManager) manager = gr_test_manager (bus);
  g_autoptr (GrSession) session = NULL;
  g_autoptr (GError) outcome = NULL;
  g_autoptr (GVariant) objects = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *ours = NULL, *theirs = NULL;
  RunningWait wait = { manager, FALSE };
  gint64 start;

  g_dbus_proxy_set_default_timeout (G_DBUS_PROXY (manager), 300000);
  gr_manager_call_refresh_sync (manager, g_variant_new ("a{sv}", NULL), NULL,
                                &error);
  g_assert_no_error (error);
  session = session_proxy (bus);
  gr_session_call_set_config (session, "sync-jobs", "7",
                              g_variant_new ("a{sv}", NULL), NULL, on_set,
                              &outcome);
  g_usleep (150 * 1000);
  {
    const char *argv[] = { "pkill", "-KILL", "-x", "glusterd", NULL };

    g_free (gr_test_run (NULL, argv));
  }
  g_assert_true (gr_test_wait_for (glusterd_gone, NULL, 10000));
  while (outcome == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_test_message ("SetConfig: %s", outcome->message);
  g_assert_true (
      g_error_matches (outcome, GR_ERROR, GR_ERROR_N_ERRORS) ||
      g_error_matches (outcome, GR_ERROR, GR_ERROR_GLUSTERD_UNAVAILABLE) ||
      g_error_matches (outcome, GR_ERROR, GR_ERROR_GLUSTER_FAILED));

  /* Down: reads answer at once, and the Manager says glusterd is down. */
  start = g_get_monotonic_time ();
  objects =
      gr_test_call (bus, GR_DBUS_PATH, "org.freedesktop.DBus.ObjectManager",
                    "GetManagedObjects", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_assert_true (gr_test_wait_for (glusterd_running_is, &wait, 120000));

  /* Back: georepd follows without a restart, and agrees with gluster. */
  start_glusterd ();
  wait.running = TRUE;
  g_assert_true (gr_test_wait_for (glusterd_running_is, &wait, 120000));
  ours = effective (session, "sync-jobs");
  theirs = gluster_says ("sync-jobs");
  g_test_message ("sync-jobs: georepd %s, gluster %s", ours, theirs);
  g_assert_cmpstr (ours, ==, theirs);
}

/* The test runs in a child process, so that glusterd is started again
 * here even when one of its assertions aborts it. */
static void
test_killed_during_set_config (void)
{
  if (g_test_subprocess ())
    {
      killed_during_set_config ();
      return;
    }
  g_test_trap_subprocess (NULL, 600 * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_INHERIT_STDERR);
  if (!glusterd_answers (NULL))
    start_glusterd ();
  g_test_trap_assert_passed ();
}

int
main (int argc, char **argv)
{
  g_autofree char *port = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/glusterd-down/killed-during-set-config",
                   test_killed_during_set_config);
  if (g_test_subprocess ())
    return g_test_run ();
  port = g_strdup (gr_test_env ("GEOREP_SSH_PORT"));
  gr_test_session_destroy (PRIMARY, HOST, SECONDARY);
  gr_test_volume_create (PRIMARY);
  gr_test_volume_create (SECONDARY);
  g_assert_cmpint (gr_test_gluster ("volume", "geo-replication", PRIMARY,
                                    HOST "::" SECONDARY, "create", "ssh-port",
                                    port, "no-verify", NULL),
                   ==, 0);
  status = g_test_run ();
  /* Whatever happened, glusterd runs again for the tests after this. */
  if (!glusterd_answers (NULL))
    start_glusterd ();
  gr_test_session_destroy (PRIMARY, HOST, SECONDARY);
  gr_test_volume_destroy (PRIMARY);
  gr_test_volume_destroy (SECONDARY);
  return status;
}
