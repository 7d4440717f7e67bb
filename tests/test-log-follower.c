/* Unit tests: following a log in a temporary directory while it is
 * written, rotated (rename and create, copytruncate) and flooded. */
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "gr-gsyncd-watch.h"
#include "gr-log-follower.h"

typedef struct {
  char *dir;
  char *path;
  GrLogFollower *follower;
  GPtrArray *lines; /* what the follower passed so far */
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("georepd-follow-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "gsyncd.log", NULL);
  f->follower = gr_log_follower_new (f->path, GPOINTER_TO_UINT (data));
  f->lines = g_ptr_array_new_with_free_func (g_free);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_autoptr (GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  gr_log_follower_free (f->follower);
  g_ptr_array_unref (f->lines);
  g_free (f->path);
  g_free (f->dir);
}

static void
on_line (const char *line, gsize len, gpointer data)
{
  Fixture *f = data;

  g_assert_cmpuint (strlen (line), ==, len);
  g_ptr_array_add (f->lines, g_strndup (line, len));
}

static void
append (const char *path, const char *text)
{
  FILE *file = fopen (path, "a");

  g_assert_nonnull (file);
  g_assert_cmpint (fputs (text, file), >=, 0);
  g_assert_cmpint (fclose (file), ==, 0);
}

/* Polls until nothing more waits; the lines passed, joined by '|'. */
static char *
poll_all (Fixture *f)
{
  g_ptr_array_set_size (f->lines, 0);
  while (gr_log_follower_poll (f->follower, 0, on_line, f))
    ;
  g_ptr_array_add (f->lines, NULL);
  return g_strjoinv ("|", (char **) f->lines->pdata);
}

static void
assert_poll (Fixture *f, const char *expected)
{
  g_autofree char *got = poll_all (f);

  g_assert_cmpstr (got, ==, expected);
  g_ptr_array_set_size (f->lines, 0);
}

static void
test_incremental (Fixture *f, gconstpointer data)
{
  assert_poll (f, ""); /* no file yet */
  append (f->path, "one\ntwo\n");
  assert_poll (f, "one|two");
  assert_poll (f, "");
  append (f->path, "thr");
  assert_poll (f, ""); /* not a whole line yet */
  append (f->path, "ee\n\nfour\n");
  assert_poll (f, "three||four");
}

/* logrotate's create (or gsyncd's WatchedFileHandler): the old file is
 * renamed, a new one made. Lines written to the old file just before are
 * not lost, even its last one without a newline. */
static void
test_rotate_rename (Fixture *f, gconstpointer data)
{
  g_autofree char *old = g_strconcat (f->path, ".1", NULL);

  append (f->path, "a\n");
  assert_poll (f, "a");
  append (f->path, "b\nlast");
  g_assert_cmpint (g_rename (f->path, old), ==, 0);
  append (f->path, "new\n");
  assert_poll (f, "b|last|new");
  append (f->path, "newer\n");
  append (old, "ignored\n"); /* the old file is let go */
  assert_poll (f, "newer");
}

/* copytruncate: the same file, shrunk to nothing, then written again. */
static void
test_rotate_truncate (Fixture *f, gconstpointer data)
{
  append (f->path, "first line that is long\n");
  assert_poll (f, "first line that is long");
  g_assert_cmpint (truncate (f->path, 0), ==, 0);
  append (f->path, "after\n");
  assert_poll (f, "after");
}

/* A removed log (the session deleted) reads as nothing; a new one is read
 * from its start. */
static void
test_removed (Fixture *f, gconstpointer data)
{
  append (f->path, "x\n");
  assert_poll (f, "x");
  g_assert_cmpint (g_unlink (f->path), ==, 0);
  assert_poll (f, "");
  append (f->path, "y\n");
  assert_poll (f, "y");
}

/* One poll reads at most what it is given; the rest waits for the next. */
static void
test_bounded (Fixture *f, gconstpointer data)
{
  guint polls = 0;

  append (f->path, "0123456789\nabcdefghij\n");
  while (gr_log_follower_poll (f->follower, 4, on_line, f))
    {
      polls++;
      g_assert_cmpuint (f->lines->len, <=, (polls * 4) / 11 + 1);
    }
  g_assert_cmpuint (polls, >=, 5);
  g_assert_cmpuint (f->lines->len, ==, 2);
  g_assert_cmpstr (f->lines->pdata[1], ==, "abcdefghij");
}

static void
test_long_line (Fixture *f, gconstpointer data)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < GR_LOG_LINE_MAX * 3; i++)
    g_string_append_c (text, 'a' + i % 26);
  g_string_append (text, "\nshort\n");
  append (f->path, text->str);
  poll_all (f);
  g_assert_cmpuint (f->lines->len, ==, 3); /* two lines and the NULL */
  g_assert_cmpuint (strlen (f->lines->pdata[0]), ==, GR_LOG_LINE_MAX);
  g_assert_cmpstr (f->lines->pdata[1], ==, "short");
}

/* A follower started late reads the last @tail bytes, from a whole line
 * on; a file that existed is not read from its start. */
static void
test_tail (Fixture *f, gconstpointer data)
{
  append (f->path, "old 1\nold 2\nrecent\n");
  g_clear_pointer (&f->follower, gr_log_follower_free);
  f->follower = gr_log_follower_new (f->path, 9);
  assert_poll (f, "recent");
  g_clear_pointer (&f->follower, gr_log_follower_free);
  f->follower = gr_log_follower_new (f->path, 7); /* "recent\n" exactly */
  assert_poll (f, "recent");
  g_clear_pointer (&f->follower, gr_log_follower_free);
  f->follower = gr_log_follower_new (f->path, 0);
  assert_poll (f, "");
  append (f->path, "new\n");
  assert_poll (f, "new");
}

static void
on_watch_changed (GrGsyncdWatch *watch, gpointer data)
{
  guint *calls = data;

  (*calls)++;
}

/* Waits, without a fixed sleep, until the watch has reported @calls. */
static void
await_calls (guint *calls, guint expected)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (*calls < expected && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (*calls, ==, expected);
}

/* The watch wakes up on its own when gsyncd writes, sets the worker's
 * reason, and clears it when the worker runs again. */
static void
test_watch (Fixture *f, gconstpointer data)
{
  guint calls = 0;
  g_autoptr (GrGsyncdWatch) watch = NULL;
  const GrGsyncdReason *reason;

  append (f->path, "[2026-12-01 10:00:00.1] E [syncdutils(worker /b1):851:"
                   "logerr] Popen: ssh> ssh: connect to host h port 22: "
                   "Connection refused\n");
  watch = gr_gsyncd_watch_new (f->path, on_watch_changed, &calls);
  await_calls (&calls, 1); /* the recent past */
  reason = gr_gsyncd_reasons_get (gr_gsyncd_watch_get_reasons (watch), "/b1");
  g_assert_cmpstr (reason->cause, ==, "ssh-connection-refused");
  append (f->path, "[2026-12-01 10:00:30.1] I [gsyncdstatus(worker /b1):281:"
                   "set_active] GeorepStatus: Worker Status Change "
                   "[{status=Active}]\n");
  await_calls (&calls, 2);
  g_assert_null (
      gr_gsyncd_reasons_get (gr_gsyncd_watch_get_reasons (watch), "/b1"));
  append (f->path, "[2026-12-01 10:01:00.1] E [resource(worker /b1):1:f] "
                   "<top>: execution of \"/nonexistent/rsync\" failed with "
                   "ENOENT (No such file or directory)\n");
  g_assert_true (gr_gsyncd_watch_catch_up (watch));
  reason = gr_gsyncd_reasons_get (gr_gsyncd_watch_get_reasons (watch), "/b1");
  g_assert_cmpstr (reason->cause, ==, "rsync-missing-local");
}

static void
add (const char *name, void (*func) (Fixture *, gconstpointer))
{
  g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  add ("/log-follower/incremental", test_incremental);
  add ("/log-follower/rotate-rename", test_rotate_rename);
  add ("/log-follower/rotate-truncate", test_rotate_truncate);
  add ("/log-follower/removed", test_removed);
  add ("/log-follower/bounded", test_bounded);
  add ("/log-follower/long-line", test_long_line);
  add ("/log-follower/tail", test_tail);
  add ("/log-follower/gsyncd-watch", test_watch);
  return g_test_run ();
}
