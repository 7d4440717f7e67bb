/* Integration tests of the service skeleton on the sandbox: the name,
 * the Manager properties against gluster's own answers, the bus policy
 * and polkit through the service's authorization module. */
#include "gr-error.h"
#include "gr-names.h"
#include "gr-test-files.h"
#include "gr-test-util.h"

typedef struct {
  GDBusConnection *bus;
  GrManager *manager;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->bus = gr_test_bus ();
  f->manager = gr_test_manager (f->bus);
  /* Wait for a completed refresh so the properties are filled. */
  g_assert_nonnull (gr_test_call (f->bus, GR_DBUS_PATH,
                                  GR_DBUS_INTERFACE_MANAGER, "Refresh",
                                  g_variant_new ("(a{sv})", NULL), &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->manager);
  g_clear_object (&f->bus);
}

static void
test_owns_name (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = g_dbus_connection_call_sync (
      f->bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
      "org.freedesktop.DBus", "GetConnectionUnixUser",
      g_variant_new ("(s)", GR_DBUS_NAME), G_VARIANT_TYPE ("(u)"),
      G_DBUS_CALL_FLAGS_NONE, 5000, NULL, &error);
  guint32 uid;

  g_assert_no_error (error);
  g_variant_get (reply, "(u)", &uid);
  g_assert_cmpuint (uid, ==, 0);
}

static void
test_versions (Fixture *f, gconstpointer data)
{
  const char *argv[] = { gr_test_env ("GEOREP_GLUSTER"), "--version", NULL };
  g_autofree char *out = gr_test_run (NULL, argv);
  g_autofree char *expected = g_strdup_printf (
      "glusterfs %s\n", gr_manager_get_gluster_version (f->manager));

  g_assert_cmpstr (gr_manager_get_version (f->manager), ==, GR_TEST_VERSION);
  g_assert_cmpstr (gr_manager_get_gluster_version (f->manager), !=, "");
  g_assert_true (g_str_has_prefix (out, expected));
  g_assert_true (gr_manager_get_glusterd_running (f->manager));
}

static void
test_volumes (Fixture *f, gconstpointer data)
{
  const char *argv[] = { gr_test_env ("GEOREP_GLUSTER"), "--mode=script",
                         "volume", "list", NULL };
  int status;
  g_autofree char *out = gr_test_run (&status, argv);
  g_auto (GStrv) lines = g_strsplit (g_strstrip (out), "\n", -1);
  const char *const *volumes = gr_manager_get_volumes (f->manager);

  /* "No volumes present in cluster" is the CLI's way of saying none. */
  if (g_str_has_prefix (out, "No volumes"))
    g_assert_cmpuint (g_strv_length ((char **) volumes), ==, 0);
  else
    {
      g_assert_cmpint (status, ==, 0);
      g_assert_cmpuint (g_strv_length ((char **) volumes), ==,
                        g_strv_length (lines));
      for (guint i = 0; lines[i]; i++)
        g_assert_true (g_strv_contains (volumes, lines[i]));
    }
}

/* The allowlist as the service publishes it, with the class polkit
 * checks each key against. */
static void
test_config_keys (Fixture *f, gconstpointer data)
{
  GVariant *keys = gr_manager_get_config_keys (f->manager);
  const char *class = NULL;

  g_assert_nonnull (keys);
  g_assert_true (g_variant_lookup (keys, "sync-method", "&s", &class));
  g_assert_cmpstr (class, ==, "ordinary");
  g_assert_true (g_variant_lookup (keys, "ssh-command", "&s", &class));
  g_assert_cmpstr (class, ==, "command");
  g_assert_true (g_variant_lookup (keys, "changelog-log-file", "&s", &class));
  g_assert_cmpstr (class, ==, "read-only");
  g_assert_false (g_variant_lookup (keys, "no-such-key", "&s", &class));
}

static void
test_last_refresh (Fixture *f, gconstpointer data)
{
  guint64 now = (guint64) g_get_real_time ();
  guint64 last = gr_manager_get_last_refresh (f->manager);

  g_assert_cmpuint (last, >, now - 120 * G_USEC_PER_SEC);
  g_assert_cmpuint (last, <=, now);
}

static void
remove_tree_and_free (gpointer path)
{
  gr_test_remove_tree (path);
  g_free (path);
}

/* A session directory left by a volume deleted without its session:
 * gluster's status fails as when there is no session at all, and that is
 * what it means. Refresh goes on working. */
static void
test_refresh_with_leftover_session_dir (Fixture *f, gconstpointer data)
{
  const char *status_argv[] = { gr_test_env ("GEOREP_GLUSTER"),
                                "--mode=script",
                                "volume",
                                "geo-replication",
                                "status",
                                NULL };
  char *dir = g_strdup ("/var/lib/glusterd/geo-replication/"
                        "grsbgone_127.0.0.1_grsbnone");
  g_autofree char *conf = g_build_filename (dir, "gsyncd.conf", NULL);
  g_autoptr (GError) error = NULL;
  int status;

  g_test_queue_destroy (remove_tree_and_free, dir); /* also on failure */
  g_free (gr_test_run (&status, status_argv));
  g_assert_cmpint (status, !=, 0); /* no session in the cluster */
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (conf, "[vars]\n", -1, NULL));
  gr_manager_call_refresh_sync (f->manager, g_variant_new ("a{sv}", NULL), NULL,
                                &error);
  g_assert_no_error (error);
}

static void
test_plain_user_cannot_own (Fixture *f, gconstpointer data)
{
  g_autofree char *helper =
      g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "gr-call-as", NULL);
  const char *argv[] = { helper, gr_test_env ("GEOREP_PLAIN_USER"), "own",
                         GR_DBUS_NAME, NULL };
  int status;
  g_autofree char *out = gr_test_run (&status, argv);

  g_assert_cmpint (status, ==, 1);
  g_assert_cmpstr (g_strstrip (out), ==,
                   "org.freedesktop.DBus.Error.AccessDenied");
}

static void
test_plain_user_can_read (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;
  int status =
      gr_test_call_as (gr_test_env ("GEOREP_PLAIN_USER"), GR_DBUS_PATH,
                       "org.freedesktop.DBus.Properties", "Get",
                       "('" GR_DBUS_INTERFACE_MANAGER "', 'Version')", &out);

  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, GR_TEST_VERSION));
  status = gr_test_call_as (gr_test_env ("GEOREP_PLAIN_USER"), GR_DBUS_PATH,
                            GR_DBUS_INTERFACE_MANAGER, "Refresh",
                            "(@a{sv} {},)", &out);
  g_assert_cmpint (status, ==, 0);
}

/* A guarded method the test can call whatever exists: probing the
 * sandbox's own sshd. */
static char *
probe_args (void)
{
  return g_strdup_printf ("('127.0.0.1', uint16 %s, @a{sv} {})",
                          gr_test_env ("GEOREP_SSH_PORT"));
}

static void
test_polkit_plain_user_refused (Fixture *f, gconstpointer data)
{
  g_autofree char *args = probe_args ();
  g_autofree char *out = NULL;
  int status =
      gr_test_call_as (gr_test_env ("GEOREP_PLAIN_USER"), GR_DBUS_PATH,
                       GR_DBUS_INTERFACE_MANAGER, "ProbeHost", args, &out);

  g_assert_cmpint (status, ==, 1);
  g_assert_true (g_str_has_prefix (out, GR_DBUS_ERROR_PREFIX "NotAuthorized"));
}

/* Authorization comes first: for a volume the service does not know, an
 * authorized caller would get NotFound after a refresh that runs gluster;
 * a plain user is refused before any of that. */
static void
test_create_session_authorized_first (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;
  int status = gr_test_call_as (
      gr_test_env ("GEOREP_PLAIN_USER"), GR_DBUS_PATH,
      GR_DBUS_INTERFACE_MANAGER, "CreateSession",
      "('grsb_no_such_volume', '127.0.0.1', 'grsb_no_such_secondary', "
      "@a{sv} {})",
      &out);

  g_assert_cmpint (status, ==, 1);
  g_assert_true (g_str_has_prefix (out, GR_DBUS_ERROR_PREFIX "NotAuthorized"));
}

static void
test_polkit_admin_allowed (Fixture *f, gconstpointer data)
{
  g_autofree char *args = probe_args ();
  g_autofree char *out = NULL;

  gr_test_call_as (gr_test_env ("GEOREP_ADMIN_USER"), GR_DBUS_PATH,
                   GR_DBUS_INTERFACE_MANAGER, "ProbeHost", args, &out);
  g_assert_false (g_str_has_prefix (out, GR_DBUS_ERROR_PREFIX "NotAuthorized"));
}

static void
test_polkit_root_allowed (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;

  reply =
      gr_test_call (f->bus, GR_DBUS_PATH, GR_DBUS_INTERFACE_MANAGER,
                    "ProbeHost", g_variant_new ("(qa{sv})", 0, NULL), &error);
  g_assert_null (reply);
  g_assert_error (error, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS);
  g_clear_error (&error);
  reply = gr_test_call (
      f->bus, GR_DBUS_PATH, GR_DBUS_INTERFACE_MANAGER, "ProbeHost",
      g_variant_new ("(sqa{sv})", "127.0.0.1",
                     (guint16) atoi (gr_test_env ("GEOREP_SSH_PORT")), NULL),
      &error);
  if (error != NULL)
    g_assert_false (
        g_str_has_prefix (g_dbus_error_get_remote_error (error) ?: "",
                          GR_DBUS_ERROR_PREFIX "NotAuthorized"));
}

static void
test_unknown_option (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  GVariantBuilder options;

  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "forse",
                         g_variant_new_boolean (TRUE));
  g_assert_null (gr_test_call (f->bus, GR_DBUS_PATH, GR_DBUS_INTERFACE_MANAGER,
                               "Refresh", g_variant_new ("(a{sv})", &options),
                               &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_INVALID_ARGUMENT);
}

static gboolean
gluster_answers (gpointer data)
{
  const char *argv[] = { gr_test_env ("GEOREP_GLUSTER"), "--mode=script",
                         "volume", "list", NULL };
  int status;
  g_autofree char *out = gr_test_run (&status, argv);

  return status == 0 || g_str_has_prefix (out, "No volumes");
}

static gboolean
gluster_silent (gpointer data)
{
  return !gluster_answers (data);
}

static gboolean
glusterd_running (gpointer data)
{
  return gr_manager_get_glusterd_running (data);
}

static void
stop_glusterd (void)
{
  const char *argv[] = { "pkill", "-x", "glusterd", NULL };
  int status;

  g_free (gr_test_run (&status, argv));
  g_assert_true (gr_test_wait_for (gluster_silent, NULL, 10000));
}

static void
start_glusterd (void)
{
  const char *argv[] = { "glusterd", NULL };

  g_free (gr_test_run (NULL, argv));
  g_assert_true (gr_test_wait_for (gluster_answers, NULL, 60000));
}

static gboolean
glusterd_not_running (gpointer data)
{
  return !gr_manager_get_glusterd_running (data);
}

/* glusterd is started again before anything is asserted, so that a
 * failure here cannot leave the suites after this one without it. */
static void
test_glusterd_down_and_back (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) refresh_error = NULL;
  g_autoptr (GError) create_error = NULL;
  g_autofree char *path = NULL;
  gboolean refreshed, seen_down, created;
  g_autofree char *version = NULL;

  stop_glusterd ();
  refreshed = gr_manager_call_refresh_sync (
      f->manager, g_variant_new ("a{sv}", NULL), NULL, &refresh_error);
  /* PropertiesChanged may follow the reply: wait for it. */
  seen_down = gr_test_wait_for (glusterd_not_running, f->manager, 10000);
  version = g_strdup (gr_manager_get_version (f->manager));
  created = gr_manager_call_create_session_sync (
      f->manager, "grsb_down_p", "127.0.0.1", "grsb_down_s",
      g_variant_new ("a{sv}", NULL), &path, NULL, &create_error);
  start_glusterd ();

  g_assert_false (refreshed);
  g_assert_error (refresh_error, GR_ERROR, GR_ERROR_GLUSTERD_UNAVAILABLE);
  g_assert_true (seen_down);
  /* Still up and readable; changes are refused with the cause. */
  g_assert_cmpstr (version, ==, GR_TEST_VERSION);
  g_assert_false (created);
  g_assert_error (create_error, GR_ERROR, GR_ERROR_GLUSTERD_UNAVAILABLE);
  /* The service finds glusterd again by itself, at its next poll. */
  g_assert_true (gr_test_wait_for (glusterd_running, f->manager, 60000));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func)                                                        \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/service/owns-name", test_owns_name);
  ADD ("/service/versions", test_versions);
  ADD ("/service/volumes", test_volumes);
  ADD ("/service/config-keys", test_config_keys);
  ADD ("/service/last-refresh", test_last_refresh);
  ADD ("/service/refresh-with-leftover-session-dir",
       test_refresh_with_leftover_session_dir);
  ADD ("/service/bus-policy/plain-user-cannot-own", test_plain_user_cannot_own);
  ADD ("/service/bus-policy/plain-user-can-read", test_plain_user_can_read);
  ADD ("/service/polkit/plain-user-refused", test_polkit_plain_user_refused);
  ADD ("/service/polkit/create-session-authorized-first",
       test_create_session_authorized_first);
  ADD ("/service/polkit/admin-allowed", test_polkit_admin_allowed);
  ADD ("/service/polkit/root-allowed", test_polkit_root_allowed);
  ADD ("/service/options/unknown", test_unknown_option);
  ADD ("/service/glusterd-down-and-back", test_glusterd_down_and_back);
  return g_test_run ();
}
