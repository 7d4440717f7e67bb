/* georepd: following a log file (gr-log-follower.h). */
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gr-log-follower.h"

#define CHUNK_SIZE 65536

struct _GrLogFollower {
  char *path;
  gsize tail;      /* how far back the very first open starts */
  gboolean opened; /* past the first open: files start at 0 */
  int fd;          /* -1 when no file is open */
  dev_t dev;
  ino_t ino;
  goffset offset;    /* the next byte to read in fd */
  GString *partial;  /* the line read so far */
  gboolean skipping; /* dropping bytes up to the next newline */
};

static void open_file (GrLogFollower *follower);

GrLogFollower *
gr_log_follower_new (const char *path, gsize tail)
{
  GrLogFollower *follower = g_new0 (GrLogFollower, 1);

  follower->path = g_strdup (path);
  follower->tail = tail;
  follower->fd = -1;
  follower->partial = g_string_new (NULL);
  open_file (follower);
  follower->opened = TRUE;
  return follower;
}

static void
close_file (GrLogFollower *follower)
{
  if (follower->fd >= 0)
    g_close (follower->fd, NULL);
  follower->fd = -1;
  follower->offset = 0;
  follower->skipping = FALSE;
  g_string_truncate (follower->partial, 0);
}

void
gr_log_follower_free (GrLogFollower *follower)
{
  if (follower == NULL)
    return;
  close_file (follower);
  g_string_free (follower->partial, TRUE);
  g_free (follower->path);
  g_free (follower);
}

const char *
gr_log_follower_get_path (GrLogFollower *follower)
{
  return follower->path;
}

/* A line longer than GR_LOG_LINE_MAX is passed cut, and the rest of it
 * dropped. */
static void
take_bytes (GrLogFollower *follower,
            const char *data,
            gsize len,
            GrLogLineFunc func,
            gpointer user_data)
{
  while (len > 0)
    {
      const char *newline = memchr (data, '\n', len);
      gsize part = newline ? (gsize) (newline - data) : len;
      gsize room = GR_LOG_LINE_MAX - follower->partial->len;

      if (!follower->skipping)
        g_string_append_len (follower->partial, data, MIN (part, room));
      if (!follower->skipping && part > room)
        {
          func (follower->partial->str, follower->partial->len, user_data);
          g_string_truncate (follower->partial, 0);
          follower->skipping = TRUE;
        }
      if (newline == NULL)
        return;
      if (!follower->skipping)
        func (follower->partial->str, follower->partial->len, user_data);
      g_string_truncate (follower->partial, 0);
      follower->skipping = FALSE;
      data = newline + 1;
      len -= part + 1;
    }
}

/* Reads up to @budget bytes from the open file; TRUE when it had more. */
static gboolean
read_file (GrLogFollower *follower,
           gsize *budget,
           GrLogLineFunc func,
           gpointer user_data)
{
  g_autofree char *buffer = g_malloc (CHUNK_SIZE);

  while (*budget > 0)
    {
      ssize_t n;

      n = pread (follower->fd, buffer, MIN (*budget, CHUNK_SIZE),
                 follower->offset);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      follower->offset += n;
      *budget -= (gsize) n;
      take_bytes (follower, buffer, (gsize) n, func, user_data);
    }
  return TRUE;
}

/* The file there when the follower is made starts @tail bytes before its
 * end, at a line start; any later one (made after, or after a rotation)
 * at its start. */
static void
open_file (GrLogFollower *follower)
{
  struct stat st;
  int fd = g_open (follower->path, O_RDONLY | O_CLOEXEC | O_NOCTTY, 0);

  if (fd < 0)
    return;
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_close (fd, NULL);
      return;
    }
  follower->fd = fd;
  follower->dev = st.st_dev;
  follower->ino = st.st_ino;
  follower->offset = 0;
  if (!follower->opened && (goffset) follower->tail + 1 < st.st_size)
    {
      /* From the byte before, so that a start that is already at a
       * line's start drops only that byte's newline. */
      follower->offset = st.st_size - (goffset) follower->tail - 1;
      follower->skipping = TRUE;
    }
}

static gboolean
path_names_open_file (GrLogFollower *follower)
{
  struct stat st;

  return g_stat (follower->path, &st) == 0 && st.st_dev == follower->dev &&
         st.st_ino == follower->ino;
}

/* The path now names another file (or none): finish the old one, whose
 * last line needs no newline any more, and let go of it. */
static gboolean
finish_rotated (GrLogFollower *follower,
                gsize *budget,
                GrLogLineFunc func,
                gpointer user_data)
{
  if (read_file (follower, budget, func, user_data))
    return FALSE;
  if (follower->partial->len > 0 && !follower->skipping)
    func (follower->partial->str, follower->partial->len, user_data);
  close_file (follower);
  return TRUE;
}

gboolean
gr_log_follower_poll (GrLogFollower *follower,
                      gsize max,
                      GrLogLineFunc func,
                      gpointer user_data)
{
  gsize budget = max ? max : GR_LOG_READ_MAX;
  struct stat st;

  if (follower->fd >= 0 && !path_names_open_file (follower) &&
      !finish_rotated (follower, &budget, func, user_data))
    return TRUE;
  if (follower->fd < 0)
    open_file (follower);
  if (follower->fd < 0)
    return FALSE;
  /* Shrunk: truncated in place (copytruncate); start again. */
  if (fstat (follower->fd, &st) == 0 && st.st_size < follower->offset)
    {
      follower->offset = 0;
      follower->skipping = FALSE;
      g_string_truncate (follower->partial, 0);
    }
  return read_file (follower, &budget, func, user_data);
}
