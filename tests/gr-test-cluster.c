/* The two-cluster sandbox's helpers (tests/gr-test-cluster.h). */
#include <string.h>

#include "gr-error.h"
#include "gr-label.h"
#include "gr-names.h"
#include "gr-test-cluster.h"
#include "gr-test-gluster.h"
#include "gr-test-util.h"

/* The bridge end of C's veth pair (scripts/sandbox-cluster.sh,
 * cl_make_netns): down, C is unreachable and every packet is lost. */
#define C_LINK "grsb-C-br"

/* --- the hosts ------------------------------------------------------------ */

const char *
gr_test_cluster_addr (const char *host)
{
  g_autofree char *name = g_strconcat ("GEOREP_CLUSTER_", host, NULL);

  return gr_test_env (name);
}

/* Runs `scripts/sandbox WORDS…` (cluster-glusterd HOST stop|start, on
 * HOST …); returns its exit status. */
int
gr_test_sandbox (const char *first, ...)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) argv = NULL;
  g_autofree char *out = NULL;
  g_autofree char *line = NULL;
  int status;
  va_list ap;

  g_strv_builder_add (builder, gr_test_env ("GEOREP_SANDBOX_SCRIPT"));
  va_start (ap, first);
  for (const char *arg = first; arg; arg = va_arg (ap, const char *))
    g_strv_builder_add (builder, arg);
  va_end (ap);
  argv = g_strv_builder_end (builder);
  out = gr_test_run (&status, (const char *const *) argv);
  line = g_strjoinv (" ", argv + 1);
  g_test_message ("sandbox %s → %d %s", line, status, out);
  return status;
}

/* A brick directory never used before (see gr-test-gluster.c) on HOST:
 * A's under the sandbox's bricks, the others' under their own. */
char *
gr_test_cluster_brick (const char *host, const char *volume)
{
  g_autofree char *unique =
      g_strdup_printf ("%s.%" G_GINT64_FORMAT, volume, g_get_real_time ());
  g_autofree char *dir =
      g_str_equal (host, "A")
          ? g_build_filename (gr_test_env ("GEOREP_SANDBOX_DIR"), "bricks",
                              unique, NULL)
          : g_build_filename (gr_test_env ("GEOREP_CLUSTER_DIR"), host,
                              "bricks", unique, NULL);

  return g_strdup_printf ("%s:%s", gr_test_cluster_addr (host), dir);
}

/* With a peer, every volume command takes a cluster-wide lock, which
 * georepd's refresh may hold for a moment ("Another transaction is in
 * progress"): retry. Returns the last exit status. */
static int
start_volume (const char *name)
{
  int status = 1;

  for (guint i = 0; i < 10 && status != 0; i++)
    {
      if (i > 0)
        g_usleep (G_USEC_PER_SEC);
      status = gr_test_gluster ("volume", "start", name, NULL);
    }
  return status;
}

/* The same lock for the primary's stop and delete: tried until the
 * volume is gone (a test's last job may still be refreshing). */
static void
primary_destroy (const char *name)
{
  for (guint i = 0; i < 10; i++)
    {
      if (i > 0)
        g_usleep (G_USEC_PER_SEC);
      gr_test_volume_destroy (name);
      if (gr_test_gluster ("volume", "info", name, NULL) != 0)
        return;
    }
}

void
gr_test_cluster_primary_create (const char *name)
{
  g_autofree char *a = gr_test_cluster_brick ("A", name);
  g_autofree char *b = gr_test_cluster_brick ("B", name);

  gr_test_volume_destroy (name);
  g_assert_cmpint (gr_test_gluster ("volume", "create", name, "replica", "2", a,
                                    b, "force", NULL),
                   ==, 0);
  g_assert_cmpint (start_volume (name), ==, 0);
}

/* A distribute volume: one brick on A, one on B, each with an Active
 * worker of its own. */
void
gr_test_cluster_primary_create_distribute (const char *name)
{
  g_autofree char *a = gr_test_cluster_brick ("A", name);
  g_autofree char *b = gr_test_cluster_brick ("B", name);

  gr_test_volume_destroy (name);
  g_assert_cmpint (
      gr_test_gluster ("volume", "create", name, a, b, "force", NULL), ==, 0);
  g_assert_cmpint (start_volume (name), ==, 0);
}

void
gr_test_cluster_secondary_destroy (const char *name)
{
  gr_test_sandbox (GR_TEST_GLUSTER_ON_C, "volume", "stop", name, "force", NULL);
  gr_test_sandbox (GR_TEST_GLUSTER_ON_C, "volume", "delete", name, NULL);
}

/* The secondary volume's one gr_test_cluster_brick, on C; returns its
 * directory. */
char *
gr_test_cluster_secondary_create (const char *name)
{
  g_autofree char *c = gr_test_cluster_brick ("C", name);

  gr_test_cluster_secondary_destroy (name);
  g_assert_cmpint (gr_test_sandbox (GR_TEST_GLUSTER_ON_C, "volume", "create",
                                    name, c, "force", NULL),
                   ==, 0);
  g_assert_cmpint (
      gr_test_sandbox (GR_TEST_GLUSTER_ON_C, "volume", "start", name, NULL), ==,
      0);
  return g_strdup (strchr (c, ':') + 1);
}

/* --- the fixture ---------------------------------------------------------- */

static char *
secondary_url (GrTestCluster *f)
{
  return f->user ? g_strdup_printf ("%s@%s::%s", f->user,
                                    gr_test_cluster_addr ("C"), f->secondary)
                 : g_strdup_printf ("%s::%s", gr_test_cluster_addr ("C"),
                                    f->secondary);
}

/* A stop makes georepd refresh the session (gluster's GEOREP_STOP
 * event), which holds the volume's cluster-wide lock for a moment: a
 * stop or delete meeting it fails ("Another transaction is in
 * progress"; the CLI says only "geo-replication command failed"), and a
 * session left behind makes every later status fail. Both are tried
 * again, the delete 2 s after the stop, while glusterd keeps the
 * session's directory. */
void
gr_test_cluster_session_destroy (GrTestCluster *f)
{
  g_autofree char *url = secondary_url (f);
  g_autofree char *name = g_strdup_printf (
      "%s_%s_%s", f->primary, gr_test_cluster_addr ("C"), f->secondary);
  g_autofree char *dir =
      g_build_filename ("/var/lib/glusterd/geo-replication", name, NULL);

  for (guint i = 0; i < 8; i++)
    {
      if (i > 0 && !g_file_test (dir, G_FILE_TEST_IS_DIR))
        return;
      gr_test_gluster ("volume", "geo-replication", f->primary, url, "stop",
                       "force", NULL);
      if (i > 0 || g_file_test (dir, G_FILE_TEST_IS_DIR))
        g_usleep (2 * G_USEC_PER_SEC);
      gr_test_gluster ("volume", "geo-replication", f->primary, url, "delete",
                       NULL);
    }
}

void
gr_test_cluster_setup (GrTestCluster *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  const char *const *names = data;
  g_autofree char *stale = g_build_filename (gr_test_env ("GEOREP_SANDBOX_DIR"),
                                             "mnt", names[0], NULL);
  g_autofree char *path =
      gr_session_path (names[0], gr_test_cluster_addr ("C"), names[1]);

  f->primary = names[0];
  f->secondary = names[1];
  f->user = names[2];
  f->bus = gr_test_bus ();
  f->manager = gr_test_manager (f->bus);
  g_dbus_proxy_set_default_timeout (G_DBUS_PROXY (f->manager), 300000);
  f->objects = gr_test_objects (f->bus);
  /* A run that aborted left its session and mount behind; the session's
   * object must go before the test makes a new one at the same path. */
  gr_test_cluster_session_destroy (f);
  gr_test_unmount (stale);
  gr_manager_call_refresh_sync (f->manager, g_variant_new ("a{sv}", NULL), NULL,
                                &error);
  g_assert_no_error (error);
  gr_test_await_object (f->objects, path, FALSE, 10000);
}

void
gr_test_cluster_set_c_link (const char *state)
{
  const char *argv[] = { "ip", "link", "set", C_LINK, state, NULL };

  g_free (gr_test_run (NULL, argv));
}

/* Removes the destination at *@path (its key stays: A's root key is how
 * the sandbox reaches C). */
static void
remove_destination (GrTestCluster *f, char **path)
{
  g_autoptr (GVariant) reply = NULL;
  GVariantBuilder options;

  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "force",
                         g_variant_new_boolean (TRUE));
  reply = gr_test_call (f->bus, *path, GR_DBUS_INTERFACE_DESTINATION, "Remove",
                        g_variant_new ("(a{sv})", &options), NULL);
  g_clear_pointer (path, g_free);
}

/* Whatever a test changed comes back, also after a failed assertion. */
void
gr_test_cluster_teardown (GrTestCluster *f, gconstpointer data)
{
  gr_test_cluster_set_c_link ("up");
  gr_test_sandbox ("cluster-glusterd", "B", "start", NULL);
  if (f->destination)
    remove_destination (f, &f->destination);
  if (f->user_destination)
    remove_destination (f, &f->user_destination);
  gr_test_cluster_session_destroy (f);
  primary_destroy (f->primary);
  gr_test_cluster_secondary_destroy (f->secondary);
  g_clear_object (&f->objects);
  g_clear_object (&f->manager);
  g_clear_object (&f->bus);
}

/* --- sessions through georepd ----------------------------------------------
 */

GVariant *
gr_test_options_none (void)
{
  return g_variant_new ("a{sv}", NULL);
}

void
gr_test_cluster_refresh (GrTestCluster *f)
{
  g_autoptr (GError) error = NULL;

  gr_manager_call_refresh_sync (f->manager, gr_test_options_none (), NULL,
                                &error);
  g_assert_no_error (error);
}

/* CreateSession from A to C (as f->user when set), push-pem; returns the
 * session's proxy once the object is there. */
GrSession *
gr_test_cluster_create_session (GrTestCluster *f)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GDBusObject) object = NULL;
  GVariantBuilder options;
  GrSession *session;

  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  if (f->user)
    g_variant_builder_add (&options, "{sv}", "secondary-user",
                           g_variant_new_string (f->user));
  /* rsync 3.5 (Debian 12's security update) would leave the files empty
   * (docs/rsync-empty-files.md); tar over ssh writes through gsyncd. */
  g_variant_builder_add (&options, "{sv}", "sync-method",
                         g_variant_new_string ("tarssh"));
  /* Two primary bricks into one: gluster's size check wants force. */
  if (f->force)
    g_variant_builder_add (&options, "{sv}", "force",
                           g_variant_new_boolean (TRUE));
  gr_manager_call_create_session_sync (
      f->manager, f->primary, gr_test_cluster_addr ("C"), f->secondary,
      g_variant_builder_end (&options), &path, NULL, &error);
  g_assert_no_error (error);
  gr_test_wait_for_hooks ();
  gr_test_await_object (f->objects, path, TRUE, 10000);
  object = g_dbus_object_manager_get_object (f->objects, path);
  session = gr_object_get_session (GR_OBJECT (object));
  g_dbus_proxy_set_default_timeout (G_DBUS_PROXY (session), 300000);
  return session;
}

void
gr_test_cluster_start_session (GrSession *session)
{
  g_autoptr (GError) error = NULL;

  gr_session_call_start_sync (session, gr_test_options_none (), NULL, &error);
  g_assert_no_error (error);
}

/* The status word of the worker of HOST's gr_test_cluster_brick, NULL if none
 * is shown. */
const char *
gr_test_cluster_worker_status (GrSession *session, const char *host)
{
  GVariant *workers = gr_session_get_workers (session);
  const char *node = gr_test_cluster_addr (host);
  const char *status = NULL;

  for (gsize i = 0; workers && i < g_variant_n_children (workers); i++)
    {
      g_autoptr (GVariant) worker = g_variant_get_child_value (workers, i);
      const char *name = NULL;

      if (g_variant_lookup (worker, "primary-node", "&s", &name) &&
          g_str_equal (name, node))
        g_variant_lookup (worker, "status", "&s", &status);
    }
  return status;
}

/* One worker Active, the other Passive, as gluster reports a replica
 * pair: A's from the status files, B's from the CLI poll. */
gboolean
gr_test_cluster_active_passive (gpointer data)
{
  GrSession *session = data;
  const char *a = gr_test_cluster_worker_status (session, "A");
  const char *b = gr_test_cluster_worker_status (session, "B");

  return a && b &&
         g_variant_n_children (gr_session_get_workers (session)) == 2 &&
         ((g_str_equal (a, "Active") && g_str_equal (b, "Passive")) ||
          (g_str_equal (a, "Passive") && g_str_equal (b, "Active")));
}

typedef struct {
  GrTestCluster *f;
  GrSession *session;
  gboolean (*check) (gpointer);
} RefreshWait;

/* B's workers come only from the CLI poll: refresh rather than wait for
 * the poll interval. */
static gboolean
refreshed_check (gpointer data)
{
  RefreshWait *wait = data;

  if (wait->check (wait->session))
    return TRUE;
  gr_test_cluster_refresh (wait->f);
  gr_test_dispatch_pending ();
  return wait->check (wait->session);
}

void
gr_test_cluster_await_refreshed (GrTestCluster *f,
                                 GrSession *session,
                                 gboolean (*check) (gpointer),
                                 guint seconds,
                                 const char *what)
{
  RefreshWait wait = { f, session, check };

  if (!gr_test_wait_for (refreshed_check, &wait, seconds * 1000))
    g_error ("%s: not within %u s (status %s)", what, seconds,
             gr_session_get_status (session));
}

gboolean
gr_test_cluster_is_stopped (gpointer data)
{
  return g_str_equal (gr_session_get_status (data), "stopped");
}

/* A destination on C for @user, its host key as ProbeHost reports it. */
char *
gr_test_cluster_add_destination_c (GrTestCluster *f, const char *user)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *key_type = NULL;
  char *path = NULL;

  gr_manager_call_probe_host_sync (f->manager, gr_test_cluster_addr ("C"), 22,
                                   gr_test_options_none (), &fingerprint,
                                   &key_type, NULL, &error);
  g_assert_no_error (error);
  gr_manager_call_add_destination_sync (
      f->manager, gr_test_cluster_addr ("C"), 22, user, fingerprint,
      gr_test_options_none (), &path, NULL, &error);
  g_assert_no_error (error);
  return path;
}
