/* georepd benchmarks (not tests: they print figures).
 *
 *   latency    reads against a private georepd, as ratios to Ping
 *   scale      a private georepd on generated output for N sessions
 *   freshness  status file change to PropertiesChanged, on the sandbox
 *   cli        georepctl status against gluster's status, on the sandbox
 *   metrics    /metrics of 1000 generated sessions, the history's memory
 *   hold N     a private georepd with N generated sessions, kept until
 *              stdin closes (to profile it)
 *
 * The private georepd runs against bench/gluster-scale.sh, a stand-in
 * answering with generated XML; freshness and cli need `scripts/sandbox
 * up` and a started session there (bench/run arranges both). */
#include <glib/gstdio.h>
#include <locale.h>

#include "bench-data.h"
#include "bench-metrics.h"
#include "bench-stats.h"
#include "gr-label.h"
#include "gr-names.h"
#include "gr-test-private.h"
#include "gr-test-util.h"

#define BRICKS 4
#define ITERATIONS 2000

typedef struct {
  GDBusConnection *bus;
  const char *path;
  const char *interface;
  const char *method;
  GVariant *args;
} BenchCall;

static void
call_once (gpointer data)
{
  BenchCall *call = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = g_dbus_connection_call_sync (
      call->bus, GR_DBUS_NAME, call->path, call->interface, call->method,
      call->args ? g_variant_ref (call->args) : NULL, NULL,
      G_DBUS_CALL_FLAGS_NONE, 30000, NULL, &error);

  if (reply == NULL)
    g_error ("%s.%s failed: %s", call->interface, call->method, error->message);
}

static BenchFigures
time_call (GDBusConnection *bus,
           const char *path,
           const char *interface,
           const char *method,
           GVariant *args,
           guint iterations)
{
  BenchCall call = { bus, path, interface, method,
                     args ? g_variant_ref_sink (args) : NULL };
  BenchFigures figures = bench_time (call_once, &call, iterations);

  g_clear_pointer (&call.args, g_variant_unref);
  return figures;
}

static GrPrivateService *
start_scaled (guint sessions)
{
  return bench_start_scaled (sessions, "");
}

GrPrivateService *
bench_start_scaled (guint sessions, const char *extra_config)
{
  GrPrivateService *service = gr_private_service_new ("bench");
  const char *prefix = g_getenv ("GEOREP_BENCH_PREFIX");
  g_autofree char *script = g_build_filename (
      g_getenv ("GEOREP_SOURCE_ROOT"), "bench", "gluster-scale.sh", NULL);
  g_autofree char *config_src =
      g_build_filename (g_getenv ("GEOREP_SOURCE_ROOT"), "tests", "data",
                        "geo-config-started.xml", NULL);
  g_autofree char *gluster = gr_private_service_path (service, "gluster");
  g_autofree char *info = bench_volume_info_xml (sessions, BRICKS);
  g_autofree char *status = bench_status_xml (sessions, BRICKS, 0);
  g_autofree char *config = NULL;
  g_autofree char *body = NULL;

  g_assert_true (g_file_get_contents (config_src, &config, NULL, NULL));
  g_assert_cmpint (symlink (script, gluster), ==, 0);
  gr_private_service_write (service, "info.xml", info);
  gr_private_service_write (service, "status.xml", status);
  gr_private_service_write (service, "config.xml", config);
  body = g_strdup_printf (
      "GlusterCommand=%s\nPollInterval=3600\nPollIntervalMin=3600\n"
      "GlusterdDirectory=%s\n%s",
      gluster, service->dir, extra_config);
  /* A profiler to run georepd in (e.g. "valgrind --tool=callgrind"). */
  if (prefix != NULL && *prefix != '\0')
    service->prefix = g_strsplit (prefix, " ", -1);
  gr_private_service_start (service, body);
  return service;
}

static char *
session_path (guint index)
{
  g_autofree char *primary = g_strdup_printf ("bench_p%u", index);
  g_autofree char *secondary = g_strdup_printf ("bench_s%u", index);

  return gr_session_path (primary, "backup.example.com", secondary);
}

static void
print_row (const char *what, BenchFigures figures, double floor)
{
  g_print ("  %-34s median %8.1f µs  p95 %8.1f µs  %5.2f× Ping\n", what,
           figures.median, figures.p95, floor > 0 ? figures.median / floor : 0);
}

/* One figure against its target from issue 10, the line a reader of
 * bench/run looks for. */
static void
print_target (const char *what, double value, double target, const char *unit)
{
  g_print ("  TARGET %-44s %9.2f %-3s (target ≤ %g %s) %s\n", what, value, unit,
           target, unit, value <= target ? "met" : "MISSED");
}

/* The same for a target that is a floor. */
static void
print_floor (const char *what, double value, double target, const char *unit)
{
  g_print ("  TARGET %-44s %9.2f %-3s (target ≥ %g %s) %s\n", what, value, unit,
           target, unit, value >= target ? "met" : "MISSED");
}

static void
decode_once (gpointer data)
{
  GBytes *blob = data;
  gsize size;
  const guchar *bytes = g_bytes_get_data (blob, &size);
  g_autoptr (GDBusMessage) message = g_dbus_message_new_from_blob (
      (guchar *) bytes, size, G_DBUS_CAPABILITY_FLAGS_NONE, NULL);

  g_assert_nonnull (message);
}

/* The reply's size, and what decoding it costs GDBus in the client alone
 * (part of every round trip measured above, not the service's doing). */
static void
print_reply_cost (const char *what, BenchCall *call)
{
  g_autoptr (GDBusMessage) request = g_dbus_message_new_method_call (
      GR_DBUS_NAME, call->path, call->interface, call->method);
  g_autoptr (GDBusMessage) reply = NULL;
  g_autoptr (GBytes) blob = NULL;
  g_autoptr (GError) error = NULL;
  guchar *data;
  gsize size;

  if (call->args)
    g_dbus_message_set_body (request, g_variant_ref (call->args));
  reply = g_dbus_connection_send_message_with_reply_sync (
      call->bus, request, G_DBUS_SEND_MESSAGE_FLAGS_NONE, 30000, NULL, NULL,
      &error);
  g_assert_no_error (error);
  data = g_dbus_message_to_blob (reply, &size, G_DBUS_CAPABILITY_FLAGS_NONE,
                                 &error);
  g_assert_no_error (error);
  blob = g_bytes_new_take (data, size);
  g_print ("  %-34s %7" G_GSIZE_FORMAT " bytes, decoding it in the client "
           "alone %8.1f µs\n",
           what, size, bench_time (decode_once, blob, 200).median);
}

enum {
  PING,
  GET_STATUS,
  GET_ALL,
  GET_CONFIG,
  GET_ALL_MANAGER,
  OBJECTS,
  N_CALLS
};

static int
run_latency (void)
{
  GrPrivateService *service = start_scaled (10);
  g_autofree char *path = session_path (0);
  GDBusConnection *bus = service->bus;
  const char *properties = "org.freedesktop.DBus.Properties";
  BenchCall calls[N_CALLS] = {
    { bus, GR_DBUS_PATH, "org.freedesktop.DBus.Peer", "Ping", NULL },
    { bus, path, properties, "Get",
      g_variant_new ("(ss)", GR_DBUS_INTERFACE_SESSION, "Status") },
    { bus, path, properties, "GetAll",
      g_variant_new ("(s)", GR_DBUS_INTERFACE_SESSION) },
    /* Where GetAll's time goes: the Config map alone, and GetAll of the
     * small Manager interface. */
    { bus, path, properties, "Get",
      g_variant_new ("(ss)", GR_DBUS_INTERFACE_SESSION, "Config") },
    { bus, GR_DBUS_PATH, properties, "GetAll",
      g_variant_new ("(s)", GR_DBUS_INTERFACE_MANAGER) },
    { bus, GR_DBUS_PATH, "org.freedesktop.DBus.ObjectManager",
      "GetManagedObjects", NULL },
  };
  void (*funcs[N_CALLS]) (gpointer);
  gpointer data[N_CALLS];
  BenchFigures figures[N_CALLS];
  double floor;

  for (guint k = 0; k < N_CALLS; k++)
    {
      if (calls[k].args)
        g_variant_ref_sink (calls[k].args);
      funcs[k] = call_once;
      data[k] = &calls[k];
    }
  /* GetManagedObjects is timed on its own: the small call right after it
   * would pay for the large reply still being freed. */
  bench_time_interleaved (funcs, data, OBJECTS, ITERATIONS, figures);
  figures[OBJECTS] = bench_time (call_once, &calls[OBJECTS], ITERATIONS / 4);
  floor = figures[PING].median;
  g_print ("latency (10 sessions × %d bricks, %d rounds of each call in "
           "turn)\n",
           BRICKS, ITERATIONS);
  print_row ("Peer.Ping (the floor)", figures[PING], floor);
  print_row ("Get Session.Status", figures[GET_STATUS], floor);
  print_row ("GetAll Session", figures[GET_ALL], floor);
  print_row ("Get Session.Config (size alone)", figures[GET_CONFIG], floor);
  print_row ("GetAll Manager (small)", figures[GET_ALL_MANAGER], floor);
  print_row ("GetManagedObjects", figures[OBJECTS], floor);
  print_target ("Get Session.Status / Ping", figures[GET_STATUS].median / floor,
                1.5, "×");
  print_target ("GetAll Session / Ping", figures[GET_ALL].median / floor, 1.5,
                "×");
  print_reply_cost ("GetAll Session reply", &calls[GET_ALL]);
  print_reply_cost ("GetManagedObjects reply", &calls[OBJECTS]);
  for (guint k = 0; k < N_CALLS; k++)
    g_clear_pointer (&calls[k].args, g_variant_unref);
  gr_private_service_stop (service);
  return 0;
}

static void
refresh_once (gpointer data)
{
  GrPrivateService *service = data;
  g_autoptr (GError) error = NULL;

  gr_manager_call_refresh_sync (service->manager, g_variant_new ("a{sv}", NULL),
                                NULL, &error);
  g_assert_no_error (error);
}

/* CPU time of georepd per refresh, in ms; with @changing, every Active
 * worker reports new figures at each refresh. */
static double
refresh_cpu_ms (GrPrivateService *service, guint sessions, gboolean changing)
{
  const guint refreshes = 5;
  static guint round;
  guint64 cpu = 0;

  for (guint i = 0; i < refreshes; i++)
    {
      guint64 before;

      if (changing)
        {
          g_autofree char *status =
              bench_status_xml (sessions, BRICKS, ++round);

          gr_private_service_write (service, "status.xml", status);
        }
      before = bench_cpu_ns (service->service_pid);
      refresh_once (service);
      cpu += bench_cpu_ns (service->service_pid) - before;
    }
  return cpu / 1e6 / refreshes;
}

static void
print_refresh (const char *what, double ms, guint sessions)
{
  g_print ("    refresh, %-24s %8.2f ms CPU (%7.2f ms per 1000 sessions)\n",
           what, ms, ms * 1000.0 / sessions);
}

typedef struct {
  guint64 rss_kib;
  double objects_cpu_ms; /* georepd's CPU per GetManagedObjects */
  double steady_ms;
} ScaleFigures;

/* georepctl status against the scaled service: its wall time, median. */
static double georepctl_status_ms (GrPrivateService *service);

static ScaleFigures
run_scale_one (guint sessions)
{
  GrPrivateService *service = start_scaled (sessions);
  double steady = refresh_cpu_ms (service, sessions, FALSE);
  double changing = refresh_cpu_ms (service, sessions, TRUE);
  guint64 rss, anon, peak, cpu;
  BenchFigures objects;
  guint calls;

  /* At rest: half a second after the last refresh (georepd does no malloc
   * tuning, so this is what its allocations left resident). */
  g_usleep (G_USEC_PER_SEC / 2);
  rss = bench_rss_kib (service->service_pid);
  anon = bench_rss_anon_kib (service->service_pid);
  peak = bench_rss_peak_kib (service->service_pid);
  calls = sessions >= 1000 ? 50 : 200;
  cpu = bench_cpu_ns (service->service_pid);
  objects = time_call (service->bus, GR_DBUS_PATH,
                       "org.freedesktop.DBus.ObjectManager",
                       "GetManagedObjects", NULL, calls);
  /* bench_time() warms up with 20 calls of its own. */
  cpu = (bench_cpu_ns (service->service_pid) - cpu) / (calls + 20);

  g_print ("  %u sessions × %d bricks\n", sessions, BRICKS);
  print_refresh ("nothing changed", steady, sessions);
  print_refresh ("every worker changed", changing, sessions);
  g_print ("    RSS at rest %6.1f MiB, of which private (anonymous) %6.1f "
           "MiB; peak %6.1f MiB; %6.1f MiB after the GetManagedObjects "
           "calls\n",
           rss / 1024.0, anon / 1024.0, peak / 1024.0,
           bench_rss_kib (service->service_pid) / 1024.0);
  g_print ("    GetManagedObjects median %8.1f µs  p95 %8.1f µs, of which "
           "georepd's CPU %8.1f µs\n",
           objects.median, objects.p95, cpu / 1e3);
  if (sessions >= 1000)
    print_target ("georepctl status, 1000 sessions",
                  georepctl_status_ms (service), 100, "ms");
  gr_private_service_stop (service);
  return (ScaleFigures){ rss, cpu / 1e6, steady };
}

static int
run_scale (void)
{
  const guint sizes[] = { 0, 10, 100, 1000 };
  ScaleFigures figures[G_N_ELEMENTS (sizes)];
  const ScaleFigures *none = &figures[0], *most = &figures[3];

  g_print ("scale (generated gluster output; georepd's own CPU, gluster's "
           "excluded)\n");
  for (gsize i = 0; i < G_N_ELEMENTS (sizes); i++)
    figures[i] = run_scale_one (sizes[i]);
  print_target ("GetManagedObjects CPU, 1000 sessions × 4 workers",
                most->objects_cpu_ms, 100, "ms");
  print_target ("refresh CPU, nothing changed, per 1000", most->steady_ms, 50,
                "ms");
  print_target ("RSS per session ((RSS1000 − RSS0) / 1000)",
                ((double) most->rss_kib - (double) none->rss_kib) / 1000, 16,
                "KiB");
  print_target ("RSS at 1000 sessions", most->rss_kib / 1024.0, 40, "MiB");
  return 0;
}

/* --- on the sandbox --- */

typedef struct {
  gboolean changed;
  gint64 arrived;
} SignalWait;

static void
on_signal (GDBusConnection *bus,
           const char *sender,
           const char *path,
           const char *interface,
           const char *name,
           GVariant *parameters,
           gpointer data)
{
  SignalWait *wait = data;

  wait->changed = TRUE;
  wait->arrived = g_get_monotonic_time ();
}

static gboolean
on_give_up (gpointer data)
{
  g_error ("No PropertiesChanged within 5 s");
  return G_SOURCE_REMOVE;
}

/* Blocks in the main loop, so the signal is taken the moment it comes. */
static void
await_signal (SignalWait *wait)
{
  guint timeout = g_timeout_add_seconds (5, on_give_up, NULL);

  while (!wait->changed)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
}

/* Each write differs from the last in two fields, so that every rename
 * is a change georepd must announce, whatever gsyncd wrote in between. */
static void
write_status (const char *brick_file, guint round)
{
  g_autofree char *json = g_strdup_printf (
      "{\"secondary_node\": \"\", \"worker_status\": \"Active\", "
      "\"last_synced\": 0, \"crawl_status\": \"%s\", \"entry\": %u, "
      "\"data\": 0, \"meta\": 0, \"failures\": 0, "
      "\"checkpoint_completed\": \"No\", \"checkpoint_time\": 0, "
      "\"checkpoint_completion_time\": 0}",
      round % 2 ? "Changelog Crawl" : "History Crawl", 1000000 + round);
  g_autofree char *temp = g_strconcat (brick_file, ".bench", NULL);

  /* As gsyncd writes it: a new file renamed over the old one. */
  g_assert_true (g_file_set_contents (temp, json, -1, NULL));
  g_assert_cmpint (g_rename (temp, brick_file), ==, 0);
}

static char *
find_brick_file (const char *session_dir)
{
  g_autoptr (GDir) dir = g_dir_open (session_dir, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    if (g_str_has_prefix (name, "brick_") && g_str_has_suffix (name, ".status"))
      return g_build_filename (session_dir, name, NULL);
  g_error ("No brick status file in %s", session_dir);
}

static int
run_freshness (const char *primary, const char *host, const char *secondary)
{
  g_autoptr (GDBusConnection) bus = gr_test_bus ();
  g_autofree char *path = gr_session_path (primary, host, secondary);
  g_autofree char *dir = g_strdup_printf (
      "/var/lib/glusterd/geo-replication/%s_%s_%s", primary, host, secondary);
  g_autofree char *brick_file = find_brick_file (dir);
  g_autoptr (GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  SignalWait wait = { FALSE };
  guint id = g_dbus_connection_signal_subscribe (
      bus, GR_DBUS_NAME, "org.freedesktop.DBus.Properties", "PropertiesChanged",
      path, NULL, G_DBUS_SIGNAL_FLAGS_NONE, on_signal, &wait, NULL);
  BenchFigures figures;

  for (guint i = 0; i < 25; i++)
    {
      gint64 start;
      double elapsed;

      wait.changed = FALSE;
      start = g_get_monotonic_time ();
      write_status (brick_file, i);
      await_signal (&wait);
      elapsed = (double) (wait.arrived - start);
      g_array_append_val (samples, elapsed);
    }
  g_dbus_connection_signal_unsubscribe (bus, id);
  figures = bench_figures (samples);
  g_print (
      "freshness (session %s, 25 status file renames → PropertiesChanged)\n",
      path);
  g_print ("  median %8.1f ms  p95 %8.1f ms\n", figures.median / 1000,
           figures.p95 / 1000);
  print_target ("worker change → PropertiesChanged, p95", figures.p95 / 1000,
                250, "ms");
  return 0;
}

static double
median_wall_ms (const char *const *argv, guint runs)
{
  g_autoptr (GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < runs; i++)
    {
      gint64 start = g_get_monotonic_time ();
      double elapsed;

      g_free (gr_test_run (NULL, argv));
      elapsed = (double) (g_get_monotonic_time () - start) / 1000;
      g_array_append_val (samples, elapsed);
    }
  return bench_figures (samples).median;
}

static int
run_cli (void)
{
  g_autofree char *georepctl =
      g_build_filename (g_getenv ("GEOREP_BUILD_ROOT"), "clients", "georepctl",
                        "georepctl", NULL);
  const char *ours[] = { georepctl, "status", NULL };
  const char *theirs[] = { gr_test_env ("GEOREP_GLUSTER"),
                           "--mode=script",
                           "volume",
                           "geo-replication",
                           "status",
                           NULL };
  double ours_ms = median_wall_ms (ours, 11);
  double theirs_ms = median_wall_ms (theirs, 5);

  g_print ("cli (wall time, median; the sandbox's sessions)\n");
  g_print ("  georepctl status                      %9.1f ms\n", ours_ms);
  g_print ("  gluster volume geo-replication status %9.1f ms\n", theirs_ms);
  g_print ("  georepctl is %.0f× faster\n", theirs_ms / ours_ms);
  print_floor ("georepctl status speed-up over gluster's", theirs_ms / ours_ms,
               100, "×");
  return 0;
}

static double
georepctl_status_ms (GrPrivateService *service)
{
  g_autofree char *georepctl =
      g_build_filename (g_getenv ("GEOREP_BUILD_ROOT"), "clients", "georepctl",
                        "georepctl", NULL);
  g_autofree char *address = g_strdup_printf ("unix:path=%s/bus", service->dir);
  g_autofree char *saved = g_strdup (g_getenv ("DBUS_SYSTEM_BUS_ADDRESS"));
  const char *argv[] = { georepctl, "status", NULL };
  double ms;

  g_setenv ("DBUS_SYSTEM_BUS_ADDRESS", address, TRUE);
  ms = median_wall_ms (argv, 11);
  if (saved != NULL)
    g_setenv ("DBUS_SYSTEM_BUS_ADDRESS", saved, TRUE);
  else
    g_unsetenv ("DBUS_SYSTEM_BUS_ADDRESS");
  return ms;
}

/* For profilers: prints the service's pid and bus address, then waits. */
static int
run_hold (guint sessions)
{
  GrPrivateService *service = start_scaled (sessions);
  char line[64];

  g_print ("georepd pid %d, bus unix:path=%s/bus\n", service->service_pid,
           service->dir);
  while (fgets (line, sizeof line, stdin) != NULL)
    ;
  gr_private_service_stop (service);
  return 0;
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  if (argc >= 2 && g_str_equal (argv[1], "latency"))
    return run_latency ();
  if (argc >= 2 && g_str_equal (argv[1], "scale"))
    return run_scale ();
  if (argc == 5 && g_str_equal (argv[1], "freshness"))
    return run_freshness (argv[2], argv[3], argv[4]);
  if (argc >= 2 && g_str_equal (argv[1], "cli"))
    return run_cli ();
  if (argc >= 2 && g_str_equal (argv[1], "metrics"))
    return bench_run_metrics ();
  if (argc == 3 && g_str_equal (argv[1], "hold"))
    return run_hold ((guint) g_ascii_strtoull (argv[2], NULL, 10));
  g_printerr ("usage: georepd-bench latency | scale | freshness PRIMARY HOST "
              "SECONDARY | cli | metrics | hold N\n");
  return 2;
}
