/* georepd: one file as Verify sees it (gr-verify-digest.h). */
#include <string.h>

#include "gr-error.h"
#include "gr-text.h"
#include "gr-verify-digest.h"

static const char *const kind_names[] = {
  [GR_FILE_KIND_FILE] = "file",
  [GR_FILE_KIND_SYMLINK] = "symlink",
  [GR_FILE_KIND_MISSING] = "missing",
  [GR_FILE_KIND_OTHER] = "other",
  [GR_FILE_KIND_UNREADABLE] = "unreadable",
};

void
gr_file_digest_free (GrFileDigest *digest)
{
  if (digest == NULL)
    return;
  g_free (digest->path);
  g_free (digest->digest);
  g_free (digest);
}

const char *
gr_file_kind_to_string (GrFileKind kind)
{
  return kind_names[kind];
}

static gboolean
kind_from_string (const char *text, GrFileKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_str_equal (kind_names[i], text))
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

static gboolean
is_hex_digest (const char *text)
{
  if (strlen (text) != 64)
    return FALSE;
  for (const char *p = text; *p; p++)
    if (!g_ascii_isxdigit (*p))
      return FALSE;
  return TRUE;
}

static gboolean
parse_fields (GrFileDigest *digest, char **fields)
{
  char *end = NULL;

  if (g_strv_length (fields) != 3 ||
      !kind_from_string (fields[0], &digest->kind))
    return FALSE;
  digest->size = g_ascii_strtoull (fields[1], &end, 10);
  if (end == fields[1] || *end != '\0')
    return FALSE;
  if (g_str_equal (fields[2], "-"))
    return digest->kind != GR_FILE_KIND_FILE &&
           digest->kind != GR_FILE_KIND_SYMLINK;
  if (!is_hex_digest (fields[2]))
    return FALSE;
  digest->digest = g_ascii_strdown (fields[2], -1);
  return TRUE;
}

static gboolean
parse_line (GrFileDigest *digest, const char *line, gboolean with_path)
{
  const char *tab = strchr (line, '\t');
  g_autofree char *head = NULL;
  g_auto (GStrv) fields = NULL;

  if (with_path && (tab == NULL || tab[1] == '\0'))
    return FALSE;
  head = with_path ? g_strndup (line, tab - line) : g_strdup (line);
  fields = g_strsplit (head, " ", -1);
  if (!parse_fields (digest, fields))
    return FALSE;
  if (with_path)
    digest->path = g_strdup (tab + 1);
  return TRUE;
}

GrFileDigest *
gr_file_digest_parse (const char *line, gboolean with_path, GError **error)
{
  g_autoptr (GrFileDigest) digest = g_new0 (GrFileDigest, 1);

  if (!parse_line (digest, line, with_path))
    {
      g_set_error (error, GR_ERROR, GR_ERROR_FAILED,
                   "A digest line is malformed (%.40s)", line);
      return NULL;
    }
  return g_steal_pointer (&digest);
}

char *
gr_file_digest_format (const GrFileDigest *digest)
{
  g_autofree char *head = g_strdup_printf (
      "%s %" G_GUINT64_FORMAT " %s", gr_file_kind_to_string (digest->kind),
      digest->size, digest->digest ? digest->digest : "-");

  if (digest->path == NULL)
    return g_steal_pointer (&head);
  return g_strconcat (head, "\t", digest->path, NULL);
}

static gboolean
refuse_path (GError **error, const char *why)
{
  g_set_error (error, GR_ERROR, GR_ERROR_INVALID_ARGUMENT, "Invalid path: %s",
               why);
  return FALSE;
}

static gboolean
check_components (const char *path, GError **error)
{
  g_auto (GStrv) parts = g_strsplit (path, "/", -1);

  for (guint i = 0; parts[i]; i++)
    if (*parts[i] == '\0' || g_str_equal (parts[i], ".") ||
        g_str_equal (parts[i], ".."))
      return refuse_path (error, "empty, '.' or '..' component");
  return TRUE;
}

char *
gr_verify_path_normalize (const char *path, GError **error)
{
  const char *relative = path;

  if (!g_utf8_validate (path, -1, NULL))
    return refuse_path (error, "not UTF-8"), NULL;
  for (const char *p = path; *p; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      return refuse_path (error, "control character"), NULL;
  if (strlen (path) > GR_VERIFY_PATH_MAX)
    return refuse_path (error, "too long"), NULL;
  while (*relative == '/')
    relative++;
  if (*relative == '\0' || !check_components (relative, error))
    return (*relative == '\0' ? refuse_path (error, "empty") : FALSE), NULL;
  return g_strdup (relative);
}

static gboolean
add_line (GPtrArray *digests,
          const char *line,
          gboolean with_path,
          GError **error)
{
  GrFileDigest *digest = gr_file_digest_parse (line, with_path, error);

  if (digest == NULL)
    return FALSE;
  g_ptr_array_add (digests, digest);
  return TRUE;
}

GPtrArray *
gr_verify_parse_digests (const char *output,
                         gboolean with_path,
                         char **end,
                         GError **error)
{
  g_autoptr (GPtrArray) digests =
      g_ptr_array_new_with_free_func ((GDestroyNotify) gr_file_digest_free);
  g_auto (GStrv) lines = g_strsplit (output ? output : "", "\n", -1);

  *end = NULL;
  for (guint i = 0; lines[i] && *end == NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "end "))
        *end = gr_text_clean (lines[i] + 4, 32);
      else if (!add_line (digests, lines[i], with_path, error))
        return NULL;
    }
  if (*end == NULL)
    {
      g_set_error_literal (error, GR_ERROR, GR_ERROR_FAILED,
                           "The file list ended early");
      return NULL;
    }
  return g_steal_pointer (&digests);
}
