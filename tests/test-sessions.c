/* Integration tests of sessions on the sandbox's real glusterd: the full
 * lifecycle with data flowing, and sessions made behind the service's
 * back with the gluster CLI. */
#include <glib/gstdio.h>

#include "gr-error.h"
#include "gr-label.h"
#include "gr-names.h"
#include "gr-test-gluster.h"
#include "gr-test-gsyncd.h"
#include "gr-test-util.h"

#define HOST "127.0.0.1"

/* Each test has volumes of its own: gsyncd keeps per-session working
 * directories that outlive a deleted session, and a new session with an
 * old name can inherit a stale changelog registration. */
static const char *PRIMARY;
static const char *SECONDARY;

typedef struct {
  GDBusConnection *bus;
  GrManager *manager;
  GDBusObjectManager *objects;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  const char *const *names = data;

  PRIMARY = names[0];
  SECONDARY = names[1];

  f->bus = gr_test_bus ();
  f->manager = gr_test_manager (f->bus);
  f->objects = gr_object_manager_client_new_sync (
      f->bus, G_DBUS_OBJECT_MANAGER_CLIENT_FLAGS_NONE, GR_DBUS_NAME,
      GR_DBUS_PATH, NULL, &error);
  g_assert_no_error (error);
  gr_test_session_destroy (PRIMARY, HOST, SECONDARY);
  gr_test_volume_create (PRIMARY);
  gr_test_volume_create (SECONDARY);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  gr_test_session_destroy (PRIMARY, HOST, SECONDARY);
  gr_test_volume_destroy (PRIMARY);
  gr_test_volume_destroy (SECONDARY);
  g_clear_object (&f->objects);
  g_clear_object (&f->manager);
  g_clear_object (&f->bus);
}

static void
refresh (Fixture *f)
{
  g_autoptr (GError) error = NULL;

  gr_manager_call_refresh_sync (f->manager, g_variant_new ("a{sv}", NULL), NULL,
                                &error);
  g_assert_no_error (error);
}

static GrSession *
session_proxy (Fixture *f, const char *path)
{
  g_autoptr (GDBusObject) object =
      g_dbus_object_manager_get_object (f->objects, path);

  GrSession *session =
      object ? gr_object_get_session (GR_OBJECT (object)) : NULL;

  if (session)
    g_dbus_proxy_set_default_timeout (G_DBUS_PROXY (session), 300000);
  return session;
}

static GVariant *
options_none (void)
{
  return g_variant_new ("a{sv}", NULL);
}

static gboolean
is_running (gpointer data)
{
  const char *status = gr_session_get_status (data);

  return g_str_equal (status, "active") || g_str_equal (status, "passive");
}

static char *
create_session (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  GVariantBuilder options;

  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (
      &options, "{sv}", "ssh-port",
      g_variant_new_uint16 ((guint16) atoi (gr_test_env ("GEOREP_SSH_PORT"))));
  gr_manager_call_create_session_sync (f->manager, PRIMARY, HOST, SECONDARY,
                                       g_variant_builder_end (&options), &path,
                                       NULL, &error);
  g_assert_no_error (error);
  gr_test_wait_for_hooks ();
  return g_steal_pointer (&path);
}

static char *
gluster_config (const char *key)
{
  g_autofree char *url = g_strdup_printf (HOST "::%s", SECONDARY);
  const char *argv[] = { gr_test_env ("GEOREP_GLUSTER"),
                         "--mode=script",
                         "volume",
                         "geo-replication",
                         PRIMARY,
                         url,
                         "config",
                         key,
                         NULL };

  return g_strstrip (gr_test_run (NULL, argv));
}

static void
write_files (const char *dir, guint count)
{
  for (guint i = 0; i < count; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s/file-%u", dir, i);
      g_autoptr (GError) error = NULL;

      g_file_set_contents (name, "georepd test data\n", -1, &error);
      g_assert_no_error (error);
    }
}

static gboolean
files_arrived (gpointer data)
{
  g_autofree char *last = g_strdup_printf ("%s/file-9", (const char *) data);

  return g_file_test (last, G_FILE_TEST_EXISTS);
}

static void
assert_call_error (gboolean ok, GError *error, int code)
{
  g_assert_false (ok);
  g_assert_error (error, GR_ERROR, code);
}

/* Waits for the ObjectManager's signals, what a client sees. */
static void
await_object (Fixture *f, const char *path, gboolean present)
{
  gr_test_await_object (f->objects, path, present, 10000);
}

static gboolean
checkpoint_completed (gpointer data)
{
  return gr_session_get_checkpoint_completed (data);
}

static GVariant *
effective_config (GrSession *session)
{
  g_autoptr (GError) error = NULL;
  GVariant *config = NULL;

  gr_session_call_get_effective_config_sync (session, options_none (), &config,
                                             NULL, &error);
  g_assert_no_error (error);
  return config;
}

/* Config holds only what was set; GetEffectiveConfig every option, with
 * the values gluster itself shows. */
static void
assert_config (GrSession *session, const char *key, gboolean set)
{
  g_autoptr (GVariant) effective = effective_config (session);
  g_autofree char *shown = gluster_config (key);
  const char *value = NULL;

  g_assert_true (g_variant_lookup (effective, key, "&s", &value));
  g_assert_cmpstr (value, ==, shown);
  value = NULL;
  g_assert_cmpint (
      g_variant_lookup (gr_session_get_config (session), key, "&s", &value), ==,
      set);
  if (set)
    g_assert_cmpstr (value, ==, shown);
}

static void
check_config_set_and_reset (GrSession *session)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *before = gluster_config ("sync-jobs");
  g_autofree char *after = NULL;
  g_autofree char *reset = NULL;

  assert_config (session, "sync-jobs", FALSE);
  gr_session_call_set_config_sync (session, "sync-jobs", "5", options_none (),
                                   NULL, &error);
  g_assert_no_error (error);
  after = gluster_config ("sync-jobs");
  g_assert_cmpstr (after, ==, "5");
  /* PropertiesChanged came before the reply: dispatching what is already
   * queued, without waiting, brings the cache up to date. */
  gr_test_dispatch_pending ();
  assert_config (session, "sync-jobs", TRUE);
  gr_session_call_reset_config_sync (session, "sync_jobs", options_none (),
                                     NULL, &error);
  g_assert_no_error (error);
  reset = gluster_config ("sync-jobs");
  g_assert_cmpstr (reset, ==, before);
  g_assert_cmpstr (reset, !=, "5");
  gr_test_dispatch_pending ();
  assert_config (session, "sync-jobs", FALSE);
}

static void
test_config (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = create_session (f);
  g_autoptr (GrSession) session = NULL;
  g_autoptr (GVariant) config = NULL;
  g_autoptr (GVariantBuilder) unknown =
      g_variant_builder_new (G_VARIANT_TYPE_VARDICT);
  gboolean ok;

  await_object (f, path, TRUE);
  gr_test_dispatch_pending ();
  session = session_proxy (f, path);
  /* CreateSession stores the ssh port (glusterfs#2819): set, so shown;
   * gluster's read-only facts such as the pid file are not. */
  assert_config (session, "ssh-port", TRUE);
  g_assert_false (g_variant_lookup (gr_session_get_config (session), "pid-file",
                                    "&s", NULL));
  check_config_set_and_reset (session);
  g_variant_builder_add (unknown, "{sv}", "no-such-option",
                         g_variant_new_boolean (TRUE));
  ok = gr_session_call_get_effective_config_sync (
      session, g_variant_builder_end (unknown), &config, NULL, &error);
  assert_call_error (ok, error, GR_ERROR_INVALID_ARGUMENT);
}

static void
check_pause_resume (GrSession *session)
{
  g_autoptr (GError) error = NULL;
  gboolean ok;

  ok = gr_session_call_pause_sync (session, options_none (), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  gr_test_await_status (session, "paused", 60);
  ok = gr_session_call_delete_sync (session, options_none (), NULL, &error);
  assert_call_error (ok, error, GR_ERROR_INVALID_STATE);
  g_clear_error (&error);
  ok = gr_session_call_resume_sync (session, options_none (), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_true (gr_test_wait_for (is_running, session, 120000));
}

static void
check_data_flows (GrSession *session)
{
  g_autofree char *primary = gr_test_mount (PRIMARY);
  g_autofree char *secondary = gr_test_mount (SECONDARY);
  gboolean arrived;

  write_files (primary, 10);
  arrived = gr_test_await_synced (session, files_arrived, secondary);
  gr_test_unmount (primary);
  gr_test_unmount (secondary);
  g_assert_true (arrived);
}

static void
check_checkpoint (GrSession *session)
{
  g_autoptr (GError) error = NULL;

  gr_session_call_set_checkpoint_sync (session, options_none (), NULL, &error);
  g_assert_no_error (error);
  gr_test_dispatch_pending ();
  g_assert_cmpuint (gr_session_get_checkpoint_time (session), >, 0);
  {
    /* gsyncd completes a checkpoint when it syncs something newer: an
     * idle volume would never get there. */
    g_autofree char *primary = gr_test_mount (PRIMARY);
    gboolean completed;

    /* Written in a later second than the checkpoint's. */
    g_usleep (G_USEC_PER_SEC);
    write_files (primary, 1);
    completed = gr_test_await_synced (session, checkpoint_completed, session);
    gr_test_unmount (primary);
    g_assert_true (completed);
  }
  g_assert_cmpuint (gr_session_get_checkpoint_completion_time (session), >=,
                    gr_session_get_checkpoint_time (session));
}

static void
test_lifecycle (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = create_session (f);
  g_autoptr (GrSession) session = NULL;
  gboolean ok;

  await_object (f, path, TRUE);
  gr_test_dispatch_pending ();
  session = session_proxy (f, path);
  g_assert_cmpstr (gr_session_get_status (session), ==, "created");
  g_assert_cmpstr (gr_session_get_primary_volume (session), ==, PRIMARY);
  /* glusterfs#2819: the port must be in the config or start fails. */
  g_assert_cmpstr (gluster_config ("ssh-port"), ==,
                   gr_test_env ("GEOREP_SSH_PORT"));
  ok = gr_session_call_pause_sync (session, options_none (), NULL, &error);
  assert_call_error (ok, error, GR_ERROR_INVALID_STATE);
  g_clear_error (&error);

  ok = gr_session_call_start_sync (session, options_none (), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  gr_test_await_status (session, "active", 180);
  g_assert_cmpuint (g_variant_n_children (gr_session_get_workers (session)), ==,
                    1);

  check_data_flows (session);
  check_pause_resume (session);
  check_config_set_and_reset (session);
  check_checkpoint (session);

  ok = gr_session_call_delete_sync (session, options_none (), NULL, &error);
  assert_call_error (ok, error, GR_ERROR_INVALID_STATE);
  g_clear_error (&error);
  ok = gr_session_call_stop_sync (session, options_none (), NULL, &error);
  g_assert_no_error (error);
  gr_test_await_status (session, "stopped", 60);
  ok = gr_session_call_delete_sync (session, options_none (), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  await_object (f, path, FALSE);
}

static void
test_create_errors (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = create_session (f);
  g_autofree char *again = NULL;
  gboolean ok;

  ok = gr_manager_call_create_session_sync (f->manager, PRIMARY, HOST,
                                            SECONDARY, options_none (), &again,
                                            NULL, &error);
  assert_call_error (ok, error, GR_ERROR_ALREADY_EXISTS);
  g_clear_error (&error);
  ok = gr_manager_call_create_session_sync (f->manager, "grsb_no_such_volume",
                                            HOST, SECONDARY, options_none (),
                                            &again, NULL, &error);
  assert_call_error (ok, error, GR_ERROR_NOT_FOUND);
}

/* A session made behind the service's back, then a refresh. */
static void
create_with_cli (Fixture *f)
{
  g_autofree char *port = g_strdup (gr_test_env ("GEOREP_SSH_PORT"));
  g_autofree char *url = g_strdup_printf (HOST "::%s", SECONDARY);

  g_assert_cmpint (gr_test_gluster ("system::", "execute", "gsec_create", NULL),
                   ==, 0);
  g_assert_cmpint (gr_test_gluster ("volume", "geo-replication", PRIMARY, url,
                                    "create", "ssh-port", port, "push-pem",
                                    NULL),
                   ==, 0);
  refresh (f);
}

static void
test_cli_sessions_follow (Fixture *f, gconstpointer data)
{
  g_autofree char *path = gr_session_path (PRIMARY, HOST, SECONDARY);

  create_with_cli (f);
  await_object (f, path, TRUE);
  gr_test_session_destroy (PRIMARY, HOST, SECONDARY);
  refresh (f);
  await_object (f, path, FALSE);
}

static GVariant *
get_sessions (Fixture *f, const char *const *properties, GError **error)
{
  GVariantBuilder options;
  GVariant *sessions = NULL;

  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  if (properties != NULL)
    g_variant_builder_add (&options, "{sv}", "properties",
                           g_variant_new_strv (properties, -1));
  gr_manager_call_get_sessions_sync (
      f->manager, g_variant_builder_end (&options), &sessions, NULL, error);
  return sessions;
}

/* GetSessions: the properties named and no others, the same values as
 * GetManagedObjects; all of them without names; a wrong name refused. */
static void
test_get_sessions (Fixture *f, gconstpointer data)
{
  const char *const wanted[] = { "Status", "PrimaryVolume", "Status", NULL };
  const char *const wrong[] = { "PrimaryVolume", "Workerz", NULL };
  g_autofree char *path = gr_session_path (PRIMARY, HOST, SECONDARY);
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) some = NULL;
  g_autoptr (GVariant) all = NULL;
  g_autoptr (GVariant) props = NULL;
  g_autoptr (GrSession) session = NULL;
  const char *primary = NULL, *status = NULL;

  create_with_cli (f);
  await_object (f, path, TRUE);
  session = session_proxy (f, path);
  some = get_sessions (f, wanted, &error);
  g_assert_no_error (error);
  props = g_variant_lookup_value (some, path, G_VARIANT_TYPE_VARDICT);
  g_assert_nonnull (props);
  g_assert_cmpuint (g_variant_n_children (props), ==, 2);
  g_assert_true (g_variant_lookup (props, "PrimaryVolume", "&s", &primary));
  g_assert_cmpstr (primary, ==, PRIMARY);
  g_assert_true (g_variant_lookup (props, "Status", "&s", &status));
  g_assert_cmpstr (status, ==, gr_session_get_status (session));
  all = get_sessions (f, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&props, g_variant_unref);
  props = g_variant_lookup_value (all, path, G_VARIANT_TYPE_VARDICT);
  g_assert_nonnull (props);
  g_assert_true (g_variant_lookup (props, "Workers", "@aa{sv}", NULL));
  g_assert_null (get_sessions (f, wrong, &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_INVALID_ARGUMENT);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  static const char *const lifecycle[] = { "grsb_lc_p", "grsb_lc_s" };
  static const char *const errors[] = { "grsb_er_p", "grsb_er_s" };
  static const char *const cli[] = { "grsb_cli_p", "grsb_cli_s" };
  static const char *const config[] = { "grsb_cf_p", "grsb_cf_s" };
  static const char *const listing[] = { "grsb_gs_p", "grsb_gs_s" };

#define ADD(path, names, func)                                                 \
  g_test_add (path, Fixture, names, fixture_setup, func, fixture_teardown)
  ADD ("/sessions/lifecycle", lifecycle, test_lifecycle);
  ADD ("/sessions/create-errors", errors, test_create_errors);
  ADD ("/sessions/config", config, test_config);
  ADD ("/sessions/cli-sessions-follow", cli, test_cli_sessions_follow);
  ADD ("/sessions/get-sessions", listing, test_get_sessions);
  return g_test_run ();
}
