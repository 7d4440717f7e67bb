/* georepd load benchmark (issue 14): 50 clients, each on a connection of
 * its own, read at once in a loop (Get of Session.Status, GetAll of the
 * Session, GetManagedObjects) while one more client changes the session's
 * configuration (SetConfig, through gluster) the whole time. Prints the
 * read latency (median, p99, max), every error, the mutations done and
 * georepd's RSS sampled each second.
 *
 * Usage: georepd-bench-load PRIMARY HOST SECONDARY [SECONDS] (default 30),
 * on the sandbox with that session (bench/run load). */
#include <locale.h>

#include "bench-stats.h"
#include "gr-generated.h"
#include "gr-label.h"
#include "gr-names.h"
#include "gr-test-util.h"

#define CLIENTS 50

typedef struct {
  const char *path;
  gint64 until;    /* monotonic µs */
  GArray *samples; /* µs per read */
  guint errors;
  char *first_error;
} Client;

static GDBusConnection *
own_connection (void)
{
  g_autoptr (GError) error = NULL;
  GDBusConnection *bus = g_dbus_connection_new_for_address_sync (
      gr_test_env ("DBUS_SYSTEM_BUS_ADDRESS"),
      G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
          G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
      NULL, NULL, &error);

  g_assert_no_error (error);
  return bus;
}

/* One of the three reads, by @round. */
static GVariant *
read_once (GDBusConnection *bus, const char *path, guint round, GError **error)
{
  switch (round % 3)
    {
      case 0:
        return g_dbus_connection_call_sync (
            bus, GR_DBUS_NAME, path, "org.freedesktop.DBus.Properties", "Get",
            g_variant_new ("(ss)", GR_DBUS_INTERFACE_SESSION, "Status"), NULL,
            G_DBUS_CALL_FLAGS_NONE, 30000, NULL, error);
      case 1:
        return g_dbus_connection_call_sync (
            bus, GR_DBUS_NAME, path, "org.freedesktop.DBus.Properties",
            "GetAll", g_variant_new ("(s)", GR_DBUS_INTERFACE_SESSION), NULL,
            G_DBUS_CALL_FLAGS_NONE, 30000, NULL, error);
      default:
        return g_dbus_connection_call_sync (
            bus, GR_DBUS_NAME, GR_DBUS_PATH,
            "org.freedesktop.DBus.ObjectManager", "GetManagedObjects", NULL,
            NULL, G_DBUS_CALL_FLAGS_NONE, 30000, NULL, error);
    }
}

static gpointer
reader (gpointer data)
{
  Client *client = data;
  g_autoptr (GDBusConnection) bus = own_connection ();

  for (guint round = 0; g_get_monotonic_time () < client->until; round++)
    {
      g_autoptr (GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      g_autoptr (GVariant) reply = read_once (bus, client->path, round, &error);
      double us = (double) (g_get_monotonic_time () - start);

      g_array_append_val (client->samples, us);
      if (reply != NULL)
        continue;
      client->errors++;
      if (client->first_error == NULL)
        client->first_error = g_strdup (error->message);
    }
  return NULL;
}

/* SetConfig sync-jobs 3, 4, 3, … until the end. */
static gpointer
mutator (gpointer data)
{
  Client *client = data;
  g_autoptr (GDBusConnection) bus = own_connection ();

  for (guint round = 0; g_get_monotonic_time () < client->until; round++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GVariant) reply = g_dbus_connection_call_sync (
          bus, GR_DBUS_NAME, client->path, GR_DBUS_INTERFACE_SESSION,
          "SetConfig",
          g_variant_new ("(ssa{sv})", "sync-jobs", round % 2 ? "4" : "3", NULL),
          NULL, G_DBUS_CALL_FLAGS_NONE, 120000, NULL, &error);
      double done = 1;

      g_array_append_val (client->samples, done);
      if (reply != NULL)
        continue;
      client->errors++;
      if (client->first_error == NULL)
        client->first_error = g_strdup (error->message);
    }
  return NULL;
}

static double
percentile (GArray *sorted, guint percent)
{
  if (sorted->len == 0)
    return 0;
  return g_array_index (sorted, double,
                        MIN (sorted->len - 1, sorted->len * percent / 100));
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
report (Client *clients, Client *writer, GArray *rss)
{
  g_autoptr (GArray) all = g_array_new (FALSE, FALSE, sizeof (double));
  guint errors = 0;
  const char *first = NULL;

  for (guint i = 0; i < CLIENTS; i++)
    {
      g_array_append_vals (all, clients[i].samples->data,
                           clients[i].samples->len);
      errors += clients[i].errors;
      first = first ? first : clients[i].first_error;
    }
  g_array_sort (all, compare_doubles);
  g_array_sort (rss, compare_doubles);
  g_print ("load (%d readers on connections of their own, one SetConfig "
           "stream)\n",
           CLIENTS);
  g_print ("  reads %u, errors %u%s%s\n", all->len, errors, first ? ": " : "",
           first ? first : "");
  g_print ("  read latency median %.1f ms  p99 %.1f ms  max %.1f ms\n",
           percentile (all, 50) / 1000, percentile (all, 99) / 1000,
           all->len ? g_array_index (all, double, all->len - 1) / 1000 : 0);
  g_print ("  SetConfig calls %u, errors %u%s%s\n", writer->samples->len,
           writer->errors, writer->first_error ? ": " : "",
           writer->first_error ? writer->first_error : "");
  g_print ("  georepd RSS min %.1f MiB  max %.1f MiB (sampled each second)\n",
           rss->len ? g_array_index (rss, double, 0) / 1024 : 0,
           rss->len ? g_array_index (rss, double, rss->len - 1) / 1024 : 0);
}

int
main (int argc, char **argv)
{
  g_autoptr (GDBusConnection) bus = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GArray) rss = g_array_new (FALSE, FALSE, sizeof (double));
  Client clients[CLIENTS], writer = { 0 };
  GThread *threads[CLIENTS + 1];
  guint seconds;
  GPid pid;

  setlocale (LC_ALL, "");
  if (argc != 4 && argc != 5)
    {
      g_printerr ("usage: georepd-bench-load PRIMARY HOST SECONDARY "
                  "[SECONDS]\n");
      return 2;
    }
  seconds = argc == 5 ? (guint) g_ascii_strtoull (argv[4], NULL, 10) : 30;
  bus = gr_test_bus ();
  pid = (GPid) gr_test_service_pid (bus);
  path = gr_session_path (argv[1], argv[2], argv[3]);
  writer = (Client){ path, g_get_monotonic_time () + seconds * G_USEC_PER_SEC,
                     g_array_new (FALSE, FALSE, sizeof (double)) };
  for (guint i = 0; i < CLIENTS; i++)
    {
      clients[i] = writer;
      clients[i].samples = g_array_new (FALSE, FALSE, sizeof (double));
      threads[i] = g_thread_new ("reader", reader, &clients[i]);
    }
  threads[CLIENTS] = g_thread_new ("mutator", mutator, &writer);
  while (g_get_monotonic_time () < writer.until)
    {
      double kib = (double) bench_rss_kib (pid);

      g_array_append_val (rss, kib);
      g_usleep (G_USEC_PER_SEC);
    }
  for (guint i = 0; i <= CLIENTS; i++)
    g_thread_join (threads[i]);
  report (clients, &writer, rss);
  return 0;
}
