/* georepd benchmarks on the two-cluster sandbox (scripts/sandbox
 * cluster-up, bench/cluster): a session from a replica-2 volume over A and
 * B to C, read through the georepd of A.
 *
 *   remote-freshness  B's worker stops (its gsyncd monitor on B killed;
 *                     writing B's status file does not last: B's gsyncd
 *                     rewrites it at once) → PropertiesChanged on A showing
 *                     it Stopped; then `start force` brings it back.
 *                     georepd learns of B's workers only from the CLI
 *                     poll, so this is the poll's delay
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
/* The poll is at most PollInterval (30 s by default) away. */
#define WAIT_MAX_S 90

typedef struct {
  const char *node;     /* B's address, as the workers name it */
  const char *expected; /* the status B's worker reports this round */
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
          g_str_equal (status, wait->expected))
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

/* The pid of the gsyncd monitor whose brick is under @bricks_dir (B's:
 * the hosts share the pid namespace), or 0. */
static pid_t
find_monitor (const char *bricks_dir)
{
  g_autoptr (GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *name;

  while (proc && (name = g_dir_read_name (proc)))
    {
      g_autofree char *path = g_build_filename ("/proc", name, "cmdline", NULL);
      g_autofree char *cmdline = NULL;
      gsize len = 0;

      if (!g_ascii_isdigit (*name) ||
          !g_file_get_contents (path, &cmdline, &len, NULL))
        continue;
      for (gsize i = 0; i + 1 < len; i++)
        if (cmdline[i] == '\0')
          cmdline[i] = ' ';
      if (strstr (cmdline, "gsyncd") && strstr (cmdline, "--monitor") &&
          strstr (cmdline, bricks_dir))
        return (pid_t) g_ascii_strtoll (name, NULL, 10);
    }
  return 0;
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

/* `gluster volume geo-replication … start force`: the monitors that do
 * not run start again. */
static void
restart (const char *const *session)
{
  const char *argv[] = { gr_test_env ("GEOREP_GLUSTER"),
                         "--mode=script",
                         "volume",
                         "geo-replication",
                         session[0],
                         session[1],
                         "start",
                         "force",
                         NULL };

  g_free (gr_test_run (NULL, argv));
}

static void
run_remote_freshness (GDBusConnection *bus,
                      const char *path,
                      const char *const *session,
                      const char *b_bricks_dir)
{
  g_autoptr (GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  RemoteWait wait = { gr_test_env ("GEOREP_CLUSTER_B") };
  guint id = g_dbus_connection_signal_subscribe (
      bus, GR_DBUS_NAME, "org.freedesktop.DBus.Properties", "PropertiesChanged",
      path, NULL, G_DBUS_SIGNAL_FLAGS_NONE, on_changed, &wait, NULL);
  BenchFigures figures;

  for (guint i = 0; i < ROUNDS; i++)
    {
      gint64 start;
      double ms;
      pid_t monitor = find_monitor (b_bricks_dir);

      if (monitor == 0)
        g_error ("No gsyncd monitor of B's brick runs");
      wait.expected = "Stopped";
      wait.arrived = 0;
      start = g_get_monotonic_time ();
      kill (monitor, SIGTERM);
      ms = await_remote (&wait, start);
      g_array_append_val (samples, ms);
      wait.expected = "Passive";
      wait.arrived = 0;
      restart (session);
      await_remote (&wait, g_get_monotonic_time ());
    }
  g_dbus_connection_signal_unsubscribe (bus, id);
  figures = bench_figures (samples);
  g_print ("remote freshness (%u times: B's gsyncd monitor killed → "
           "PropertiesChanged on A showing B's worker Stopped)\n",
           ROUNDS);
  g_print ("  median %8.0f ms  p95 %8.0f ms  (georepd polls the CLI every "
           "PollInterval, 30 s by default)\n",
           figures.median, figures.p95);
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
  g_autofree char *url = NULL;

  setlocale (LC_ALL, "");
  if (argc != 5)
    {
      g_printerr ("usage: georepd-bench-cluster PRIMARY HOST SECONDARY "
                  "B_BRICKS_DIR\n");
      return 2;
    }
  bus = gr_test_bus ();
  path = gr_session_path (argv[1], argv[2], argv[3]);
  url = g_strdup_printf ("%s::%s", argv[2], argv[3]);
  run_refresh (bus);
  run_remote_freshness (bus, path, (const char *[]){ argv[1], url }, argv[4]);
  return 0;
}
