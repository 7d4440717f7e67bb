/* georepd benchmarks on the two-cluster sandbox (scripts/sandbox
 * cluster-up, bench/cluster): a session from a replica-2 volume over A and
 * B to C, read through the georepd of A.
 *
 *   remote-freshness  B's worker fails (its ssh connection to C killed:
 *                     gsyncd logs "connection to peer is broken", the
 *                     worker exits, its monitor marks it Faulty and sends
 *                     GEOREP_FAULTY) → PropertiesChanged on A showing it
 *                     Faulty; B's monitor restarts it within seconds.
 *                     A's georepd polls every 300 s here
 *                     (scripts/sandbox-cluster.sh): what it shows sooner
 *                     came through B's glustereventsd and A's webhook
 *   refresh           Manager.Refresh with two nodes: wall time, and
 *                     georepd's own CPU per refresh (gluster's excluded),
 *                     beside `gluster volume geo-replication status` alone
 *
 * Usage: georepd-bench-cluster PRIMARY HOST SECONDARY B_BRICKS_DIR */
#include <glib/gstdio.h>
#include <locale.h>
#include <signal.h>
#include <string.h>

#include "bench-stats.h"
#include "gr-generated.h"
#include "gr-label.h"
#include "gr-names.h"
#include "gr-test-util.h"

#define ROUNDS 6
#define EVENT_ROUNDS 12
/* B's monitor restarts a failed worker after 10 s (syncdaemon monitor.py);
 * an event arrives in about a second. */
#define WAIT_MAX_S 90

typedef struct {
  const char *node;     /* B's address, as the workers name it */
  const char *expected; /* the status B's worker reports this round */
  gboolean running;     /* wait for Active or Passive instead */
  gint64 arrived;
} RemoteWait;

/* Whether the Workers of a PropertiesChanged show B's worker in the
 * @wait's status. */
static gboolean
workers_carry (GVariant *changed, const RemoteWait *wait)
{
  g_autoptr (GVariant) workers =
      g_variant_lookup_value (changed, "Workers", G_VARIANT_TYPE ("aa{sv}"));

  for (gsize i = 0; workers && i < g_variant_n_children (workers); i++)
    {
      g_autoptr (GVariant) worker = g_variant_get_child_value (workers, i);
      const char *node = NULL, *status = NULL;

      if (g_variant_lookup (worker, "primary-node", "&s", &node) &&
          g_variant_lookup (worker, "status", "&s", &status) &&
          g_str_equal (node, wait->node) &&
          (wait->running ? g_str_equal (status, "Active") ||
                               g_str_equal (status, "Passive")
                         : g_str_equal (status, wait->expected)))
        return TRUE;
    }
  return FALSE;
}

static void
on_changed (GDBusConnection *bus,
            const char *sender,
            const char *path,
            const char *interface,
            const char *name,
            GVariant *parameters,
            gpointer data)
{
  RemoteWait *wait = data;
  g_autoptr (GVariant) changed = g_variant_get_child_value (parameters, 1);

  if (wait->arrived == 0 && workers_carry (changed, wait))
    wait->arrived = g_get_monotonic_time ();
}

/* /proc/PID/cmdline with its NULs as spaces, or NULL. */
static char *
read_cmdline (const char *pid)
{
  g_autofree char *path = g_build_filename ("/proc", pid, "cmdline", NULL);
  char *cmdline = NULL;
  gsize len = 0;

  if (!g_ascii_isdigit (*pid) ||
      !g_file_get_contents (path, &cmdline, &len, NULL))
    return NULL;
  for (gsize i = 0; i + 1 < len; i++)
    if (cmdline[i] == '\0')
      cmdline[i] = ' ';
  return cmdline;
}

/* The pid of the gsyncd worker whose brick is under @bricks_dir (B's:
 * the hosts share the pid namespace), or 0. */
static pid_t
find_worker (const char *bricks_dir)
{
  g_autoptr (GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *name;

  while (proc && (name = g_dir_read_name (proc)))
    {
      g_autofree char *cmdline = read_cmdline (name);

      if (cmdline && strstr (cmdline, "gsyncd") &&
          strstr (cmdline, " worker ") && strstr (cmdline, bricks_dir))
        return (pid_t) g_ascii_strtoll (name, NULL, 10);
    }
  return 0;
}

/* Kills the ssh processes of @worker (its connections to C). */
static guint
kill_ssh_of (pid_t worker)
{
  g_autoptr (GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *name;
  guint killed = 0;

  while (proc && (name = g_dir_read_name (proc)))
    {
      g_autofree char *cmdline = read_cmdline (name);
      g_autofree char *path = g_build_filename ("/proc", name, "stat", NULL);
      g_autofree char *stat = NULL;
      const char *after;

      if (cmdline == NULL || !g_str_has_prefix (cmdline, "ssh ") ||
          !g_file_get_contents (path, &stat, NULL, NULL) ||
          (after = strrchr (stat, ')')) == NULL ||
          g_ascii_strtoll (after + 4, NULL, 10) != worker)
        continue;
      killed += kill ((pid_t) g_ascii_strtoll (name, NULL, 10), SIGKILL) == 0;
    }
  return killed;
}

static double
await_remote (RemoteWait *wait, gint64 start)
{
  gint64 deadline = start + WAIT_MAX_S * G_USEC_PER_SEC;

  while (wait->arrived == 0)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("B's change did not reach A within %d s", WAIT_MAX_S);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (20000);
    }
  return (double) (wait->arrived - start) / 1000;
}

static void
settle (guint seconds)
{
  gint64 end = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (20000);
}

/* One round: B's worker fails; the time until A shows it Faulty. Then
 * B's monitor restarts it: wait until A shows it running again. */
static double
one_round (RemoteWait *wait, const char *b_bricks_dir)
{
  pid_t worker = 0;
  gint64 start, deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  double ms;

  /* A worker that has just started may not have its ssh yet. */
  while ((worker = find_worker (b_bricks_dir)) == 0 || !kill_ssh_of (worker))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("No gsyncd worker of B's brick with an ssh connection");
      g_usleep (200000);
    }
  start = g_get_monotonic_time ();
  wait->expected = "Faulty";
  wait->running = FALSE;
  wait->arrived = 0;
  ms = await_remote (wait, start);
  wait->running = TRUE;
  wait->arrived = 0;
  await_remote (wait, g_get_monotonic_time ());
  /* A steady state again: what the refreshes after it announce goes. */
  settle (2);
  return ms;
}

static void
run_remote_freshness (GDBusConnection *bus,
                      const char *path,
                      const char *b_bricks_dir)
{
  g_autoptr (GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  RemoteWait wait = { gr_test_env ("GEOREP_CLUSTER_B") };
  guint id = g_dbus_connection_signal_subscribe (
      bus, GR_DBUS_NAME, "org.freedesktop.DBus.Properties", "PropertiesChanged",
      path, NULL, G_DBUS_SIGNAL_FLAGS_NONE, on_changed, &wait, NULL);
  BenchFigures figures;

  for (guint i = 0; i < EVENT_ROUNDS; i++)
    {
      double ms = one_round (&wait, b_bricks_dir);

      g_print ("  round %2u: %6.0f ms\n", i + 1, ms);
      g_array_append_val (samples, ms);
    }
  g_dbus_connection_signal_unsubscribe (bus, id);
  figures = bench_figures (samples);
  g_print ("remote freshness (%u times: B's worker fails → "
           "PropertiesChanged on A showing it Faulty; A polls every 300 s)\n",
           EVENT_ROUNDS);
  g_print ("  median %8.0f ms  p95 %8.0f ms\n", figures.median, figures.p95);
}

static double
wall_ms (const char *const *argv)
{
  gint64 start = g_get_monotonic_time ();

  g_free (gr_test_run (NULL, argv));
  return (double) (g_get_monotonic_time () - start) / 1000;
}

static void
run_refresh (GDBusConnection *bus)
{
  g_autoptr (GrManager) manager = gr_test_manager (bus);
  const char *gluster[] = { gr_test_env ("GEOREP_GLUSTER"),
                            "--mode=script",
                            "--xml",
                            "volume",
                            "geo-replication",
                            "status",
                            NULL };
  g_autoptr (GArray) walls = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) theirs = g_array_new (FALSE, FALSE, sizeof (double));
  GPid pid = (GPid) gr_test_service_pid (bus);
  guint64 cpu_start = bench_cpu_ns (pid);
  double cpu_ms;

  for (guint i = 0; i < ROUNDS; i++)
    {
      g_autoptr (GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      double ms;

      gr_manager_call_refresh_sync (manager, g_variant_new ("a{sv}", NULL),
                                    NULL, &error);
      g_assert_no_error (error);
      ms = (double) (g_get_monotonic_time () - start) / 1000;
      g_array_append_val (walls, ms);
    }
  cpu_ms = (double) (bench_cpu_ns (pid) - cpu_start) / 1e6 / ROUNDS;
  for (guint i = 0; i < ROUNDS; i++)
    {
      double ms = wall_ms (gluster);

      g_array_append_val (theirs, ms);
    }
  g_print ("refresh with two nodes (%u Manager.Refresh calls)\n", ROUNDS);
  g_print ("  Refresh wall          median %8.1f ms\n",
           bench_figures (walls).median);
  g_print ("  georepd CPU per refresh      %8.1f ms\n", cpu_ms);
  g_print ("  gluster status alone  median %8.1f ms\n",
           bench_figures (theirs).median);
}

int
main (int argc, char **argv)
{
  g_autoptr (GDBusConnection) bus = NULL;
  g_autofree char *path = NULL;

  setlocale (LC_ALL, "");
  if (argc != 5)
    {
      g_printerr ("usage: georepd-bench-cluster PRIMARY HOST SECONDARY "
                  "B_BRICKS_DIR\n");
      return 2;
    }
  bus = gr_test_bus ();
  path = gr_session_path (argv[1], argv[2], argv[3]);
  run_refresh (bus);
  run_remote_freshness (bus, path, argv[4]);
  return 0;
}
