/* georepd benchmarks: timing samples and process figures. */
#include <string.h>

#include "bench-stats.h"

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

BenchFigures
bench_figures (GArray *samples)
{
  BenchFigures figures = { 0 };

  if (samples->len == 0)
    return figures;
  g_array_sort (samples, compare_doubles);
  figures.median = g_array_index (samples, double, samples->len / 2);
  figures.p95 = g_array_index (samples, double,
                               MIN (samples->len - 1, samples->len * 95 / 100));
  return figures;
}

BenchFigures
bench_time (void (*func) (gpointer), gpointer data, guint iterations)
{
  g_autoptr (GArray) samples =
      g_array_sized_new (FALSE, FALSE, sizeof (double), iterations);

  /* A warm-up round, so that the first connection set-up is not measured. */
  for (guint i = 0; i < 20; i++)
    func (data);
  for (guint i = 0; i < iterations; i++)
    {
      gint64 start = g_get_monotonic_time ();
      double elapsed;

      func (data);
      elapsed = (double) (g_get_monotonic_time () - start);
      g_array_append_val (samples, elapsed);
    }
  return bench_figures (samples);
}

static double
time_one (void (*func) (gpointer), gpointer data)
{
  gint64 start = g_get_monotonic_time ();

  func (data);
  return (double) (g_get_monotonic_time () - start);
}

void
bench_time_interleaved (void (*const *funcs) (gpointer),
                        gpointer const *data,
                        guint n,
                        guint iterations,
                        BenchFigures *figures)
{
  g_autoptr (GPtrArray) samples =
      g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  for (guint k = 0; k < n; k++)
    {
      g_ptr_array_add (samples, g_array_sized_new (
                                    FALSE, FALSE, sizeof (double), iterations));
      for (guint i = 0; i < 20; i++)
        funcs[k](data[k]);
    }
  for (guint i = 0; i < iterations; i++)
    for (guint k = 0; k < n; k++)
      {
        double elapsed = time_one (funcs[k], data[k]);

        g_array_append_val (samples->pdata[k], elapsed);
      }
  for (guint k = 0; k < n; k++)
    figures[k] = bench_figures (samples->pdata[k]);
}

static guint64
thread_cpu_ns (GPid pid, const char *thread)
{
  g_autofree char *path =
      g_strdup_printf ("/proc/%d/task/%s/schedstat", pid, thread);
  g_autofree char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return 0;
  return g_ascii_strtoull (text, NULL, 10);
}

/* Summed over the threads: /proc/PID/schedstat alone is the main
 * thread's, and GDBus's worker thread serializes and sends the replies. */
guint64
bench_cpu_ns (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/task", pid);
  g_autoptr (GDir) threads = g_dir_open (path, 0, NULL);
  const char *thread;
  guint64 total = 0;

  while (threads != NULL && (thread = g_dir_read_name (threads)) != NULL)
    total += thread_cpu_ns (pid, thread);
  return total;
}

/* A "Name:   N kB" line of /proc/PID/status. */
static guint64
status_kib (GPid pid, const char *name)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/status", pid);
  g_autofree char *text = NULL;
  const char *line;

  if (!g_file_get_contents (path, &text, NULL, NULL) ||
      (line = strstr (text, name)) == NULL)
    return 0;
  return g_ascii_strtoull (line + strlen (name), NULL, 10);
}

guint64
bench_rss_kib (GPid pid)
{
  return status_kib (pid, "VmRSS:");
}

guint64
bench_rss_anon_kib (GPid pid)
{
  return status_kib (pid, "RssAnon:");
}

guint64
bench_rss_peak_kib (GPid pid)
{
  return status_kib (pid, "VmHWM:");
}
