/* Integration test helpers for the real gluster. */
#include <glib/gstdio.h>
#include <stdarg.h>
#include <utime.h>

#include "gr-test-gluster.h"
#include "gr-test-util.h"

static gboolean
no_hook_running (gpointer data)
{
  const char *argv[] = { "pgrep", "-f", "/var/lib/glusterd/hooks/", NULL };
  int status;

  g_free (gr_test_run (&status, argv));
  return status != 0;
}

void
gr_test_wait_for_hooks (void)
{
  g_assert_true (gr_test_wait_for (no_hook_running, NULL, 300000));
}

int
gr_test_gluster (const char *first, ...)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) argv = NULL;
  g_autofree char *out = NULL;
  int status;
  va_list ap;

  g_strv_builder_add_many (builder, gr_test_env ("GEOREP_GLUSTER"),
                           "--mode=script", NULL);
  va_start (ap, first);
  for (const char *arg = first; arg; arg = va_arg (ap, const char *))
    g_strv_builder_add (builder, arg);
  va_end (ap);
  argv = g_strv_builder_end (builder);
  gr_test_wait_for_hooks ();
  out = gr_test_run (&status, (const char *const *) argv);
  g_test_message ("gluster %s → %d %s", argv[2], status, out);
  return status;
}

/* Each volume gets a brick path never used before: a brick's changelog
 * socket is named after its path, and a new brick on a recycled path can
 * leave gsyncd waiting forever for changelog notifications. */
static char *
new_brick_dir (const char *name)
{
  g_autofree char *unique =
      g_strdup_printf ("%s.%" G_GINT64_FORMAT, name, g_get_real_time ());

  return g_build_filename (gr_test_env ("GEOREP_SANDBOX_DIR"), "bricks", unique,
                           NULL);
}

static void
remove_brick_dirs (const char *name)
{
  g_autofree char *bricks =
      g_build_filename (gr_test_env ("GEOREP_SANDBOX_DIR"), "bricks", NULL);
  g_autofree char *prefix = g_strconcat (name, ".", NULL);
  g_autoptr (GDir) dir = g_dir_open (bricks, 0, NULL);
  const char *entry;

  while (dir && (entry = g_dir_read_name (dir)))
    if (g_str_has_prefix (entry, prefix))
      {
        g_autofree char *path = g_build_filename (bricks, entry, NULL);
        const char *rm[] = { "rm", "-rf", path, NULL };

        g_free (gr_test_run (NULL, rm));
      }
}

void
gr_test_volume_destroy (const char *name)
{
  gr_test_gluster ("volume", "stop", name, "force", NULL);
  gr_test_gluster ("volume", "delete", name, NULL);
  remove_brick_dirs (name);
}

void
gr_test_volume_create (const char *name)
{
  g_autofree char *dir = new_brick_dir (name);
  g_autofree char *brick = g_strdup_printf ("%s:%s", g_get_host_name (), dir);

  g_assert_true (g_str_has_prefix (name, "grsb"));
  gr_test_volume_destroy (name);
  g_assert_cmpint (
      gr_test_gluster ("volume", "create", name, brick, "force", NULL), ==, 0);
  g_assert_cmpint (gr_test_gluster ("volume", "start", name, NULL), ==, 0);
}

void
gr_test_session_destroy (const char *primary,
                         const char *host,
                         const char *secondary)
{
  g_autofree char *url = g_strdup_printf ("%s::%s", host, secondary);

  g_autofree char *name =
      g_strdup_printf ("%s_%s_%s", primary, host, secondary);
  g_autofree char *work =
      g_build_filename ("/var/lib/misc/gluster/gsyncd", name, NULL);
  g_autofree char *logs =
      g_build_filename ("/var/log/glusterfs/geo-replication", name, NULL);
  const char *rm[] = { "rm", "-rf", work, logs, NULL };

  gr_test_gluster ("volume", "geo-replication", primary, url, "stop", "force",
                   NULL);
  gr_test_gluster ("volume", "geo-replication", primary, url, "delete", NULL);
  /* gsyncd leaves its working directory and logs behind. */
  g_free (gr_test_run (NULL, rm));
}

char *
gr_test_mount (const char *volume)
{
  return gr_test_mount_from ("127.0.0.1", volume);
}

char *
gr_test_mount_from (const char *host, const char *volume)
{
  g_autofree char *source = g_strdup_printf ("%s:/%s", host, volume);
  char *mount_point = g_build_filename (gr_test_env ("GEOREP_SANDBOX_DIR"),
                                        "mnt", volume, NULL);
  const char *argv[] = {
    "mount", "-t", "glusterfs", source, mount_point, NULL
  };

  /* A run that failed may have left its mount, of a volume since deleted:
   * a dead FUSE mount, on which even mkdir fails. */
  gr_test_unmount (mount_point);
  g_assert_cmpint (g_mkdir_with_parents (mount_point, 0755), ==, 0);
  g_free (gr_test_run (NULL, argv));
  return mount_point;
}

void
gr_test_unmount (const char *mount_point)
{
  const char *argv[] = { "umount", "-l", mount_point, NULL };
  int status;

  g_free (gr_test_run (&status, argv));
}

void
gr_test_nudge_changelog (const char *mount_point, gint64 *last_touch)
{
  gint64 now = g_get_monotonic_time ();

  if (*last_touch != 0 && now - *last_touch < 5 * G_USEC_PER_SEC)
    return;
  *last_touch = now;
  g_assert_cmpint (g_utime (mount_point, NULL), ==, 0);
}
