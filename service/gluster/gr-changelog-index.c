/* georepd: a brick's changelog index (gr-changelog-index.h). */
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "gr-changelog-index.h"

#define CHANGED_PREFIX "CHANGELOG."
#define EMPTY_PREFIX "changelog."
#define INDEX_PREFIX "HTIME."

/* The last @c in @text's first @len bytes, NULL when there is none. */
static const char *
last_of (const char *text, gsize len, char c)
{
  while (len-- > 0)
    if (text[len] == c)
      return text + len;
  return NULL;
}

/* The time in the name of one entry ("…/CHANGELOG.1796623695", @len
 * bytes); 0 when it is not a changelog's. *@changed says whether it
 * recorded changes. */
static guint64
entry_time (const char *entry, gsize len, gboolean *changed)
{
  const char *slash = last_of (entry, len, '/');
  const char *name = slash ? slash + 1 : entry;
  gsize name_len = len - (gsize) (name - entry);
  gsize prefix_len = strlen (CHANGED_PREFIX);
  char digits[24];
  guint64 time = 0;

  *changed = FALSE;
  if (name_len <= prefix_len || name_len - prefix_len >= sizeof digits)
    return 0;
  *changed = strncmp (name, CHANGED_PREFIX, prefix_len) == 0;
  if (!*changed && strncmp (name, EMPTY_PREFIX, prefix_len) != 0)
    return 0;
  memcpy (digits, name + prefix_len, name_len - prefix_len);
  digits[name_len - prefix_len] = '\0';
  /* Unix seconds that a gint64 holds: lag is computed in those. */
  if (!g_ascii_isdigit (digits[0]) ||
      !g_ascii_string_to_unsigned (digits, 10, 1, G_MAXINT64, &time, NULL))
    return 0;
  return time;
}

/* Walks the entries from the newest back, in place: no copy, no split,
 * since every refresh of an idle session reads hundreds of them. */
guint64
gr_changelog_index_parse_oldest_unsynced (const char *tail,
                                          gsize len,
                                          gboolean cut,
                                          guint64 last_synced)
{
  guint64 oldest = 0;
  gsize end = len;

  if (last_synced == 0)
    return 0;
  while (end > 0)
    {
      const char *separator = last_of (tail, end, '\0');
      gsize start = separator ? (gsize) (separator - tail) + 1 : 0;
      gboolean changed;
      guint64 time;

      /* The first entry may be cut off by where the tail begins. */
      if (start == 0 && cut)
        break;
      time = entry_time (tail + start, end - start, &changed);
      if (time != 0 && time <= last_synced + 1)
        break;
      if (time != 0 && changed)
        oldest = time;
      end = start > 0 ? start - 1 : 0;
    }
  return oldest;
}

/* The newest HTIME.<ts> in @dir, NULL when there is none. */
static char *
newest_index (const char *dir)
{
  g_autoptr (GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  guint64 newest = 0;

  if (listing == NULL)
    return NULL;
  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, INDEX_PREFIX))
      newest = MAX (newest,
                    g_ascii_strtoull (name + strlen (INDEX_PREFIX), NULL, 10));
  if (newest == 0)
    return NULL;
  return g_strdup_printf ("%s/" INDEX_PREFIX "%" G_GUINT64_FORMAT, dir, newest);
}

/* Up to GR_CHANGELOG_INDEX_TAIL bytes from the end of @path; *@cut says
 * whether they start after its beginning. */
static GBytes *
read_tail (const char *path, gboolean *cut)
{
  int fd = open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  g_autofree char *buffer = NULL;
  off_t end, start;
  ssize_t got;

  if (fd < 0)
    return NULL;
  end = lseek (fd, 0, SEEK_END);
  start = end > GR_CHANGELOG_INDEX_TAIL ? end - GR_CHANGELOG_INDEX_TAIL : 0;
  *cut = start > 0;
  buffer = g_malloc (end > start ? (gsize) (end - start) : 1);
  got = end < 0 ? -1 : pread (fd, buffer, (gsize) (end - start), start);
  close (fd);
  if (got < 0)
    return NULL;
  return g_bytes_new_take (g_steal_pointer (&buffer), (gsize) got);
}

guint64
gr_changelog_index_oldest_unsynced (const char *brick, guint64 last_synced)
{
  g_autofree char *dir = NULL;
  g_autofree char *index = NULL;
  g_autoptr (GBytes) tail = NULL;
  gsize len;
  const char *data;
  gboolean cut = FALSE;

  if (last_synced == 0 || brick == NULL || !g_path_is_absolute (brick))
    return 0;
  dir = g_build_filename (brick, ".glusterfs", "changelogs", "htime", NULL);
  index = newest_index (dir);
  if (index == NULL || (tail = read_tail (index, &cut)) == NULL)
    return 0;
  data = g_bytes_get_data (tail, &len);
  return gr_changelog_index_parse_oldest_unsynced (data, len, cut, last_synced);
}
