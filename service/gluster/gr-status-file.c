/* georepd: gsyncd status files.
 *
 * gsyncd replaces them by write-to-temp-and-rename, so a read sees either
 * the old or the new file, never half of one. What they hold is read as
 * untrusted: at most STATUS_FILE_MAX bytes are ever read, and the
 * strings taken from them are cleaned (gr-text.h). */
#include <errno.h>
#include <fcntl.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <unistd.h>

#include "gr-status-file.h"
#include "gr-text.h"

#define STATUS_FILE_MAX 65536
#define NAME_MAX_BYTES 256

/* The contents of @path if it has at most @max bytes, else NULL: never
 * more than @max + 1 bytes are read, whatever the file's size. */
static char *
read_bounded (const char *path, gsize max, gsize *len)
{
  g_autofree char *buffer = g_malloc (max + 2);
  gsize got = 0;
  int fd = open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);

  if (fd < 0)
    return NULL;
  while (got <= max)
    {
      ssize_t n = read (fd, buffer + got, max + 1 - got);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      got += (gsize) n;
    }
  close (fd);
  if (got > max)
    return NULL;
  buffer[got] = '\0';
  *len = got;
  return g_steal_pointer (&buffer);
}

char *
gr_status_file_read_monitor (const char *session_dir)
{
  g_autofree char *path =
      g_build_filename (session_dir, "monitor.status", NULL);
  gsize len = 0;
  g_autofree char *text = read_bounded (path, NAME_MAX_BYTES, &len);

  if (text == NULL)
    return NULL;
  return gr_text_clean (g_strstrip (text), NAME_MAX_BYTES);
}

/* gsyncd names the file after the brick path quoted like Python's
 * urllib quote_plus ('/' → %2F). */
static char *
brick_file (const char *session_dir, const char *brick)
{
  g_autofree char *quoted = g_uri_escape_string (brick, NULL, FALSE);
  g_autofree char *name = g_strconcat ("brick_", quoted, ".status", NULL);

  return g_build_filename (session_dir, name, NULL);
}

static guint64
member_uint (JsonObject *object, const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    return 0;
  return (guint64) MAX (json_node_get_int (node), 0);
}

static const char *
member_string (JsonObject *object, const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static void
replace (char **field, const char *value)
{
  if (value == NULL)
    return;
  g_free (*field);
  *field = g_strdup (value);
}

static void
apply_brick_json (JsonObject *object, GrWorker *worker)
{
  const char *secondary_node = member_string (object, "secondary_node");

  if (secondary_node == NULL)
    secondary_node = member_string (object, "slave_node");
  if (member_string (object, "worker_status") != NULL)
    worker->status =
        gr_worker_status_parse (member_string (object, "worker_status"));
  if (member_string (object, "crawl_status") != NULL)
    worker->crawl_status =
        gr_crawl_status_parse (member_string (object, "crawl_status"));
  if (secondary_node && *secondary_node)
    {
      g_autofree char *clean = gr_text_clean (secondary_node, NAME_MAX_BYTES);

      replace (&worker->secondary_node, clean);
    }
  worker->last_synced = member_uint (object, "last_synced");
  worker->entry = member_uint (object, "entry");
  worker->data = member_uint (object, "data");
  worker->meta = member_uint (object, "meta");
  worker->failures = member_uint (object, "failures");
  /* gsyncd writes the checkpoint into the file only once it works on it;
   * until then the CLI's value (from the config) is the better one. */
  if (member_uint (object, "checkpoint_time") == 0)
    return;
  worker->checkpoint_time = member_uint (object, "checkpoint_time");
  worker->checkpoint_completion_time =
      member_uint (object, "checkpoint_completion_time");
  worker->checkpoint_completed =
      g_strcmp0 (member_string (object, "checkpoint_completed"), "Yes") == 0;
}

gboolean
gr_status_file_parse_brick (const char *text, gsize len, GrWorker *worker)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *fixed = NULL;
  gsize fixed_len = 0;
  JsonNode *root;

  if (len > STATUS_FILE_MAX)
    return FALSE;
  /* Python writes a brick path that is not UTF-8 as \udcXX escapes. */
  fixed = gr_text_json_fix (text, len, &fixed_len);
  if (!json_parser_load_from_data (parser, fixed, (gssize) fixed_len, NULL))
    return FALSE;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  apply_brick_json (json_node_get_object (root), worker);
  return TRUE;
}

gboolean
gr_status_file_read_brick (const char *session_dir, GrWorker *worker)
{
  g_autofree char *path = brick_file (session_dir, worker->primary_brick);
  gsize len = 0;
  g_autofree char *text = read_bounded (path, STATUS_FILE_MAX, &len);

  return text != NULL && gr_status_file_parse_brick (text, len, worker);
}

gboolean
gr_status_file_monitor_running (const char *pid_file)
{
  struct flock lock = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
  int fd = open (pid_file, O_RDONLY | O_CLOEXEC);
  gboolean running;

  if (fd < 0)
    return FALSE;
  /* F_GETLK only asks: the monitor's lock is never disturbed. */
  running = fcntl (fd, F_GETLK, &lock) == 0 && lock.l_type != F_UNLCK;
  close (fd);
  return running;
}

char *
gr_status_file_read_node_uuid (const char *glusterd_dir)
{
  g_autofree char *path =
      g_build_filename (glusterd_dir, "glusterd.info", NULL);
  gsize len = 0;
  g_autofree char *text = read_bounded (path, STATUS_FILE_MAX, &len);
  g_auto (GStrv) lines = NULL;

  if (text == NULL)
    return NULL;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    if (g_str_has_prefix (lines[i], "UUID="))
      return gr_text_clean (g_strstrip (lines[i] + strlen ("UUID=")),
                            NAME_MAX_BYTES);
  return NULL;
}
