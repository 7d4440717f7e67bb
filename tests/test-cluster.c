/* Integration tests on the two-cluster sandbox (scripts/sandbox
 * cluster-up, scripts/sandbox-cluster.sh): a replica-2 primary volume
 * over hosts A (this one, georepd's) and B, replicated to a volume of the
 * separate cluster C, as root and as a mountbroker user; B's glusterd
 * going away and coming back; C unreachable; B's worker failing, seen
 * on A at once through gluster's events, with its reason from B through
 * the shared storage. */
#include <signal.h>
#include <stdlib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "gr-error.h"
#include "gr-label.h"
#include "gr-names.h"
#include "gr-test-cluster.h"
#include "gr-test-gluster.h"
#include "gr-test-private.h"
#include "gr-test-util.h"

typedef GrTestCluster Fixture;

/* --- data ------------------------------------------------------------------
 */

#define FILE_COUNT 5
#define FILE_TEXT "georepd cluster test data\n"

static void
write_files (const char *dir)
{
  for (guint i = 0; i < FILE_COUNT; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s/file-%u", dir, i);
      g_autoptr (GError) error = NULL;

      g_file_set_contents (name, FILE_TEXT, -1, &error);
      g_assert_no_error (error);
    }
}

typedef struct {
  const char *dir; /* the secondary's brick on C */
  gboolean with_data;
} Arrival;

/* gluster's own copy: the files in the secondary volume's brick. */
static gboolean
files_arrived (gpointer data)
{
  Arrival *arrival = data;

  for (guint i = 0; i < FILE_COUNT; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s/file-%u", arrival->dir, i);
      g_autofree char *text = NULL;

      if (!g_file_get_contents (name, &text, NULL, NULL) ||
          (arrival->with_data && g_strcmp0 (text, FILE_TEXT) != 0))
        return FALSE;
    }
  return TRUE;
}

/* gsyncd's live changelog sometimes never starts for a new session here
 * (tests/gr-test-gsyncd.h): a restart through georepd
 * makes the history crawl pick up what it missed. */
static void
restart_session (Fixture *f, GrSession *session)
{
  g_autoptr (GError) error = NULL;

  g_test_message ("gsyncd missed the changes live: restarting the session");
  gr_session_call_stop_sync (session, gr_test_options_none (), NULL, &error);
  g_assert_no_error (error);
  gr_test_cluster_await_refreshed (f, session, gr_test_cluster_is_stopped, 60,
                                   "stopped");
  gr_test_cluster_start_session (session);
  gr_test_cluster_await_refreshed (f, session, gr_test_cluster_active_passive,
                                   180, "Active and Passive");
}

/* Files written into a mount of the primary (served by A and B) appear in
 * C's volume. */
static void
check_data_flows (Fixture *f,
                  GrSession *session,
                  const char *secondary_brick,
                  gboolean with_data)
{
  g_autofree char *mount = gr_test_mount (f->primary);
  Arrival arrival = { secondary_brick, with_data };
  gboolean arrived;

  write_files (mount);
  arrived = gr_test_wait_for (files_arrived, &arrival, 60000);
  if (!arrived)
    {
      restart_session (f, session);
      arrived = gr_test_wait_for (files_arrived, &arrival, 180000);
    }
  gr_test_unmount (mount);
  g_assert_true (arrived);
}

static void
stop_and_delete (Fixture *f, GrSession *session)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path =
      g_strdup (g_dbus_proxy_get_object_path (G_DBUS_PROXY (session)));

  gr_session_call_stop_sync (session, gr_test_options_none (), NULL, &error);
  g_assert_no_error (error);
  gr_test_cluster_await_refreshed (f, session, gr_test_cluster_is_stopped, 60,
                                   "stopped");
  gr_session_call_delete_sync (session, gr_test_options_none (), NULL, &error);
  g_assert_no_error (error);
  gr_test_await_object (f->objects, path, FALSE, 10000);
  gr_test_cluster_refresh (f);
  gr_test_await_object (f->objects, path, FALSE, 10000);
}

/* The pid of the process that holds B's namespaces
 * (scripts/sandbox-cluster.sh, cl_start_holder). */
static char *
b_holder (void)
{
  g_autofree char *file = g_build_filename (gr_test_env ("GEOREP_CLUSTER_DIR"),
                                            "B", "holder.pid", NULL);
  char *holder = NULL;

  g_assert_true (g_file_get_contents (file, &holder, NULL, NULL));
  return g_strchomp (holder);
}

/* A georepd of the test's own in B's namespaces (B's glusterd, status
 * files and gsyncd.log; a bus of its own). */
static GrPrivateService *
start_georepd_on_b (const char *name, const char *config)
{
  GrPrivateService *on_b = gr_private_service_new (name);
  g_autofree char *holder = b_holder ();

  on_b->prefix = g_strdupv (
      (char *[]){ "nsenter", "-t", holder, "-n", "-m", "-u", "--", NULL });
  gr_private_service_start (on_b, config);
  return on_b;
}

/* georepd started on B (in B's namespaces: B's glusterd and status files;
 * a bus of its own) shows the same session with both workers, Active and
 * Passive: B's own worker from its status files, A's from the CLI. */
static void
check_georepd_on_b (Fixture *f)
{
  GrPrivateService *on_b =
      start_georepd_on_b ("cluster-b", "GlusterCommand=/usr/sbin/gluster\n"
                                       "PollInterval=5\nPollIntervalMin=2\n");
  g_autofree char *path =
      gr_session_path (f->primary, gr_test_cluster_addr ("C"), f->secondary);
  g_autoptr (GrSession) session = NULL;
  g_autoptr (GError) error = NULL;

  session = gr_session_proxy_new_sync (on_b->bus, G_DBUS_PROXY_FLAGS_NONE,
                                       GR_DBUS_NAME, path, NULL, &error);
  g_assert_no_error (error);
  if (!gr_test_wait_for (gr_test_cluster_active_passive, session, 60000))
    g_error ("georepd on B: not Active and Passive (status %s)",
             gr_session_get_status (session));
  gr_private_service_stop (on_b);
}

/* --- events across the cluster ---------------------------------------------
 */

static gboolean
both_active (gpointer data)
{
  return g_strcmp0 (gr_test_cluster_worker_status (data, "A"), "Active") == 0 &&
         g_strcmp0 (gr_test_cluster_worker_status (data, "B"), "Active") == 0;
}

static gboolean
b_not_active (gpointer data)
{
  const char *b = gr_test_cluster_worker_status (data, "B");

  return b != NULL && !g_str_equal (b, "Active");
}

/* The last-error of B's worker, "" if none. */
static const char *
b_reason (GrSession *session)
{
  GVariant *workers = gr_session_get_workers (session);
  const char *reason = "";

  for (gsize i = 0; workers && i < g_variant_n_children (workers); i++)
    {
      g_autoptr (GVariant) worker = g_variant_get_child_value (workers, i);
      const char *node = NULL;

      if (g_variant_lookup (worker, "primary-node", "&s", &node) &&
          g_str_equal (node, gr_test_cluster_addr ("B")))
        g_variant_lookup (worker, "last-error", "&s", &reason);
    }
  return reason;
}

/* A reason B's georepd shared: gsyncd's words, not the fallback that
 * points at B's log. */
static gboolean
b_reason_from_b (gpointer data)
{
  const char *reason = b_reason (data);

  return *reason != '\0' && !g_str_has_prefix (reason, "The reason is in");
}

static gboolean
b_reason_says_enable (gpointer data)
{
  return strstr (b_reason (data), "cluster.enable-shared-storage") != NULL;
}

static char *
read_proc (const char *pid, const char *name, gsize *len)
{
  g_autofree char *path = g_build_filename ("/proc", pid, name, NULL);
  char *text = NULL;

  if (!g_file_get_contents (path, &text, len, NULL))
    return NULL;
  return text;
}

/* Whether /proc/PID runs in the network namespace @net. */
static gboolean
in_net (const char *pid, const char *net)
{
  g_autofree char *path = g_build_filename ("/proc", pid, "ns", "net", NULL);
  g_autofree char *link = g_file_read_link (path, NULL);

  return g_strcmp0 (link, net) == 0;
}

/* gsyncd's worker of @primary on B (the hosts share the pid namespace,
 * not the network one), or 0. */
static pid_t
b_worker (const char *primary, const char *b_net)
{
  g_autoptr (GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *pid;

  while (proc && (pid = g_dir_read_name (proc)))
    {
      g_autofree char *cmdline = NULL;
      gsize len = 0;

      if (!g_ascii_isdigit (*pid) || !in_net (pid, b_net) ||
          (cmdline = read_proc (pid, "cmdline", &len)) == NULL)
        continue;
      for (gsize i = 0; i + 1 < len; i++)
        if (cmdline[i] == '\0')
          cmdline[i] = ' ';
      if (strstr (cmdline, "gsyncd") && strstr (cmdline, " worker ") &&
          strstr (cmdline, primary))
        return atoi (pid);
    }
  return 0;
}

/* The ssh children of @worker: its connections to C. */
static guint
kill_ssh_of (pid_t worker)
{
  g_autoptr (GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *pid;
  guint killed = 0;

  while (proc && (pid = g_dir_read_name (proc)))
    {
      g_autofree char *stat = NULL;
      g_autofree char *comm = NULL;
      const char *after;

      if (!g_ascii_isdigit (*pid) ||
          (comm = read_proc (pid, "comm", NULL)) == NULL ||
          !g_str_equal (g_strchomp (comm), "ssh") ||
          (stat = read_proc (pid, "stat", NULL)) == NULL ||
          (after = strrchr (stat, ')')) == NULL || atoi (after + 4) != worker)
        continue;
      killed += kill (atoi (pid), SIGKILL) == 0;
    }
  return killed;
}

static char *
b_net (void)
{
  g_autofree char *holder = b_holder ();
  g_autofree char *path = g_build_filename ("/proc", holder, "ns", "net", NULL);

  return g_file_read_link (path, NULL);
}

static double
ms_since (gint64 start)
{
  return (double) (g_get_monotonic_time () - start) / 1000;
}

/* B's worker fails (its ssh connection to C killed: it logs "connection
 * to peer is broken" and exits): A's georepd, which polls every 300 s
 * (scripts/sandbox-cluster.sh) and is not asked to gr_test_cluster_refresh,
 * shows B's worker not Active within seconds, from B's GEOREP_FAULTY that B's
 * glustereventsd posts to A's webhook; then B's reason, which B's
 * georepd wrote on gluster's shared storage (or, without it, how to get
 * it). */
static void
test_events (Fixture *f, gconstpointer data)
{
  g_autoptr (GrSession) session = NULL;
  g_autofree char *secondary_brick = NULL;
  g_autofree char *net = b_net ();
  gboolean shared =
      g_strcmp0 (g_getenv ("GEOREP_CLUSTER_SHARED_STORAGE"), "1") == 0;
  GrPrivateService *on_b;
  guint64 last_refresh;
  gint64 start;
  pid_t worker;

  f->force = TRUE;
  gr_test_cluster_primary_create_distribute (f->primary);
  secondary_brick = gr_test_cluster_secondary_create (f->secondary);
  session = gr_test_cluster_create_session (f);
  gr_test_cluster_start_session (session);
  gr_test_cluster_await_refreshed (f, session, both_active, 240,
                                   "both workers Active");
  /* B's georepd shares its own workers' reasons; it polls no more. */
  on_b = start_georepd_on_b ("cluster-events-b",
                             "GlusterCommand=/usr/sbin/gluster\n"
                             "PollInterval=300\nPollIntervalMin=300\n");
  last_refresh = gr_manager_get_last_refresh (f->manager);
  worker = b_worker (f->primary, net);
  g_assert_cmpint (worker, >, 0);

  start = g_get_monotonic_time ();
  g_assert_cmpuint (kill_ssh_of (worker), >, 0);
  if (!gr_test_wait_for (b_not_active, session, 15000))
    g_error ("B's worker still Active on A after 15 s");
  g_test_message ("B's worker not Active on A after %.0f ms (%s)",
                  ms_since (start),
                  gr_test_cluster_worker_status (session, "B"));
  if (!gr_test_wait_for (shared ? b_reason_from_b : b_reason_says_enable,
                         session, 30000))
    g_error ("No reason from B on A within 30 s: \"%s\"", b_reason (session));
  g_test_message ("B's reason on A after %.0f ms: %s", ms_since (start),
                  b_reason (session));
  /* No full refresh explains it: only the event and the shared record. */
  g_assert_cmpuint (gr_manager_get_last_refresh (f->manager), ==, last_refresh);

  gr_private_service_stop (on_b);
  stop_and_delete (f, session);
}

/* --- tests ------------------------------------------------------------------
 */

/* gluster's own view of the sandbox: A and B are peers, C is alone. */
static void
test_hosts (Fixture *f, gconstpointer data)
{
  const char *argv[] = { gr_test_env ("GEOREP_GLUSTER"), "pool", "list", NULL };
  g_autofree char *pool = gr_test_run (NULL, argv);

  g_assert_nonnull (strstr (pool, gr_test_cluster_addr ("B")));
  g_assert_nonnull (strstr (pool, "Connected"));
  g_assert_null (strstr (pool, gr_test_cluster_addr ("C")));
  g_assert_cmpint (
      gr_test_sandbox (GR_TEST_GLUSTER_ON_C, "peer", "status", NULL), ==, 0);
  g_assert_cmpint (
      gr_test_sandbox ("on", "C", "sh", "-c",
                       "gluster pool list | grep -c Connected | grep -qx 1",
                       NULL),
      ==, 0);
}

static void
test_replicated (Fixture *f, gconstpointer data)
{
  g_autofree char *secondary_brick = NULL;
  g_autoptr (GrSession) session = NULL;

  gr_test_cluster_primary_create (f->primary);
  secondary_brick = gr_test_cluster_secondary_create (f->secondary);
  session = gr_test_cluster_create_session (f);
  g_assert_cmpstr (gr_session_get_secondary_host (session), ==,
                   gr_test_cluster_addr ("C"));
  gr_test_cluster_start_session (session);
  gr_test_cluster_await_refreshed (f, session, gr_test_cluster_active_passive,
                                   180, "Active and Passive");
  check_georepd_on_b (f);
  check_data_flows (f, session, secondary_brick, TRUE);
  stop_and_delete (f, session);
}

/* B's worker is Offline (gluster's status left it out) and the session
 * partial: not its last state. */
static gboolean
b_offline (gpointer data)
{
  const char *b = gr_test_cluster_worker_status (data, "B");

  return g_strcmp0 (b, "Offline") == 0 &&
         g_str_equal (gr_session_get_status (data), "partial");
}

static gdouble
seconds_since (gint64 start)
{
  return (gdouble) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
}

/* B's glusterd stops (its bricks and gsyncd stay, as with `systemctl stop
 * glusterd`): georepd keeps answering, B's worker loses its last state;
 * B back: both workers back, without restarting georepd. */
static void
test_peer_down (Fixture *f, gconstpointer data)
{
  g_autofree char *secondary_brick = NULL;
  g_autoptr (GrSession) session = NULL;
  guint32 pid = gr_test_service_pid (f->bus);
  gint64 start;

  gr_test_cluster_primary_create (f->primary);
  secondary_brick = gr_test_cluster_secondary_create (f->secondary);
  session = gr_test_cluster_create_session (f);
  gr_test_cluster_start_session (session);
  gr_test_cluster_await_refreshed (f, session, gr_test_cluster_active_passive,
                                   180, "Active and Passive");

  g_assert_cmpint (gr_test_sandbox ("cluster-glusterd", "B", "stop", NULL), ==,
                   0);
  start = g_get_monotonic_time ();
  gr_test_cluster_refresh (f);
  g_test_message ("refresh with B's glusterd down: %.1f s",
                  seconds_since (start));
  g_assert_cmpfloat (seconds_since (start), <, 60);
  gr_test_cluster_await_refreshed (f, session, b_offline, 120,
                                   "B's worker Offline, the session partial");
  g_assert_true (gr_manager_get_glusterd_running (f->manager));
  g_assert_nonnull (gr_test_cluster_worker_status (session, "A"));

  g_assert_cmpint (gr_test_sandbox ("cluster-glusterd", "B", "start", NULL), ==,
                   0);
  gr_test_cluster_await_refreshed (f, session, gr_test_cluster_active_passive,
                                   180, "B back");
  g_assert_cmpuint (gr_test_service_pid (f->bus), ==, pid);
  stop_and_delete (f, session);
}

static GError *
setup_mountbroker (Fixture *f)
{
  GError *error = NULL;
  g_autoptr (GVariant) reply = NULL;
  GVariantBuilder options;

  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (
      &options, "{sv}", "group",
      g_variant_new_string (gr_test_env ("GEOREP_CLUSTER_GEO_GROUP")));
  reply =
      gr_test_call (f->bus, f->user_destination, GR_DBUS_INTERFACE_DESTINATION,
                    "SetupMountbroker",
                    g_variant_new ("(sa{sv})", f->secondary, &options), &error);
  return error;
}

/* The ids of CheckSecondary's error findings for the session's user. */
static char *
check_errors (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) findings = NULL;
  g_autoptr (GString) ids = g_string_new (NULL);
  GVariantBuilder options;
  GVariantIter iter;
  const char *id, *severity, *message;

  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "secondary-user",
                         g_variant_new_string (f->user));
  g_variant_builder_add (&options, "{sv}", "sync-method",
                         g_variant_new_string ("tarssh"));
  gr_manager_call_check_secondary_sync (
      f->manager, f->primary, gr_test_cluster_addr ("C"), f->secondary,
      g_variant_builder_end (&options), &findings, NULL, &error);
  g_assert_no_error (error);
  g_variant_iter_init (&iter, findings);
  while (g_variant_iter_next (&iter, "(&s&s&s)", &id, &severity, &message))
    {
      g_test_message ("%s %s: %s", severity, id, message);
      if (g_str_equal (severity, "error"))
        g_string_append_printf (ids, "%s%s", ids->len ? " " : "", id);
    }
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

static gboolean
user_in_group (const char *user, const char *group)
{
  const char *argv[] = { "id", "-Gn", "--", user, NULL };
  g_autofree char *out = NULL;
  g_auto (GStrv) names = NULL;
  int status;

  out = gr_test_run (&status, argv);
  names = g_strsplit_set (g_strstrip (out), " ", -1);
  return status == 0 && g_strv_contains ((const char *const *) names, group);
}

/* A mountbroker user on C, set up through georepd: without a root
 * destination of C the error lists the admin's commands; with it,
 * SetupMountbroker creates the group and does the setup, CreateSession
 * installs the session's keys for the user, and files arrive as that
 * user. */
static void
test_non_root (Fixture *f, gconstpointer data)
{
  g_autofree char *secondary_brick = NULL;
  g_autofree char *errors = NULL;
  g_autofree char *expected = NULL;
  g_autoptr (GrSession) session = NULL;
  g_autoptr (GError) error = NULL;

  f->user = gr_test_env ("GEOREP_CLUSTER_GEO_USER");
  gr_test_cluster_primary_create (f->primary);
  secondary_brick = gr_test_cluster_secondary_create (f->secondary);
  f->user_destination = gr_test_cluster_add_destination_c (f, f->user);

  error = setup_mountbroker (f);
  g_test_message ("without root trust: %s", error ? error->message : "-");
  g_assert_error (error, GR_ERROR, GR_ERROR_INVALID_STATE);
  expected =
      g_strdup_printf ("gluster-mountbroker add %s %s", f->secondary, f->user);
  g_assert_nonnull (strstr (error->message, expected));
  g_clear_error (&error);

  f->destination = gr_test_cluster_add_destination_c (f, "root");
  error = setup_mountbroker (f);
  g_assert_no_error (error);
  /* The group was missing (scripts/sandbox-cluster.sh): created, with
   * the user as its one member (users are shared by all hosts). */
  g_assert_true (
      user_in_group (f->user, gr_test_env ("GEOREP_CLUSTER_GEO_GROUP")));
  errors = check_errors (f);
  g_assert_cmpstr (errors, ==, "");

  session = gr_test_cluster_create_session (f);
  g_assert_cmpstr (gr_session_get_secondary_user (session), ==, f->user);
  gr_test_cluster_start_session (session);
  gr_test_cluster_await_refreshed (f, session, gr_test_cluster_active_passive,
                                   180, "Active and Passive");
  check_data_flows (f, session, secondary_brick, TRUE);
  stop_and_delete (f, session);
}

/* C unreachable (every packet lost, the slow case): reads keep working;
 * a Test of C and a CreateSession to C fail with HostUnreachable in
 * seconds (gluster's own create would wait for its ssh for minutes). */
static void
test_secondary_unreachable (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) objects = NULL;
  g_autoptr (GVariant) reply = NULL;
  g_autofree char *path = NULL;
  gint64 start;

  gr_test_cluster_primary_create (f->primary);
  f->destination = gr_test_cluster_add_destination_c (f, "root");
  gr_test_cluster_set_c_link ("down");
  start = g_get_monotonic_time ();
  gr_test_cluster_refresh (f);
  objects =
      gr_test_call (f->bus, GR_DBUS_PATH, "org.freedesktop.DBus.ObjectManager",
                    "GetManagedObjects", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (seconds_since (start), <, 10);

  start = g_get_monotonic_time ();
  reply = gr_test_call (f->bus, f->destination, GR_DBUS_INTERFACE_DESTINATION,
                        "Test", g_variant_new ("(a{sv})", NULL), &error);
  g_test_message ("Test of unreachable C: %.1f s, %s", seconds_since (start),
                  error ? error->message : "no error");
  g_assert_null (reply);
  g_assert_error (error, GR_ERROR, GR_ERROR_HOST_UNREACHABLE);
  g_assert_cmpfloat (seconds_since (start), <, 15);

  g_clear_error (&error);
  start = g_get_monotonic_time ();
  gr_manager_call_create_session_sync (
      f->manager, f->primary, gr_test_cluster_addr ("C"), f->secondary,
      gr_test_options_none (), &path, NULL, &error);
  g_test_message ("CreateSession to unreachable C: %.1f s, %s",
                  seconds_since (start), error ? error->message : "no error");
  g_assert_error (error, GR_ERROR, GR_ERROR_HOST_UNREACHABLE);
  g_assert_cmpfloat (seconds_since (start), <, 20);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  static const char *const hosts[] = { "grsb_ch_p", "grsb_ch_s", NULL };
  static const char *const replicated[] = { "grsb_cr_p", "grsb_cr_s", NULL };
  static const char *const peer_down[] = { "grsb_cd_p", "grsb_cd_s", NULL };
  static const char *const non_root[] = { "grsb_cn_p", "grsb_cn_s", NULL };
  static const char *const unreachable[] = { "grsb_cu_p", "grsb_cu_s", NULL };
  static const char *const events[] = { "grsb_ce_p", "grsb_ce_s", NULL };

#define ADD(path, names, func)                                                 \
  g_test_add (path, Fixture, names, gr_test_cluster_setup, func,               \
              gr_test_cluster_teardown)
  ADD ("/cluster/hosts", hosts, test_hosts);
  ADD ("/cluster/replicated", replicated, test_replicated);
  ADD ("/cluster/peer-down", peer_down, test_peer_down);
  ADD ("/cluster/non-root", non_root, test_non_root);
  ADD ("/cluster/secondary-unreachable", unreachable,
       test_secondary_unreachable);
  ADD ("/cluster/events", events, test_events);
  return g_test_run ();
}
