/* Fault tests: a georepd of its own on a private bus, run against the
 * gluster stand-in (tests/gluster-standin.sh), for the cases the real
 * gluster cannot produce on demand: a hanging command, a busy cluster
 * lock, a hook script of glusterd that goes on running, and counting that
 * bad input never reaches gluster. There is no
 * polkitd on this bus, so every authorization fails closed. */
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "gr-error.h"
#include "gr-names.h"
#include "gr-test-hooks.h"
#include "gr-test-private.h"
#include "gr-test-util.h"

#define COMMAND_TIMEOUT 2

static GrPrivateService *service;

static void
write_file (const char *name, const char *contents)
{
  gr_private_service_write (service, name, contents);
}

static guint
count_calls (void)
{
  return gr_private_service_count_lines (service, "calls");
}

static GVariant *
no_options (void)
{
  return g_variant_new ("a{sv}", NULL);
}

static char *
first_session_path (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDBusObjectManager) objects = gr_object_manager_client_new_sync (
      service->bus, G_DBUS_OBJECT_MANAGER_CLIENT_FLAGS_NONE, GR_DBUS_NAME,
      GR_DBUS_PATH, NULL, &error);
  g_autolist (GDBusObject) list = g_dbus_object_manager_get_objects (objects);

  for (GList *l = list; l; l = l->next)
    if (g_str_has_prefix (g_dbus_object_get_object_path (l->data),
                          GR_DBUS_PATH_SESSIONS "/"))
      return g_strdup (g_dbus_object_get_object_path (l->data));
  g_error ("The recorded status has no session");
}

static void
assert_invalid (GVariant *reply, GError *error, const char *what)
{
  if (reply != NULL ||
      !g_error_matches (error, GR_ERROR, GR_ERROR_INVALID_ARGUMENT))
    g_error ("%s was not refused as invalid: %s", what,
             error ? error->message : "accepted");
}

static GVariant *
call (const char *path,
      const char *interface,
      const char *method,
      GVariant *args,
      GError **error)
{
  return g_dbus_connection_call_sync (
      service->bus, GR_DBUS_NAME, path, interface, method, args, NULL,
      G_DBUS_CALL_FLAGS_NONE, 10000, NULL, error);
}

/* Every string argument gets the same hostile values. */
static const char *const hostile[] = {
  "-x",    "--mode=interactive",
  "--xml", "a;b",
  "a b",   "$(id)",
  "`id`",  "a|b",
  "",      "a\nb",
  NULL,
};

static void
check_create_session_input (void)
{
  g_autofree char *huge = g_strnfill (10240, 'v');

  for (guint i = 0; hostile[i] || i == 0; i++)
    {
      const char *bad = hostile[i] ? hostile[i] : huge;

      for (guint arg = 0; arg < 3; arg++)
        {
          g_autoptr (GError) error = NULL;
          g_autoptr (GVariant) reply = call (
              GR_DBUS_PATH, GR_DBUS_INTERFACE_MANAGER, "CreateSession",
              g_variant_new ("(sss@a{sv})", arg == 0 ? bad : "grsb_rec_p",
                             arg == 1 ? bad : "127.0.0.1",
                             arg == 2 ? bad : "grsb_rec_s", no_options ()),
              &error);

          assert_invalid (reply, error, bad);
        }
      if (hostile[i] == NULL)
        break;
    }
}

static void
check_options_input (const char *session)
{
  GVariantBuilder options;
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;

  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "forse",
                         g_variant_new_boolean (TRUE));
  reply = call (session, GR_DBUS_INTERFACE_SESSION, "Stop",
                g_variant_new ("(a{sv})", &options), &error);
  assert_invalid (reply, error, "unknown option");
  g_clear_error (&error);
  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "force",
                         g_variant_new_string ("yes"));
  reply = call (session, GR_DBUS_INTERFACE_SESSION, "Stop",
                g_variant_new ("(a{sv})", &options), &error);
  assert_invalid (reply, error, "option of the wrong type");
  g_clear_error (&error);
  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "secondary-user",
                         g_variant_new_string ("-oProxyCommand=x"));
  reply = call (GR_DBUS_PATH, GR_DBUS_INTERFACE_MANAGER, "CreateSession",
                g_variant_new ("(sssa{sv})", "grsb_rec_p", "127.0.0.1",
                               "grsb_x", &options),
                &error);
  assert_invalid (reply, error, "secondary-user");
}

static void
check_config_input (const char *session)
{
  const char *const keys[] = {
    "no-such-key", "primary-bricks", "pid-file", "-sync-jobs",
    "--xml",       "sync jobs",      "",         NULL
  };

  for (guint i = 0; keys[i]; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GVariant) reply = call (
          session, GR_DBUS_INTERFACE_SESSION, "SetConfig",
          g_variant_new ("(ss@a{sv})", keys[i], "1", no_options ()), &error);

      assert_invalid (reply, error, keys[i]);
      g_clear_error (&error);
      reply =
          call (session, GR_DBUS_INTERFACE_SESSION, "ResetConfig",
                g_variant_new ("(s@a{sv})", keys[i], no_options ()), &error);
      assert_invalid (reply, error, keys[i]);
    }
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (GVariant) reply =
        call (session, GR_DBUS_INTERFACE_SESSION, "SetConfig",
              g_variant_new ("(ss@a{sv})", "sync-jobs", "1\n2", no_options ()),
              &error);

    assert_invalid (reply, error, "a value with a newline");
  }
}

static void
test_bad_input_never_runs_gluster (void)
{
  g_autofree char *session = first_session_path ();
  guint before = count_calls ();

  check_create_session_input ();
  check_options_input (session);
  check_config_input (session);
  g_assert_cmpuint (count_calls (), ==, before);
}

static void
test_unauthorized_never_runs_gluster (void)
{
  g_autofree char *session = first_session_path ();
  guint before = count_calls ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;

  /* Valid, but polkit cannot be asked on this bus: denied. */
  reply = call (session, GR_DBUS_INTERFACE_SESSION, "SetConfig",
                g_variant_new ("(ss@a{sv})", "sync-jobs", "4", no_options ()),
                &error);
  g_assert_null (reply);
  g_assert_error (error, GR_ERROR, GR_ERROR_NOT_AUTHORIZED);
  g_assert_cmpuint (count_calls (), ==, before);
  g_clear_error (&error);
  /* A volume the service does not know would make an authorized call
   * refresh first; an unauthorized one must not get that far. */
  reply = call (GR_DBUS_PATH, GR_DBUS_INTERFACE_MANAGER, "CreateSession",
                g_variant_new ("(sss@a{sv})", "no_such_volume", "backup",
                               "no_such_secondary", no_options ()),
                &error);
  g_assert_null (reply);
  g_assert_error (error, GR_ERROR, GR_ERROR_NOT_AUTHORIZED);
  g_assert_cmpuint (count_calls (), ==, before);
}

typedef struct {
  gboolean done;
  GError *error;
} RefreshResult;

static void
on_refreshed (GObject *source, GAsyncResult *res, gpointer data)
{
  RefreshResult *result = data;

  gr_manager_call_refresh_finish (GR_MANAGER (source), res, &result->error);
  result->done = TRUE;
}

static gboolean
refresh_done (gpointer data)
{
  return ((RefreshResult *) data)->done;
}

static gint64
slowest_read (guint reads)
{
  gint64 slowest = 0;

  for (guint i = 0; i < reads; i++)
    {
      g_autoptr (GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      g_autoptr (GVariant) reply = call (
          GR_DBUS_PATH, "org.freedesktop.DBus.Properties", "Get",
          g_variant_new ("(ss)", GR_DBUS_INTERFACE_MANAGER, "Volumes"), &error);

      g_assert_no_error (error);
      slowest = MAX (slowest, g_get_monotonic_time () - start);
    }
  return slowest;
}

static void
test_hanging_gluster_times_out (void)
{
  RefreshResult result = { 0 };
  gint64 start = g_get_monotonic_time ();
  gint64 slowest;

  write_file ("mode", "hang");
  gr_manager_call_refresh (service->manager, no_options (), NULL, on_refreshed,
                           &result);
  /* While gluster hangs, reads are still served from memory. */
  slowest = slowest_read (50);
  g_assert_true (gr_test_wait_for (refresh_done, &result, 30000));
  write_file ("mode", "answer");
  g_test_message ("slowest read while gluster hung: %" G_GINT64_FORMAT " µs",
                  slowest);
  g_assert_cmpint (slowest, <, 50000);
  g_assert_error (result.error, GR_ERROR, GR_ERROR_TIMEDOUT);
  g_assert_cmpint (g_get_monotonic_time () - start, <,
                   (COMMAND_TIMEOUT + 5 + 3) * G_USEC_PER_SEC);
  g_clear_error (&result.error);
}

static void
test_busy_lock_is_retried (void)
{
  g_autoptr (GError) error = NULL;
  guint before = count_calls ();

  write_file ("locked", "2");
  write_file ("mode", "locked");
  gr_manager_call_refresh_sync (service->manager, no_options (), NULL, &error);
  write_file ("mode", "answer");
  g_assert_no_error (error);
  /* Two busy answers, then the refresh's own commands. */
  g_assert_cmpuint (count_calls () - before, >=, 4);
}

static void
test_busy_lock_gives_up (void)
{
  g_autoptr (GError) error = NULL;

  write_file ("locked", "1000");
  write_file ("mode", "locked");
  gr_manager_call_refresh_sync (service->manager, no_options (), NULL, &error);
  write_file ("mode", "answer");
  g_assert_error (error, GR_ERROR, GR_ERROR_BUSY);
}

/* The hooks directory of the service's glusterd directory. */
static char *
hooks_path (const char *name)
{
  g_autofree char *dir =
      gr_private_service_path (service, "glusterd/hooks/1/gsync-create/post");

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  return g_build_filename (dir, name, NULL);
}

static GPid
start_hook_like (const char *command,
                 gboolean as_glusterd,
                 const char *hook_argument)
{
  g_autofree char *dir = gr_private_service_path (service, "glusterd-sh");

  return gr_test_hook_start (dir, command, as_glusterd, hook_argument);
}

static GPid
start_hook_standin (void)
{
  g_autofree char *dir = gr_private_service_path (service, "glusterd-sh");
  g_autofree char *script = hooks_path ("S56hold.sh");

  return gr_test_hook_standin (dir, script);
}

static void
test_gluster_waits_for_hooks (void)
{
  RefreshResult result = { 0 };
  guint before = count_calls ();
  GPid hook = start_hook_standin ();

  gr_manager_call_refresh (service->manager, no_options (), NULL, on_refreshed,
                           &result);
  /* The hook never ends by itself, so after a second the refresh must
   * still be waiting, and gluster must not have run. */
  g_assert_false (gr_test_wait_for (refresh_done, &result, 1000));
  g_assert_cmpuint (count_calls (), ==, before);
  gr_test_hook_stop (hook);
  g_assert_true (gr_test_wait_for (refresh_done, &result, 10000));
  g_assert_no_error (result.error);
  g_assert_cmpuint (count_calls (), >, before);
}

/* Someone's `gluster … create push-pem`, which never ends by itself: a
 * root process named gluster (a link to /bin/sh). */
static GPid
start_push_pem_create_standin (void)
{
  g_autofree char *dir = gr_private_service_path (service, "cli");
  g_autofree char *link = g_build_filename (dir, "gluster", NULL);
  g_autofree char *command = g_strdup_printf (
      "%s -c '" GR_TEST_HOOK_LOOP "' volume geo-replication grsbp "
      "127.0.0.1::grsbs create push-pem",
      link);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  if (!g_file_test (link, G_FILE_TEST_EXISTS))
    g_assert_cmpint (symlink ("/bin/sh", link), ==, 0);
  return start_hook_like (command, FALSE, "127.0.0.1::grsbs");
}

/* The create's hook starts only after glusterd committed it, so gluster
 * waits for the create, and a while after it, too. */
static void
test_gluster_waits_for_push_pem_create (void)
{
  RefreshResult result = { 0 };
  guint before = count_calls ();
  GPid create = start_push_pem_create_standin ();
  gint64 ended;

  gr_manager_call_refresh (service->manager, no_options (), NULL, on_refreshed,
                           &result);
  g_assert_false (gr_test_wait_for (refresh_done, &result, 1000));
  g_assert_cmpuint (count_calls (), ==, before);
  gr_test_hook_stop (create);
  ended = g_get_monotonic_time ();
  g_assert_true (gr_test_wait_for (refresh_done, &result, 10000));
  g_assert_no_error (result.error);
  g_assert_cmpint (g_get_monotonic_time () - ended, >=, G_USEC_PER_SEC);
  g_assert_cmpuint (count_calls (), >, before);
}

/* A process that merely names a file below the hooks directory, as any
 * user can start, must not hold gluster back: the refresh runs at once
 * (the guard would otherwise wait up to five minutes). */
static void
assert_not_held_by (const char *command, gboolean as_glusterd, const char *arg)
{
  RefreshResult result = { 0 };
  guint before = count_calls ();
  GPid impostor = start_hook_like (command, as_glusterd, arg);

  gr_manager_call_refresh (service->manager, no_options (), NULL, on_refreshed,
                           &result);
  g_assert_true (gr_test_wait_for (refresh_done, &result, 5000));
  g_assert_true (gr_test_process_names ((gpointer) arg));
  gr_test_hook_stop (impostor);
  g_assert_no_error (result.error);
  g_assert_cmpuint (count_calls (), >, before);
}

/* As the issue found it: `setpriv --reuid=nobody sh -c 'sleep 600'
 * <hooks>/x`; here even with a parent named glusterd. */
static void
test_hooks_of_other_users_ignored (void)
{
  g_autofree char *arg = hooks_path ("x");
  g_autofree char *command =
      g_strdup_printf ("setpriv --reuid=nobody --regid=nogroup "
                       "--clear-groups /bin/sh -c '" GR_TEST_HOOK_LOOP "' %s",
                       arg);

  assert_not_held_by (command, TRUE, arg);
}

/* A root process naming a hook, started by something other than
 * glusterd. */
static void
test_hooks_not_from_glusterd_ignored (void)
{
  g_autofree char *arg = hooks_path ("y");
  g_autofree char *command =
      g_strdup_printf ("/bin/sh -c '" GR_TEST_HOOK_LOOP "' %s", arg);

  assert_not_held_by (command, FALSE, arg);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  (void) GR_ERROR;
  service = gr_private_service_new ("faults");
  gr_private_service_install_standin (service);
  {
    g_autofree char *config =
        g_strdup_printf ("GlusterCommand=%s/gluster\nCommandTimeout=%d\n"
                         "PollInterval=3600\nPollIntervalMin=3600\n"
                         "GlusterdDirectory=%s/glusterd\n",
                         service->dir, COMMAND_TIMEOUT, service->dir);

    gr_private_service_start (service, config);
  }
  g_test_add_func ("/faults/bad-input-never-runs-gluster",
                   test_bad_input_never_runs_gluster);
  g_test_add_func ("/faults/unauthorized-never-runs-gluster",
                   test_unauthorized_never_runs_gluster);
  g_test_add_func ("/faults/hanging-gluster-times-out",
                   test_hanging_gluster_times_out);
  g_test_add_func ("/faults/busy-lock-is-retried", test_busy_lock_is_retried);
  g_test_add_func ("/faults/busy-lock-gives-up", test_busy_lock_gives_up);
  g_test_add_func ("/faults/gluster-waits-for-hooks",
                   test_gluster_waits_for_hooks);
  g_test_add_func ("/faults/gluster-waits-for-push-pem-create",
                   test_gluster_waits_for_push_pem_create);
  g_test_add_func ("/faults/hooks-of-other-users-ignored",
                   test_hooks_of_other_users_ignored);
  g_test_add_func ("/faults/hooks-not-from-glusterd-ignored",
                   test_hooks_not_from_glusterd_ignored);
  status = g_test_run ();
  gr_private_service_stop (service);
  return status;
}
