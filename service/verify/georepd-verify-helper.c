/* georepd-verify-helper: the primary's side of Session.Verify.
 *
 * georepd runs it (never a user) as root with fixed options. It makes a
 * private mount namespace, mounts the volume read-only there with its own
 * glusterfs client (which dies with it: nothing stays mounted, and
 * nobody else sees the mount), and prints one digest line per file
 * (gr-verify-digest.h): the paths read from stdin (--paths), or the
 * --max-files regular files and symlinks changed most recently but not
 * after --not-after among the first --max-scan entries of the volume.
 * The last line is "end complete", "end scan-limit" or "end time-limit".
 * With --touch-root it mounts the volume read-write instead and only sets
 * the mtime of its root, which makes a geo-replication checkpoint
 * completable without other writes (docs/disaster-recovery.md); it
 * prints "end touched".
 * It stops by itself after --timeout seconds. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gio/gio.h>

#include "gr-validate.h"
#include "gr-verify-digest.h"

#define READ_CHUNK (64 * 1024)
#define MOUNT_WAIT_MS 20000

static volatile sig_atomic_t out_of_time;

typedef struct {
  char *volume;
  gboolean paths;
  int max_files;
  gint64 not_after;
  int max_scan;
  int timeout;
  gboolean touch_root;
} Options;

typedef struct {
  char *path;
  gint64 mtime;
} Candidate;

static void
on_alarm (int signal)
{
  out_of_time = 1;
}

static void
candidate_free (Candidate *candidate)
{
  g_free (candidate->path);
  g_free (candidate);
}

/* --- the private mount ------------------------------------------------ */

static const char *
glusterfs_binary (void)
{
  static const char *const places[] = { "/usr/sbin/glusterfs",
                                        "/sbin/glusterfs",
                                        "/usr/local/sbin/glusterfs" };

  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    if (access (places[i], X_OK) == 0)
      return places[i];
  return NULL;
}

/* The client must not outlive the helper, whatever ends it. */
static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static gboolean
start_client (const Options *options,
              const char *dir,
              GPid *pid,
              GError **error)
{
  const char *binary = glusterfs_binary ();
  g_autofree char *volfile_id =
      g_strconcat ("--volfile-id=", options->volume, NULL);
  const char *argv[] = { binary,
                         "-N",
                         "--volfile-server=localhost",
                         volfile_id,
                         "--log-file=/dev/null",
                         dir,
                         options->touch_root ? NULL : "--read-only",
                         NULL };

  if (binary == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           "glusterfs (the client) is not installed");
      return FALSE;
    }
  return g_spawn_async (
      NULL, (char **) argv, NULL,
      G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDIN_FROM_DEV_NULL |
          G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
      die_with_parent, NULL, pid, error);
}

/* A FUSE mount's root has inode 1; the directory before it does not. */
static gboolean
wait_for_mount (const char *dir, GPid client, GError **error)
{
  for (int waited = 0; waited < MOUNT_WAIT_MS && !out_of_time; waited += 50)
    {
      struct stat st;
      int status;

      if (stat (dir, &st) == 0 && st.st_ino == 1)
        return TRUE;
      if (waitpid (client, &status, WNOHANG) == client)
        break;
      g_usleep (50 * 1000);
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               "The volume could not be mounted");
  return FALSE;
}

static gboolean
make_private_namespace (GError **error)
{
  if (unshare (CLONE_NEWNS) != 0 ||
      mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   "No private mount namespace: %s", g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

static void
unmount (const char *dir, GPid client)
{
  umount2 (dir, MNT_DETACH);
  if (client > 0)
    {
      kill (client, SIGTERM);
      waitpid (client, NULL, 0);
    }
  rmdir (dir);
}

/* --- digests ------------------------------------------------------------ */

static char *
hash_fd (int fd, gboolean *ok)
{
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guchar *buffer = g_malloc (READ_CHUNK);
  ssize_t n;

  while ((n = read (fd, buffer, READ_CHUNK)) > 0 && !out_of_time)
    g_checksum_update (checksum, buffer, n);
  *ok = n == 0;
  return g_strdup (g_checksum_get_string (checksum));
}

static void
digest_regular (int root, const char *path, GrFileDigest *digest)
{
  int fd = openat (root, path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  struct stat st;
  gboolean ok = FALSE;

  if (fd < 0 || fstat (fd, &st) != 0)
    digest->kind = GR_FILE_KIND_UNREADABLE;
  else
    {
      digest->digest = hash_fd (fd, &ok);
      digest->size = st.st_size;
      if (!ok)
        {
          digest->kind = GR_FILE_KIND_UNREADABLE;
          g_clear_pointer (&digest->digest, g_free);
          digest->size = 0;
        }
    }
  if (fd >= 0)
    close (fd);
}

/* A symlink's digest is that of its target and a newline, as
 * `readlink F | sha256sum` prints on the secondary. */
static void
digest_symlink (int root, const char *path, GrFileDigest *digest)
{
  char target[GR_VERIFY_PATH_MAX + 2];
  ssize_t n = readlinkat (root, path, target, GR_VERIFY_PATH_MAX);
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  if (n < 0)
    {
      digest->kind = GR_FILE_KIND_UNREADABLE;
      return;
    }
  target[n] = '\n';
  g_checksum_update (checksum, (const guchar *) target, n + 1);
  digest->digest = g_strdup (g_checksum_get_string (checksum));
}

/* The directory that holds @path's last component, reached one
 * component at a time without following a symlink: a link in the volume
 * must not lead the reading out of it. -1 with errno when it cannot. */
static int
open_parent (int root, const char *path, const char **name)
{
  g_auto (GStrv) parts = g_strsplit (path, "/", -1);
  guint n = g_strv_length (parts);
  int fd = dup (root);

  for (guint i = 0; i + 1 < n && fd >= 0; i++)
    {
      int next = openat (fd, parts[i],
                         O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      int saved = errno;

      close (fd);
      fd = next;
      errno = saved;
    }
  *name = strrchr (path, '/') ? strrchr (path, '/') + 1 : path;
  return fd;
}

/* What @name in @dir is; a path through a symlink or a file is "other",
 * as the secondary's script says (service/ssh/gr-ssh-verify.c). */
static void
fill_digest (int dir, const char *name, GrFileDigest *digest)
{
  struct stat st;

  if (fstatat (dir, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
    digest->kind =
        errno == ENOENT ? GR_FILE_KIND_MISSING : GR_FILE_KIND_UNREADABLE;
  else if (S_ISREG (st.st_mode))
    digest_regular (dir, name, digest);
  else if (S_ISLNK (st.st_mode))
    {
      digest->kind = GR_FILE_KIND_SYMLINK;
      digest_symlink (dir, name, digest);
    }
  else
    digest->kind = GR_FILE_KIND_OTHER;
}

static void
print_digest (int root, const char *path)
{
  g_autoptr (GrFileDigest) digest = g_new0 (GrFileDigest, 1);
  g_autofree char *line = NULL;
  const char *name;
  int dir = open_parent (root, path, &name);

  digest->path = g_strdup (path);
  if (dir >= 0)
    {
      fill_digest (dir, name, digest);
      close (dir);
    }
  else if (errno == ENOENT)
    digest->kind = GR_FILE_KIND_MISSING;
  else if (errno == ELOOP || errno == ENOTDIR)
    digest->kind = GR_FILE_KIND_OTHER;
  else
    digest->kind = GR_FILE_KIND_UNREADABLE;
  line = gr_file_digest_format (digest);
  printf ("%s\n", line);
}

/* --- which files ------------------------------------------------------ */

static gboolean
name_is_plain (const char *name)
{
  for (const char *p = name; *p; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      return FALSE;
  return g_utf8_validate (name, -1, NULL);
}

typedef struct {
  int root;
  const Options *options;
  GPtrArray *candidates;
  GQueue directories; /* relative paths, "" for the root */
  int scanned;
} Walk;

static void
consider (Walk *walk, const char *path, const struct stat *st)
{
  Candidate *candidate;

  if (S_ISDIR (st->st_mode))
    {
      g_queue_push_tail (&walk->directories, g_strdup (path));
      return;
    }
  if ((!S_ISREG (st->st_mode) && !S_ISLNK (st->st_mode)) ||
      st->st_mtime > walk->options->not_after)
    return;
  candidate = g_new0 (Candidate, 1);
  candidate->path = g_strdup (path);
  candidate->mtime = st->st_mtime;
  g_ptr_array_add (walk->candidates, candidate);
}

static void
scan_directory (Walk *walk, const char *dir)
{
  int fd = *dir ? openat (walk->root, dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW)
                : dup (walk->root);
  DIR *stream = fd >= 0 ? fdopendir (fd) : NULL;
  struct dirent *entry;

  if (stream == NULL)
    {
      if (fd >= 0)
        close (fd);
      return;
    }
  while ((entry = readdir (stream)) != NULL &&
         walk->scanned < walk->options->max_scan && !out_of_time)
    {
      g_autofree char *path = NULL;
      struct stat st;

      if (g_str_equal (entry->d_name, ".") ||
          g_str_equal (entry->d_name, "..") ||
          (*dir == '\0' && g_str_equal (entry->d_name, ".trashcan")) ||
          !name_is_plain (entry->d_name))
        continue;
      walk->scanned++;
      path = *dir ? g_build_filename (dir, entry->d_name, NULL)
                  : g_strdup (entry->d_name);
      if (fstatat (walk->root, path, &st, AT_SYMLINK_NOFOLLOW) == 0)
        consider (walk, path, &st);
    }
  closedir (stream);
}

static int
newest_first (gconstpointer a, gconstpointer b)
{
  const Candidate *x = *(const Candidate *const *) a;
  const Candidate *y = *(const Candidate *const *) b;

  if (x->mtime != y->mtime)
    return x->mtime < y->mtime ? 1 : -1;
  return g_strcmp0 (x->path, y->path);
}

/* Returns the end line's reason. */
static const char *
print_sample (int root, const Options *options)
{
  Walk walk = { .root = root, .options = options };
  char *dir;

  walk.candidates =
      g_ptr_array_new_with_free_func ((GDestroyNotify) candidate_free);
  g_queue_push_tail (&walk.directories, g_strdup (""));
  while ((dir = g_queue_pop_head (&walk.directories)) != NULL)
    {
      if (walk.scanned < options->max_scan && !out_of_time)
        scan_directory (&walk, dir);
      g_free (dir);
    }
  g_ptr_array_sort (walk.candidates, newest_first);
  for (guint i = 0; i < walk.candidates->len &&
                    i < (guint) options->max_files && !out_of_time;
       i++)
    print_digest (root, ((Candidate *) walk.candidates->pdata[i])->path);
  g_ptr_array_unref (walk.candidates);
  if (out_of_time)
    return "time-limit";
  return walk.scanned >= options->max_scan ? "scan-limit" : "complete";
}

static const char *
print_given (int root, const Options *options)
{
  char line[GR_VERIFY_PATH_MAX + 2];
  int count = 0;

  while (count < options->max_files && !out_of_time &&
         fgets (line, sizeof line, stdin) != NULL)
    {
      g_autofree char *path = NULL;

      g_strchomp (line);
      path = gr_verify_path_normalize (line, NULL);
      if (path == NULL)
        continue;
      print_digest (root, path);
      count++;
    }
  return out_of_time ? "time-limit" : "complete";
}

/* --- main ----------------------------------------------------------- */

static gboolean
parse_options (int argc, char **argv, Options *options, GError **error)
{
  g_autoptr (GOptionContext) context = g_option_context_new ("");
  const GOptionEntry entries[] = {
    { "volume", 0, 0, G_OPTION_ARG_STRING, &options->volume, "volume", NULL },
    { "paths", 0, 0, G_OPTION_ARG_NONE, &options->paths, "paths on stdin",
      NULL },
    { "max-files", 0, 0, G_OPTION_ARG_INT, &options->max_files, "files", NULL },
    { "not-after", 0, 0, G_OPTION_ARG_INT64, &options->not_after, "mtime",
      NULL },
    { "max-scan", 0, 0, G_OPTION_ARG_INT, &options->max_scan, "entries", NULL },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &options->timeout, "seconds", NULL },
    { "touch-root", 0, 0, G_OPTION_ARG_NONE, &options->touch_root,
      "set the root's mtime", NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, error) ||
      !gr_validate_volume (options->volume, error))
    return FALSE;
  if (options->max_files < 1 || options->max_scan < 1 || options->timeout < 1)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "max-files, max-scan and timeout must be positive");
      return FALSE;
    }
  return TRUE;
}

static int
run (const Options *options, GError **error)
{
  g_autofree char *dir = g_dir_make_tmp ("georepd-verify-XXXXXX", error);
  const char *end;
  GPid client = 0;
  int root;

  if (dir == NULL)
    return 1;
  if (!start_client (options, dir, &client, error) ||
      !wait_for_mount (dir, client, error) ||
      (root = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
    {
      unmount (dir, client);
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                             "The mount cannot be opened");
      return 1;
    }
  if (options->touch_root)
    end = futimens (root, NULL) == 0 ? "touched" : "touch-failed";
  else
    end = options->paths ? print_given (root, options)
                         : print_sample (root, options);
  printf ("end %s\n", end);
  fflush (stdout);
  close (root);
  unmount (dir, client);
  return 0;
}

int
main (int argc, char **argv)
{
  Options options = { .max_files = 100, .max_scan = 100000, .timeout = 120 };
  g_autoptr (GError) error = NULL;
  int status;

  signal (SIGALRM, on_alarm);
  if (!parse_options (argc, argv, &options, &error) ||
      !make_private_namespace (&error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 2;
    }
  alarm (options.timeout);
  status = run (&options, &error);
  if (error != NULL)
    fprintf (stderr, "%s\n", error->message);
  g_free (options.volume);
  return status;
}
